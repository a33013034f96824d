package app.waymark.system;

import reactor.core.publisher.Mono;

/**
 * A number for each account that changes whenever its password, role or active flag does
 * (the people feature keeps it). A sign-in session remembers the number it began with and
 * ends once it no longer matches, so a reset password or a lowered role takes effect on
 * the next request, not when the session happens to expire.
 */
public interface SessionVersions {

	/** The account's current number; empty when there is no such account. */
	Mono<Integer> current(String username);

}
