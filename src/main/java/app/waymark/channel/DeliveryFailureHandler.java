package app.waymark.channel;

import reactor.core.publisher.Mono;

/**
 * A feature's part in a delivery that failed for good, or a chat that can no longer be
 * reached: the alert feature raises DELIVERY_FAILED, the check-in feature moves the plan
 * to its next channel. Called by {@link DeliveryFailures} from a durable row until every
 * handler has succeeded, so a handler may be called again for the same failure and must
 * not mind.
 */
public interface DeliveryFailureHandler {

	Mono<Void> on(DeliveryFailed failed);

	/** A chat that can no longer be reached; most features have nothing to do. */
	default Mono<Void> on(ChatUnreachable unreachable) {
		return Mono.empty();
	}

}
