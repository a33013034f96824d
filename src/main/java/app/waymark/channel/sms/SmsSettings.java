package app.waymark.channel.sms;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Twilio SMS settings, bound from {@code waymark.sms.*} (mapped from the TWILIO_* and
 * WAYMARK_* environment variables in application.yml).
 *
 * @param accountSid TWILIO_ACCOUNT_SID
 * @param authToken TWILIO_AUTH_TOKEN: signs webhooks and authenticates API calls
 * @param fromNumber TWILIO_FROM_NUMBER (E.164), or blank when a messaging service sends
 * @param messagingServiceSid TWILIO_MESSAGING_SERVICE_SID, used instead of the number
 * @param apiBaseUrl TWILIO_API_BASE_URL: where API calls go (a stub in tests)
 * @param publicBaseUrl WAYMARK_PUBLIC_BASE_URL: the scheme and host Twilio calls, which
 * the webhook signature covers
 * @param rate WAYMARK_SMS_RATE: messages a second sent to Twilio
 * @param timeout WAYMARK_SMS_TIMEOUT: longest wait for Twilio's answer; a call without
 * one may still have been accepted, so it is checked for before sending again. A call can
 * take twice this, which the outbound lease must outlast.
 * @param webhookFragment TWILIO_WEBHOOK_FRAGMENT: the connection overrides put after
 * {@code #} on the webhook URL in the Twilio console (e.g. {@code rc=3&rp=all}), which a
 * request never carries but Twilio may sign
 */
@ConfigurationProperties("waymark.sms")
public record SmsSettings(String accountSid, String authToken, String fromNumber, String messagingServiceSid,
		@DefaultValue("https://api.twilio.com") String apiBaseUrl, @DefaultValue("") String publicBaseUrl,
		@DefaultValue("1") double rate, @DefaultValue("20s") Duration timeout,
		@DefaultValue("") String webhookFragment) {

	public SmsSettings {
		accountSid = blankToEmpty(accountSid);
		authToken = blankToEmpty(authToken);
		fromNumber = blankToEmpty(fromNumber);
		messagingServiceSid = blankToEmpty(messagingServiceSid);
		apiBaseUrl = apiBaseUrl == null || apiBaseUrl.isBlank() ? "https://api.twilio.com" : apiBaseUrl.strip();
		publicBaseUrl = stripTrailingSlash(blankToEmpty(publicBaseUrl));
		timeout = timeout == null || timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(20) : timeout;
		webhookFragment = blankToEmpty(webhookFragment);
		webhookFragment = webhookFragment.startsWith("#") ? webhookFragment.substring(1) : webhookFragment;
	}

	/** Account, token and a sender (number or messaging service) are all there. */
	public boolean configured() {
		return !this.accountSid.isEmpty() && !this.authToken.isEmpty()
				&& (!this.fromNumber.isEmpty() || !this.messagingServiceSid.isEmpty());
	}

	/** Which settings are missing, by environment variable name (never values). */
	String missing() {
		StringBuilder out = new StringBuilder();
		if (this.accountSid.isEmpty()) {
			out.append("TWILIO_ACCOUNT_SID ");
		}
		if (this.authToken.isEmpty()) {
			out.append("TWILIO_AUTH_TOKEN ");
		}
		if (this.fromNumber.isEmpty() && this.messagingServiceSid.isEmpty()) {
			out.append("TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID");
		}
		return out.toString().strip();
	}

	private static String blankToEmpty(String value) {
		return value == null ? "" : value.strip();
	}

	private static String stripTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	@Override
	public String toString() {
		// Never print the token.
		return "SmsSettings[configured=" + configured() + ", apiBaseUrl=" + this.apiBaseUrl + ", publicBaseUrl="
				+ this.publicBaseUrl + ", rate=" + this.rate + ", timeout=" + this.timeout + "]";
	}

}
