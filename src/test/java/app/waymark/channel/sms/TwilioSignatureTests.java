package app.waymark.channel.sms;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioSignatureTests {

	static final String TOKEN = "12345";

	static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

	static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030", "Digits",
			"1234", "From", "+12349013030", "To", "+18005551212");

	static final String DOCS_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

	@Test
	void docsWorkedExample() {
		assertThat(TwilioSigning.sign(TOKEN, URL, PARAMS)).isEqualTo(DOCS_SIGNATURE);
		assertThat(new TwilioSignature(TOKEN).valid(URL, PARAMS, DOCS_SIGNATURE)).isTrue();
	}

	record Case(String label, String token, String url, Map<String, String> params, String signature, boolean valid) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static Case[] cases() {
		Map<String, String> sms = Map.of("From", "+447700900123", "To", "+447700900000", "Body", "hi ✓ سلام",
				"MessageSid", "SM123");
		String smsUrl = "https://waymark.example/webhooks/twilio/sms";
		return new Case[] { new Case("valid docs example", TOKEN, URL, PARAMS, DOCS_SIGNATURE, true),
				new Case("valid sms with unicode", "secret", smsUrl, sms, TwilioSigning.sign("secret", smsUrl, sms),
						true),
				new Case("signed with another token", "secret", smsUrl, sms, TwilioSigning.sign("other", smsUrl, sms),
						false),
				new Case("body changed after signing", "secret", smsUrl,
						Map.of("From", "+447700900123", "To", "+447700900000", "Body", "changed", "MessageSid",
								"SM123"),
						TwilioSigning.sign("secret", smsUrl, sms), false),
				new Case("missing signature", TOKEN, URL, PARAMS, null, false),
				new Case("empty signature", TOKEN, URL, PARAMS, "", false),
				new Case("garbage signature", TOKEN, URL, PARAMS, "not base64 at all!", false),
				new Case("URL mismatch: other host", TOKEN, "https://evil.example/myapp.php?foo=1&bar=2", PARAMS,
						DOCS_SIGNATURE, false),
				new Case("URL mismatch: other path", "secret", "https://waymark.example/webhooks/twilio/status", sms,
						TwilioSigning.sign("secret", smsUrl, sms), false),
				new Case("URL mismatch: query dropped", TOKEN, "https://mycompany.com/myapp.php", PARAMS,
						DOCS_SIGNATURE, false) };
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void checksSignatures(Case c) {
		assertThat(new TwilioSignature(c.token()).valid(c.url(), c.params(), c.signature())).isEqualTo(c.valid());
	}

}
