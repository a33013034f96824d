package app.waymark.channel;

/**
 * What the rest of Waymark may know about one channel, and how it turns a channel-neutral
 * {@link OutboundMessage} into what its sender sends. Every channel package makes one of
 * these a bean whether or not its provider is configured, so a plan or a worker's choice
 * can name a channel that is switched off for now; {@link Channels} collects them.
 */
public interface Channel {

	/** Its name in the database and the API ("sms", "telegram"). */
	String name();

	/**
	 * Whether a message can reach a person after the request that brought theirs has
	 * ended: check-ins, alerts and worker replies can go by it.
	 */
	boolean sendsLater();

	/**
	 * Whether a worker's reply can be left for the person here: every channel that sends
	 * later, and one that keeps it until their next visit (the web chat), though it takes
	 * no check-ins or alerts.
	 */
	default boolean holdsReplies() {
		return sendsLater();
	}

	/**
	 * Whether its provider reports delivery later (a status callback moves a sent message
	 * on to DELIVERED or FAILED). Without reports, a message the channel took has arrived
	 * as far as anyone will know: Telegram's chat, the web chat's conversation.
	 */
	default boolean reportsDelivery() {
		return false;
	}

	/** Whether it shows {@link Choice choices} as buttons a person can press. */
	boolean takesButtons();

	/** The most characters one queued message may carry. */
	int maxLength();

	/**
	 * The message as this channel's sender takes it: the text (folded, with choices
	 * written out where the channel has no buttons) and channel-owned extras (stored
	 * sealed in {@code outbound.extras}, null when none).
	 */
	Rendered render(OutboundMessage message);

	record Rendered(String text, String extras) {
	}

}
