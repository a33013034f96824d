package app.waymark.conversation;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CommandTests {

	/** A command is the whole message; the same words inside a question are not one. */
	@ParameterizedTest(name = "\"{0}\" -> {1}")
	@CsvSource(delimiter = '|',
			value = { "Talk to a person | WORKER", "talk to a person. | WORKER", "/worker | WORKER",
					"speak to someone! | WORKER", "  HELP  | HELP", "more | MORE",
					"how do i talk to a person at the council | ", "how do i stop my tenancy | " })
	void theWholeMessageIsTheCommand(String text, Command expected) {
		assertThat(Command.parse(text)).isEqualTo(Optional.ofNullable(expected));
	}

}
