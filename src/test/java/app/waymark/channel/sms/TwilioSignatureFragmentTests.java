package app.waymark.channel.sms;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook URL configured with Twilio's connection overrides ({@code #rc=3&rp=all}): the
 * request never carries the fragment, so a signature over the URL with it must be checked
 * against the configured fragment, and one without it still holds.
 */
class TwilioSignatureFragmentTests {

	static final String URL = "https://waymark.example/webhooks/twilio/sms";

	static final Map<String, String> SMS = Map.of("From", "+447700900123", "Body", "hi", "MessageSid", "SM1");

	record Case(String label, String configured, String signedUrl, boolean valid) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static Case[] cases() {
		return new Case[] { new Case("signed without the fragment, none configured", "", URL, true),
				new Case("signed without the fragment, one configured", "rc=3&rp=all", URL, true),
				new Case("signed with the configured fragment", "rc=3&rp=all", URL + "#rc=3&rp=all", true),
				new Case("signed with a fragment, none configured", "", URL + "#rc=3&rp=all", false),
				new Case("signed with another fragment", "rc=3&rp=all", URL + "#rc=5&rp=all", false) };
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void acceptsTheUrlWithOrWithoutTheConfiguredFragment(Case c) {
		String signature = TwilioSigning.sign("secret", c.signedUrl(), SMS);
		assertThat(new TwilioSignature("secret", c.configured()).valid(URL, SMS, signature)).isEqualTo(c.valid());
	}

}
