package app.waymark.channel;

import reactor.core.publisher.Mono;

/**
 * Work that must be done, and stored, before an inbound message counts as answered: a
 * {@link DangerSignalled} message raises its alert before its reply is queued. The
 * message is stored before the provider's webhook is acknowledged, so if the instance
 * dies in between, {@link UnansweredSweep} answers it and the alert is raised then.
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
