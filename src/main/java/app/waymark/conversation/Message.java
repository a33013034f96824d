package app.waymark.conversation;

/**
 * A message as the conversation core reads it. The channels' inbound message is one; the
 * core owns this view so it never depends on the channels that deliver to it.
 */
public interface Message {

	/** Which channel it came by ("sms", "telegram", "web"). */
	String channel();

	/** The sender on that channel. */
	String address();

	/** What they wrote, never null. */
	String text();

	/** The sender's language if known (ISO 639-1), or null. */
	String language();

}
