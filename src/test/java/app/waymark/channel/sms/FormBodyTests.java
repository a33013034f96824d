package app.waymark.channel.sms;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FormBodyTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			From=%2B447700900123&Body=hi+there   | Body | hi there
			Body=%F0%9F%9A%8C%20bus              | Body | 🚌 bus
			Body=%D8%B3%D9%84%D8%A7%D9%85        | Body | سلام
			Body=a%2Bb%26c%3Dd                   | Body | a+b&c=d
			Body=first&Body=second               | Body | first
			Body=                                | Body | ''
			Body                                 | Body | ''
			""")
	void parses(String body, String key, String expected) throws Exception {
		Map<String, String> form = FormBody.parse(body.getBytes(StandardCharsets.UTF_8));
		assertThat(form).containsEntry(key, expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Body=caf%E9", "Body=%C3", "Body=%ZZ", "Body=%4", "Body=%ED%A0%80" })
	void refusesMalformedEscapes(String body) {
		assertThatExceptionOfType(FormBody.MalformedFormException.class)
			.isThrownBy(() -> FormBody.parse(body.getBytes(StandardCharsets.US_ASCII)));
	}

	@ParameterizedTest
	@ValueSource(ints = { 0xE9, 0xFF, 0xC3 })
	void refusesRawBytesThatAreNotUtf8(int bad) {
		byte[] body = { 'B', 'o', 'd', 'y', '=', 'a', (byte) bad };
		assertThatExceptionOfType(FormBody.MalformedFormException.class).isThrownBy(() -> FormBody.parse(body))
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("Body"));
	}

}
