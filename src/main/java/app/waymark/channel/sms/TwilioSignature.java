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
 * proxy forwards to us, so it is built from {@code WAYMARK_PUBLIC_BASE_URL}. Public for
 * the other channels Twilio carries (WhatsApp), which sign their webhooks the same way.
 */
public final class TwilioSignature {

	private final RequestValidator validator;

	private final String fragment;

	TwilioSignature(String authToken) {
		this(authToken, "");
	}

	/**
	 * @param fragment the connection overrides on the configured webhook URL (after
	 * {@code #}), or empty
	 */
	public TwilioSignature(String authToken, String fragment) {
		this.validator = new RequestValidator(authToken);
		this.fragment = fragment == null ? "" : fragment;
	}

	/**
	 * False for a missing, empty or wrong signature; the SDK compares in constant time.
	 */
	public boolean valid(String url, Map<String, String> params, String signature) {
		if (signature == null || signature.isBlank()) {
			return false;
		}
		// Twilio signs "the exact URL your application supplied", and its own SDKs keep
		// the fragment when they normalise that URL; whether the connection overrides
		// (#rc=3&rp=all) are signed is not documented, so both forms are accepted. The
		// fragment never reaches us in the request, hence the setting.
		return this.validator.validate(url, params, signature)
				|| (!this.fragment.isEmpty() && this.validator.validate(url + "#" + this.fragment, params, signature));
	}

}
