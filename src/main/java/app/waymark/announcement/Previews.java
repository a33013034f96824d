package app.waymark.announcement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.waymark.channel.Channel;
import app.waymark.channel.Channels;
import app.waymark.channel.OutboundMessage;
import app.waymark.system.SmsText;

import org.springframework.stereotype.Component;

/**
 * An announcement as each channel would send it, by asking the channel itself to render
 * it (so SMS shows the GSM-7 folding it really gets), with what SMS charges: characters
 * in its own unit and segments.
 */
@Component
class Previews {

	/** What people call each channel on screen. */
	private static final Map<String, String> LABELS = Map.of("sms", "SMS", "whatsapp", "WhatsApp", "telegram",
			"Telegram", "web", "Web chat");

	static final String KIND = "ANNOUNCEMENT";

	private final Channels channels;

	Previews(Channels channels) {
		this.channels = channels;
	}

	/**
	 * One channel's rendering.
	 *
	 * @param channel its name
	 * @param label its name on screen
	 * @param text the text as sent
	 * @param note what to know about it: encoding and segments for SMS, else the limit
	 * @param segments SMS segments, 0 for other channels
	 */
	record Preview(String channel, String label, String text, String note, int segments) {
	}

	List<Preview> of(String body) {
		List<Preview> previews = new ArrayList<>();
		for (String name : this.channels.holdingReplies()) {
			this.channels.find(name).ifPresent(channel -> previews.add(preview(channel, body)));
		}
		return previews;
	}

	static String label(String channel) {
		return channel == null ? "" : LABELS.getOrDefault(channel, channel);
	}

	static Preview preview(Channel channel, String body) {
		String text = channel
			.render(new OutboundMessage(channel.name(), "", body, List.of(), OutboundMessage.Purpose.ANNOUNCEMENT, null,
					null, KIND))
			.text();
		if ("sms".equals(channel.name())) {
			return new Preview(channel.name(), label(channel.name()), text, smsNote(text), SmsText.segments(text));
		}
		String note = text.length() + " characters" + (text.length() > channel.maxLength()
				? ", over this channel's limit of " + channel.maxLength() + ": cut short" : "");
		return new Preview(channel.name(), label(channel.name()), text, note, 0);
	}

	/** "GSM-7, 171 characters, 2 segments", or why it is Unicode (fewer per segment). */
	static String smsNote(String text) {
		int segments = SmsText.segments(text);
		boolean gsm = SmsText.isGsm7(text);
		return (gsm ? "GSM-7" : "Unicode (a character outside GSM-7: 70 a segment, not 160)") + ", "
				+ SmsText.units(text) + " characters" + ", " + segments + (segments == 1 ? " segment" : " segments");
	}

}
