package app.waymark.channel;

import java.util.List;

/**
 * A message to send, as the conversation core and alerts hand it to a channel.
 *
 * @param channel the channel to send by
 * @param address the recipient on that channel
 * @param text plain text, or (when {@code markup}) text the channel's own shaper wrote in
 * its markup
 * @param choices the answers offered, which the channel shows its own way; empty for none
 * @param purpose why it is sent: retries and failure handling depend on it
 * @param youngPersonId the young person it concerns, if known
 * @param workerId the worker it goes to or comes from, if known
 * @param kind what it is in the conversation (ANSWER, CRISIS, CHECK_IN, ALERT, ...)
 * @param markup whether {@code text} is already in the channel's markup (Telegram
 * MarkdownV2, escaped), written by that channel's shaper; false for plain text from
 * anywhere else
 */
public record OutboundMessage(String channel, String address, String text, List<Choice> choices, Purpose purpose,
		Long youngPersonId, Long workerId, String kind, boolean markup) {

	public OutboundMessage {
		choices = choices == null ? List.of() : List.copyOf(choices);
	}

	/** Plain text, as every feature outside the channels writes it. */
	public OutboundMessage(String channel, String address, String text, List<Choice> choices, Purpose purpose,
			Long youngPersonId, Long workerId, String kind) {
		this(channel, address, text, choices, purpose, youngPersonId, workerId, kind, false);
	}

	public enum Purpose {

		/** A reply to something the young person just sent. */
		REPLY,
		/** A keep-in-touch check-in: its failure is the worker's business. */
		CHECK_IN,
		/** An alert to a worker: its failure must never go unnoticed. */
		ALERT,
		/** A worker writing to a young person through Waymark. */
		WORKER_REPLY,
		/**
		 * One message to many young people: its failure is counted on the announcement's
		 * status page, not raised to a person.
		 */
		ANNOUNCEMENT;

		public boolean failureNeedsAHuman() {
			return this == CHECK_IN || this == ALERT;
		}

	}

}
