package app.waymark.alert;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Which texts from a worker are an acknowledgement, and which are left to the bot. */
class WorkerCommandsTests {

	@ParameterizedTest(name = "\"{0}\" -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			ACK 1234       | true
			ack 7          | true
			Ack #12        | true
			ack:12         | true
			ACK12          | true
			'  ack 12.  '  | true
			ACK            | false
			acknowledge 12 | false
			back 12        | false
			ACK 12 13      | false
			ACK twelve     | false
			ACK 1234567890123456789 | false
			""")
	void recognisesAcknowledgements(String text, boolean command) {
		assertThat(WorkerCommands.isCommand(text)).isEqualTo(command);
	}

}
