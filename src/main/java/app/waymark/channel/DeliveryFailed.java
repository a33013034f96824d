package app.waymark.channel;

/**
 * Published when a check-in or alert could not be delivered after every retry, or was
 * refused for good, so a person hears about it at once.
 */
public record DeliveryFailed(long messageId, String channel, OutboundMessage.Purpose purpose, Long youngPersonId,
		Long workerId, String reason) {
}
