package app.waymark.channel.telegram;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check-in button reads as the words the check-in feature takes as that answer ("1",
 * "good", "👍" are all GOOD there); anything else is no check-in button.
 */
class CheckInButtonTests {

	@ParameterizedTest
	@CsvSource({ "checkin:GOOD, good", "checkin:OK, ok", "checkin:NEED_HELP, need help" })
	void buttonsReadAsTheirWords(String data, String text) {
		assertThat(TelegramUpdates.checkInButtonText(data)).isEqualTo(text);
	}

	@ParameterizedTest
	@CsvSource({ "topic:travel", "'checkin:GOOD '", "GOOD", "checkin:", "checkin:FREE_TEXT", "good" })
	void otherButtonDataIsNotAnAnswer(String data) {
		assertThat(TelegramUpdates.checkInButtonText(data)).isNull();
	}

}
