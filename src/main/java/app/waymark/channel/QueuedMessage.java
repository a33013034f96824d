package app.waymark.channel;

import java.time.Instant;

/**
 * A row of the outbound queue, opened for sending.
 *
 * @param id the queue row
 * @param messageId the message log row it belongs to
 * @param attempts how many times it was tried before this one
 * @param inFlightSince when an earlier attempt that may have reached the provider began
 * (its outcome never became known), or null
 */
public record QueuedMessage(long id, long messageId, String channel, String address, String text, String extras,
		OutboundMessage.Purpose purpose, int attempts, Long youngPersonId, Long workerId, Instant inFlightSince) {
}
