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
 */
public record InboundMessage(String channel, String address, String text, String language,
		Instant receivedAt) implements Message {

	public InboundMessage {
		text = text == null ? "" : text;
	}

}
