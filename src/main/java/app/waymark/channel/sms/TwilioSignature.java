package app.waymark.channel.sms;

import java.util.Map;

import com.twilio.security.RequestValidator;

/**
 * Checks {@code X-Twilio-Signature}: HMAC-SHA1 of the URL Twilio called followed by the
 * sorted POST parameters, Base64, keyed with the auth token. See
 * https://www.twilio.com/docs/usage/security#validating-requests.
 *
 * <p>
 * The URL must be the public one (scheme, host and path as Twilio saw them), not what a
 * proxy forwards to us, so it is built from {@code WAYMARK_PUBLIC_BASE_URL}.
 */
final class TwilioSignature {

	private final RequestValidator validator;

	TwilioSignature(String authToken) {
		this.validator = new RequestValidator(authToken);
	}

	/**
	 * False for a missing, empty or wrong signature; the SDK compares in constant time.
	 */
	boolean valid(String url, Map<String, String> params, String signature) {
		if (signature == null || signature.isBlank()) {
			return false;
		}
		return this.validator.validate(url, params, signature);
	}

}
