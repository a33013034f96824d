package app.waymark.checkin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerTests {

	@ParameterizedTest(name = "\"{0}\" is {1}")
	@CsvSource(delimiter = '|', textBlock = """
			1                    | GOOD
			' 1 '                | GOOD
			Good                 | GOOD
			good!                | GOOD
			👍                   | GOOD
			👍🏽                  | GOOD
			2                    | OK
			ok                   | OK
			OK.                  | OK
			Okay                 | OK
			3                    | NEED_HELP
			need help            | NEED_HELP
			Help                 | NEED_HELP
			I need help!         | NEED_HELP
			12                   | FREE_TEXT
			not good at all      | FREE_TEXT
			my landlord shouts   | FREE_TEXT
			''                   | FREE_TEXT
			""")
	void readsAnswers(String text, Answer expected) {
		assertThat(Answer.of(text)).isEqualTo(expected);
	}

}
