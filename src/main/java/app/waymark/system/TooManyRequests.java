package app.waymark.system;

/**
 * A caller went over a rate limit: answered 429 with {@code Retry-After}. The message is
 * shown to them, so it must say what to do.
 */
public class TooManyRequests extends RuntimeException {

	private final long retryAfterSeconds;

	public TooManyRequests(String message, long retryAfterSeconds) {
		super(message, null, false, false);
		this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
	}

	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

}
