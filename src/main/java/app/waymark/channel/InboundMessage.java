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
 */
public record InboundMessage(String channel, String address, String text, String language, Instant receivedAt,
		String client) implements Message {

	public InboundMessage {
		text = text == null ? "" : text;
	}

	public InboundMessage(String channel, String address, String text, String language, Instant receivedAt) {
		this(channel, address, text, language, receivedAt, null);
	}

	/** The same message read in another language. */
	public InboundMessage inLanguage(String other) {
		return new InboundMessage(this.channel, this.address, this.text, other, this.receivedAt, this.client);
	}

}
