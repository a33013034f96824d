package app.waymark.channel.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Telegram's MarkdownV2: every one of {@code _*[]()~`>#+-=|{}.!} and the backslash must
 * be escaped outside entities, or the whole message is refused with 400 "can't parse
 * entities". Long texts are cut before escaping, measuring the escaped length, so a cut
 * never falls between a backslash and the character it escapes.
 *
 * @see <a href="https://core.telegram.org/bots/api#markdownv2-style">MarkdownV2 style</a>
 */
final class MarkdownV2 {

	/** Telegram's limit for one message's text, after entity parsing. */
	static final int MAX_MESSAGE = 4096;

	private static final String SPECIAL = "_*[]()~`>#+-=|{}.!\\";

	private MarkdownV2() {
	}

	static String escape(String text) {
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (SPECIAL.indexOf(c) >= 0) {
				out.append('\\');
			}
			out.append(c);
		}
		return out.toString();
	}

	static String bold(String text) {
		return "*" + escape(text) + "*";
	}

	/**
	 * Cuts plain text into parts whose escaped form is at most {@code max} characters: at
	 * paragraph breaks first, then line breaks, then spaces, and only as a last resort
	 * inside a word (never inside a surrogate pair). Returns the parts unescaped.
	 */
	static List<String> split(String text, int max) {
		List<String> parts = new ArrayList<>();
		String rest = text.strip();
		while (escape(rest).length() > max) {
			int fit = fit(rest, max);
			int cut = lastBreak(rest, fit, "\n\n");
			if (cut <= 0) {
				cut = lastBreak(rest, fit, "\n");
			}
			if (cut <= 0) {
				cut = lastBreak(rest, fit, " ");
			}
			if (cut <= 0) {
				cut = Character.isLowSurrogate(rest.charAt(fit)) ? fit - 1 : fit;
			}
			parts.add(rest.substring(0, cut).strip());
			rest = rest.substring(cut).strip();
		}
		if (!rest.isEmpty() || parts.isEmpty()) {
			parts.add(rest);
		}
		return parts;
	}

	/** How many characters of {@code text} fit in {@code max} once escaped. */
	private static int fit(String text, int max) {
		int length = 0;
		for (int i = 0; i < text.length(); i++) {
			length += SPECIAL.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
			if (length > max) {
				return i;
			}
		}
		return text.length();
	}

	private static int lastBreak(String text, int fit, String separator) {
		int at = text.lastIndexOf(separator, fit - separator.length());
		return at < 0 ? -1 : at + separator.length();
	}

}
