package app.waymark.announcement;

import java.util.List;

import app.waymark.channel.Channels;
import app.waymark.channel.sms.SmsChannel;
import app.waymark.channel.telegram.TelegramChannel;
import app.waymark.channel.web.WebChannel;
import app.waymark.channel.whatsapp.WhatsAppChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each channel's rendering of an announcement, as its own channel makes it. */
class PreviewsTests {

	static final Channels CHANNELS = new Channels(
			List.of(new TelegramChannel(), new SmsChannel(), new WhatsAppChannel(), new WebChannel()));

	record Case(String label, String body, String channel, String text, String note, int segments) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static List<Case> cases() {
		String long161 = "a".repeat(161);
		return List.of(
				new Case("short SMS in GSM-7", "Rights session on Tuesday at 6pm.", "sms",
						"Rights session on Tuesday at 6pm.", "GSM-7, 33 characters, 1 segment", 1),
				new Case("smart quotes and dashes are folded to GSM-7, as SMS sends them",
						"It\u2019s on \u2013 \u201cfree\u201d", "sms", "It's on - \"free\"",
						"GSM-7, 16 characters, 1 segment", 1),
				new Case("161 characters take two segments of 153", long161, "sms", long161,
						"GSM-7, 161 characters, 2 segments", 2),
				new Case("the euro sign costs two septets", "\u20ac".repeat(80), "sms", "\u20ac".repeat(80),
						"GSM-7, 160 characters, 1 segment", 1),
				new Case("an emoji makes it Unicode: 70 a segment", "Party \uD83C\uDF89 " + "b".repeat(70), "sms",
						"Party \uD83C\uDF89 " + "b".repeat(70),
						"Unicode (a character outside GSM-7: 70 a segment, not 160), 79 characters, 2 segments", 2),
				new Case("WhatsApp keeps the text as written", "It\u2019s on", "whatsapp", "It\u2019s on",
						"7 characters", 0),
				new Case("Telegram keeps the text as written", "It\u2019s *on*", "telegram", "It\u2019s *on*",
						"9 characters", 0),
				new Case("the web chat keeps the text as written", "See you there", "web", "See you there",
						"13 characters", 0));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void rendersAsTheChannelSends(Case c) {
		Previews.Preview preview = new Previews(CHANNELS).of(c.body())
			.stream()
			.filter(p -> p.channel().equals(c.channel()))
			.findFirst()
			.orElseThrow();
		assertThat(preview.text()).isEqualTo(c.text());
		assertThat(preview.note()).isEqualTo(c.note());
		assertThat(preview.segments()).isEqualTo(c.segments());
	}

	@org.junit.jupiter.api.Test
	void everyChannelThatHoldsAMessageIsPreviewedWithItsName() {
		assertThat(new Previews(CHANNELS).of("Hi")).extracting(Previews.Preview::label)
			.containsExactly("Telegram", "SMS", "WhatsApp", "Web chat");
	}

}
