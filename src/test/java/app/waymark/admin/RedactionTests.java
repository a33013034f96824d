package app.waymark.admin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			UK mobile           | call me on 07700 900123 please      | call me on [phone] please
			international       | ring +44 (0)7700-900-123 now        | ring [phone] now
			email               | write to sam.o@example.org ok       | write to [email] ok
			long digit run      | my NI is AB123456C, ref 1234567     | my NI is AB[number]C, ref [number]
			name after my name  | Hi my name is Sam Okafor and I need | Hi my name is [name] and I need
			name lower case     | my name is jo, help                 | my name is [name], help
			short numbers stay  | I am 19 and need 200 pounds         | I am 19 and need 200 pounds
			""")
	void personalDetailsBecomePlaceholders(String label, String text, String expected) {
		assertThat(Redaction.redact(text)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			How do I get a railcard?     | railcard
			railcard how get I do        | railcard
			Council tax, council TAX!    | council tax
			""")
	void wordingIsSortedUniqueContentWords(String text, String wording) {
		assertThat(Redaction.wording(Redaction.redact(text))).isEqualTo(wording);
	}

}
