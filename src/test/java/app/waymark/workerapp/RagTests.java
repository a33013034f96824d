package app.waymark.workerapp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RagTests {

	@ParameterizedTest(name = "urgent={0} status={1} answer={2} failed={3} unreachable={4} -> {5}")
	@CsvSource(nullValues = "-", textBlock = """
			false, -,        -,         false, false, GREEN
			false, ANSWERED, GOOD,      false, false, GREEN
			false, ANSWERED, OK,        false, false, GREEN
			false, SENT,     -,         false, false, GREEN
			false, ANSWERED, FREE_TEXT, false, false, GREEN
			true,  -,        -,         false, false, RED
			false, ANSWERED, NEED_HELP, false, false, RED
			true,  NO_REPLY, -,         true,  true,  RED
			false, NO_REPLY, -,         false, false, AMBER
			false, REMINDED, -,         false, false, AMBER
			false, ANSWERED, GOOD,      true,  false, AMBER
			false, ANSWERED, GOOD,      false, true,  AMBER
			false, NO_REPLY, NEED_HELP, false, false, RED
			""")
	void statusFollowsTheRules(boolean urgent, String status, String answer, boolean failed, boolean unreachable,
			Rag expected) {
		assertThat(Rag.of(new Rag.Inputs(urgent, status, answer, failed, unreachable))).isEqualTo(expected);
	}

}
