package app.waymark.checkin;

import java.util.Locale;
import java.util.Set;

/** How a young person answered a check-in. */
public enum Answer {

	GOOD, OK, NEED_HELP, FREE_TEXT;

	private static final Set<String> GOOD_WORDS = Set.of("1", "good", "\uD83D\uDC4D", "great", "fine");

	private static final Set<String> OK_WORDS = Set.of("2", "ok", "okay", "ok.", "alright");

	private static final Set<String> HELP_WORDS = Set.of("3", "need help", "help", "i need help", "help me");

	/**
	 * Reads a reply: the numbers, the words on the buttons, or anything else as free
	 * text.
	 */
	static Answer of(String text) {
		String normal = text == null ? "" : text.strip()
			.toLowerCase(Locale.ROOT)
			// skin-tone modifiers on a thumbs-up
			.replaceAll("[\\x{1F3FB}-\\x{1F3FF}\\x{FE0F}]", "")
			.replaceAll("[.!]+$", "")
			.strip();
		if (GOOD_WORDS.contains(normal)) {
			return GOOD;
		}
		if (OK_WORDS.contains(normal)) {
			return OK;
		}
		if (HELP_WORDS.contains(normal)) {
			return NEED_HELP;
		}
		return FREE_TEXT;
	}

}
