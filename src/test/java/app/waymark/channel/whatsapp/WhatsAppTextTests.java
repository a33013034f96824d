package app.waymark.channel.whatsapp;

import java.util.List;

import app.waymark.channel.Channel;
import app.waymark.channel.Choice;
import app.waymark.channel.OutboundMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WhatsApp text: no GSM folding and no segments, 1,600 characters a message, bold as
 * WhatsApp writes it, choices written out.
 */
class WhatsAppTextTests {

	private final WhatsAppChannel channel = new WhatsAppChannel();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "smart quotes stay|It\u2019s \u201Cfree\u201D \u2013 ask|It\u2019s \u201Cfree\u201D \u2013 ask",
					"emoji stay|Good \uD83D\uDC4D|Good \uD83D\uDC4D",
					"Arabic stays|\u0633\u0644\u0627\u0645|\u0633\u0644\u0627\u0645" })
	void textIsNotFoldedAsSmsWouldBe(String why, String text, String sent) {
		assertThat(this.channel.render(message(text, List.of(), "ANSWER")).text()).isEqualTo(sent);
	}

	@Test
	void choicesAreWrittenOutAndTheKindTravelsForTheTemplate() {
		Channel.Rendered rendered = this.channel
			.render(message("Alert 12: Jo - crisis.", List.of(new Choice("Acknowledge", "ack:12", "ACK 12")), "ALERT"));
		assertThat(rendered.text()).isEqualTo("Alert 12: Jo - crisis.\nReply ACK 12");
		assertThat(Extras.kindOf(rendered.extras())).isEqualTo("ALERT");
		assertThat(Extras.kindOf("not json")).isNull();
		assertThat(Extras.kindOf(null)).isNull();
	}

	@ParameterizedTest(name = "{0} characters")
	@CsvSource({ "10, 1", "1600, 1", "1601, 2", "4000, 3" })
	void longTextIsSplitAtWordsIntoMessagesWhatsAppTakes(int length, int messages) {
		String text = "word ".repeat(length / 5 + 1).substring(0, length);
		List<String> parts = WhatsAppText.split(text, WhatsAppText.MAX_LENGTH);
		assertThat(parts).hasSize(messages)
			.allSatisfy(part -> assertThat(part).hasSizeLessThanOrEqualTo(WhatsAppText.MAX_LENGTH)
				.doesNotStartWith(" ")
				.doesNotEndWith(" "));
		assertThat(String.join(" ", parts)).isEqualTo(text.strip());
	}

	@Test
	void oneMessageTooLongIsCutAndMarked() {
		String fitted = WhatsAppText.fit("x ".repeat(1000));
		assertThat(fitted).hasSizeLessThanOrEqualTo(WhatsAppText.MAX_LENGTH).endsWith("\u2026");
		assertThat(WhatsAppText.fit("short")).isEqualTo("short");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "Bus pass|*Bus pass*", "' Bus pass '|*Bus pass*", "a*b|*ab*" })
	void boldHugsTheWords(String title, String bold) {
		assertThat(WhatsAppText.bold(title)).isEqualTo(bold);
	}

	private static OutboundMessage message(String text, List<Choice> choices, String kind) {
		return new OutboundMessage("whatsapp", "whatsapp:+447700900001", text, choices, OutboundMessage.Purpose.ALERT,
				null, 1L, kind);
	}

}
