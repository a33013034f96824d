package app.waymark.channel;

import java.time.Instant;

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

}
