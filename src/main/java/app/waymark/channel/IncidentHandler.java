package app.waymark.channel;

import reactor.core.publisher.Mono;

/**
 * Work that must be done, and stored, before an inbound message counts as handled: a
 * {@link DangerSignalled} message raises its alert before the provider's webhook is
 * answered, so a crash can lose neither the message nor the alert.
 */
public interface IncidentHandler {

	Mono<Void> on(DangerSignalled incident);

	/** A young person asked for their worker; raised before the reply goes out. */
	default Mono<Void> on(HandoverRequested request) {
		return Mono.empty();
	}

	/** A message nobody answered in time; raised before it is marked missed. */
	default Mono<Void> on(MessageMissed missed) {
		return Mono.empty();
	}

}
