package app.waymark.channel;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pressed choice reads as the words a feature takes as that answer ("good" is GOOD for
 * check-ins, "ACK 12" acknowledges alert 12); anything Waymark never offers reads as
 * nothing.
 */
class ChoiceTests {

	@ParameterizedTest
	@CsvSource({ "checkin:GOOD, good", "checkin:OK, ok", "checkin:NEED_HELP, need help", "ack:12, ACK 12",
			"topic:housing, housing", "pick:2, 2", "cmd:topics, topics", "lang:fa, LANGUAGE fa" })
	void payloadsReadAsTheirWords(String payload, String words) {
		assertThat(Choice.words(payload)).isEqualTo(words);
	}

	@ParameterizedTest
	@CsvSource({ "'checkin:GOOD '", "GOOD", "checkin:", "checkin:FREE_TEXT", "good", "ack:", "ack:12a", "pick:0",
			"topic:", "lang:", "lang:1234" })
	void otherPayloadsAreNoChoice(String payload) {
		assertThat(Choice.words(payload)).isNull();
		assertThat(InboundMessage.pressed("sms", "+447700900001", payload, null, Instant.EPOCH)).isNull();
	}

	@Test
	void aPressKeepsItsPayloadBesideItsWords() {
		InboundMessage pressed = InboundMessage.pressed("telegram", "42", "ack:7", "en", Instant.EPOCH);
		assertThat(pressed.text()).isEqualTo("ACK 7");
		assertThat(pressed.choice()).isEqualTo("ack:7");
		assertThat(pressed.inLanguage("fr").choice()).isEqualTo("ack:7");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "Reply 1 Good, 2 OK, 3 Need help | 1", "Reply 1 Good | 2", "Reply 10 | 1", "x1 y | 1", "(1) | 1",
					"1 | 1", "Ack 12 now | ACK 12", "ACK 123 | ACK 12", "Réponds 1é | 1", "a²1 | 1", "ⅷ1 | 1",
					"Ⅻ-3 | 3", "STRASSE | strasse", "ends with 3 | 3", "3 | 4", "'' | 1", "Need help! | need help" })
	void mentionsFindsWholeWordsInAnyCaseAsThePatternDid(String text, String words) {
		boolean pattern = Pattern
			.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(words) + "(?![\\p{L}\\p{N}])",
					Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
			.matcher(text)
			.find();
		assertThat(Choice.mentions(text, words)).isEqualTo(pattern);
	}

	@Test
	void writtenOutAddsTheAnswersOnlyWhenTheTextDoesNotNameThemAll() {
		List<Choice> choices = List.of(new Choice("1 Good", "checkin:GOOD", "1"), new Choice("2 OK", "checkin:OK", "2"),
				new Choice("3 Need help", "checkin:NEED_HELP", "3"));
		assertThat(Choice.writtenOut("Reply 1 Good, 2 OK, 3 Need help", choices))
			.isEqualTo("Reply 1 Good, 2 OK, 3 Need help");
		assertThat(Choice.writtenOut("Reply 1 Good or 2 OK", choices))
			.isEqualTo("Reply 1 Good or 2 OK\nReply 1, 2 or 3");
	}

}
