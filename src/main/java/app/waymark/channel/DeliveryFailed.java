package app.waymark.channel;

/**
 * A check-in or alert that could not be delivered after every retry, or was refused for
 * good. Kept as a {@code delivery_failure} row until every {@link DeliveryFailureHandler}
 * has done its part; also published once that row has committed, so
 * {@link DeliveryFailures} hands it over at once rather than at its next pass.
 */
public record DeliveryFailed(long messageId, String channel, OutboundMessage.Purpose purpose, Long youngPersonId,
		Long workerId, String reason) {
}
