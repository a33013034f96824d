package app.waymark.channel;

/**
 * A message to send, as the conversation core and alerts hand it to a channel.
 *
 * @param channel the channel to send by
 * @param address the recipient on that channel
 * @param text the text, already shaped for the channel
 * @param extras channel-specific extras as JSON (Telegram buttons), or null
 * @param purpose why it is sent: retries and failure handling depend on it
 * @param youngPersonId the young person it concerns, if known
 * @param workerId the worker it goes to or comes from, if known
 * @param kind what it is in the conversation (ANSWER, CRISIS, CHECK_IN, ALERT, ...)
 */
public record OutboundMessage(String channel, String address, String text, String extras, Purpose purpose,
		Long youngPersonId, Long workerId, String kind) {

	public enum Purpose {

		/** A reply to something the young person just sent. */
		REPLY,
		/** A keep-in-touch check-in: its failure is the worker's business. */
		CHECK_IN,
		/** An alert to a worker: its failure must never go unnoticed. */
		ALERT,
		/** A worker writing to a young person through Waymark. */
		WORKER_REPLY;

		public boolean failureNeedsAHuman() {
			return this == CHECK_IN || this == ALERT;
		}

	}

}
