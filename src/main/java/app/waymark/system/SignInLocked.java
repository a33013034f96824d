package app.waymark.system;

import org.springframework.security.core.AuthenticationException;

/**
 * Too many failed sign-ins for the account or from the address: refused without checking
 * the password, answered 429 with {@code Retry-After}.
 */
public class SignInLocked extends AuthenticationException {

	private final long retryAfterSeconds;

	public SignInLocked(long retryAfterSeconds) {
		super("Too many failed sign-ins");
		this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
	}

	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
