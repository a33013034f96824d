package app.waymark.channel;

import java.time.Instant;

import app.waymark.conversation.Message;

/**
 * A message from a young person (or anyone) as every channel delivers it to the
 * conversation core: no provider types, no provider quirks.
 *
 * @param channel which channel it came by ("sms", "telegram", "web")
 * @param address the sender on that channel (E.164 number, chat id, browser session)
 * @param text what they wrote, possibly empty (a sticker, a photo)
 * @param language the sender's language if known (ISO 639-1), or null
 * @param receivedAt when Waymark received it
 * @param client for the public web chat, a keyed hash of the network address it came from
 * (the conversation id is new for every stranger, the client is not); null for provider
 * channels
 * @param choice the payload of the {@link Choice} they pressed ({@code ack:12}), or null
 * when they wrote; {@code text} then holds the words it stands for
 */
public record InboundMessage(String channel, String address, String text, String language, Instant receivedAt,
		String client, String choice) implements Message {

	public InboundMessage {
		text = text == null ? "" : text;
	}

	public InboundMessage(String channel, String address, String text, String language, Instant receivedAt,
			String client) {
		this(channel, address, text, language, receivedAt, client, null);
	}

	public InboundMessage(String channel, String address, String text, String language, Instant receivedAt) {
		this(channel, address, text, language, receivedAt, null, null);
	}

	/**
	 * A pressed choice, read as the words it stands for ({@link Choice#words}); null when
	 * the payload is none Waymark offers.
	 */
	public static InboundMessage pressed(String channel, String address, String payload, String language,
			Instant receivedAt) {
		String words = Choice.words(payload);
		return words == null ? null : new InboundMessage(channel, address, words, language, receivedAt, null, payload);
	}

	/** The same message read in another language. */
	public InboundMessage inLanguage(String other) {
		return new InboundMessage(this.channel, this.address, this.text, other, this.receivedAt, this.client,
				this.choice);
	}

}
