package app.waymark.workerapp;

import java.util.Locale;

/**
 * How much of the young person's message an alert card shows
 * ({@code waymark.workerapp.alert-excerpt}): all of it, the start of it, or none, for a
 * council that keeps words out of a screen others may glance at.
 */
enum Excerpt {

	FULL, EXCERPT, NONE;

	/** About a line on a phone. */
	static final int LENGTH = 80;

	static Excerpt parse(String setting) {
		try {
			return valueOf(setting.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException(
					"waymark.workerapp.alert-excerpt must be full, excerpt or none, not '" + setting + "'");
		}
	}

	/**
	 * What the card shows of this text; {@code gone} when the text was removed after
	 * retention.
	 */
	String apply(String text, String gone) {
		if (this == NONE) {
			return null;
		}
		if (text == null) {
			return gone;
		}
		String flat = text.strip().replaceAll("\\s+", " ");
		if (this == FULL || flat.length() <= LENGTH) {
			return flat;
		}
		int cut = flat.lastIndexOf(' ', LENGTH);
		return flat.substring(0, cut > LENGTH / 2 ? cut : LENGTH).stripTrailing() + "…";
	}

}
