package app.waymark.system;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many of each limited thing one subject may do, as "count/period" (e.g.
 * {@code 30/1m}); a subject's allowance refills evenly over the period.
 *
 * @param chat messages to the public web chat per client address
 * ({@code WAYMARK_RATE_LIMIT_CHAT})
 * @param linkCodes link-code attempts in the web chat per client address, whatever
 * conversation they claim to be ({@code WAYMARK_RATE_LIMIT_LINK_CODES})
 * @param signInAccount failed sign-ins per account before it is locked for the rest of
 * the period ({@code WAYMARK_RATE_LIMIT_SIGN_IN_ACCOUNT})
 * @param signInAddress failed sign-ins per client address, any account
 * ({@code WAYMARK_RATE_LIMIT_SIGN_IN_ADDRESS})
 */
@ConfigurationProperties("waymark.limits")
public record RateLimitSettings(@DefaultValue("30/1m") String chat, @DefaultValue("10/1h") String linkCodes,
		@DefaultValue("5/15m") String signInAccount, @DefaultValue("30/15m") String signInAddress) {

	public RateLimiter.Limit chatLimit() {
		return RateLimiter.Limit.parse("chat", this.chat);
	}

	public RateLimiter.Limit linkCodeLimit() {
		return RateLimiter.Limit.parse("link", this.linkCodes);
	}

	public RateLimiter.Limit signInAccountLimit() {
		return RateLimiter.Limit.parse("signin-account", this.signInAccount);
	}

	public RateLimiter.Limit signInAddressLimit() {
		return RateLimiter.Limit.parse("signin-address", this.signInAddress);
	}

}
