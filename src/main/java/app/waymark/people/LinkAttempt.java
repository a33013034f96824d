package app.waymark.people;

/**
 * What happened when a message looked like a one-time link code.
 *
 * @param outcome what happened
 * @param preferredName the linked person's preferred name, when linked
 */
public record LinkAttempt(Outcome outcome, String preferredName) {

	public enum Outcome {

		/** The message is not a link code: carry on with the conversation. */
		NOT_A_CODE,
		/** Linked: greet them by name. */
		LINKED,
		/** No such code. */
		INVALID,
		/** The code's 72 hours are up. */
		EXPIRED,
		/** The code was used before. */
		USED,
		/** Too many wrong codes from this address lately. */
		THROTTLED,
		/** The address is linked to someone else: a worker must re-link it. */
		NEEDS_WORKER

	}

	public static LinkAttempt notACode() {
		return new LinkAttempt(Outcome.NOT_A_CODE, null);
	}

}
