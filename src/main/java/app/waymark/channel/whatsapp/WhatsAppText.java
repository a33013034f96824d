package app.waymark.channel.whatsapp;

import java.util.ArrayList;
import java.util.List;

/**
 * WhatsApp's text rules: no GSM alphabet and no segments (it is not SMS), but at most
 * 1,600 characters a message through Twilio, and its own light markup ({@code *bold*}).
 */
final class WhatsAppText {

	/** Twilio refuses a longer WhatsApp body. */
	static final int MAX_LENGTH = 1600;

	private WhatsAppText() {
	}

	/**
	 * Bold as WhatsApp shows it. The markers only work hugging the words, so surrounding
	 * spaces stay outside them.
	 */
	static String bold(String text) {
		String trimmed = text.strip();
		return trimmed.isEmpty() ? text : "*" + trimmed.replace("*", "") + "*";
	}

	/** One message's worth: longer text is cut at a word and marked as cut. */
	static String fit(String text) {
		if (text.length() <= MAX_LENGTH) {
			return text;
		}
		return split(text, MAX_LENGTH - 1).getFirst() + "\u2026";
	}

	/**
	 * Messages of at most {@code max} characters, cut at a paragraph, line or word where
	 * one falls in the second half, never inside a surrogate pair.
	 */
	static List<String> split(String text, int max) {
		List<String> parts = new ArrayList<>();
		String rest = text.strip();
		while (rest.length() > max) {
			int cut = cut(rest, max);
			parts.add(rest.substring(0, cut).strip());
			rest = rest.substring(cut).strip();
		}
		if (!rest.isEmpty() || parts.isEmpty()) {
			parts.add(rest);
		}
		return parts;
	}

	private static int cut(String text, int max) {
		for (String boundary : new String[] { "\n\n", "\n", " " }) {
			int at = text.lastIndexOf(boundary, max - boundary.length());
			if (at >= max / 2) {
				return at + boundary.length();
			}
		}
		return Character.isLowSurrogate(text.charAt(max)) ? max - 1 : max;
	}

}
