package app.waymark.system;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an SMS costs and how to cut it: GSM-7 detection, segment counting and splitting at
 * word or sentence boundaries.
 *
 * <p>
 * One stray smart quote turns a whole message into UCS-2, which carries 70 characters a
 * segment instead of 160, so text is {@link #toGsmFriendly folded} to GSM-7 look-alikes
 * before it is counted or sent. See 3GPP TS 23.038 for the alphabet.
 */
public final class SmsText {

	/** GSM 03.38 basic character set (one septet each). */
	private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	/** GSM 03.38 extension table (two septets each: escape + character). */
	private static final String GSM_EXTENDED = "^{}\\[~]|€\f";

	public static final int GSM_SINGLE = 160;

	public static final int GSM_PART = 153;

	public static final int UCS2_SINGLE = 70;

	public static final int UCS2_PART = 67;

	/**
	 * Typographic characters that editors and keyboards slip in, and their GSM-7 twins.
	 */
	private static final Map<Character, String> FOLDS = Map.ofEntries(Map.entry('\u2018', "'"),
			Map.entry('\u2019', "'"), Map.entry('\u201A', "'"), Map.entry('\u201B', "'"), Map.entry('\u2032', "'"),
			Map.entry('\u201C', "\""), Map.entry('\u201D', "\""), Map.entry('\u201E', "\""), Map.entry('\u2033', "\""),
			Map.entry('\u2013', "-"), Map.entry('\u2014', "-"), Map.entry('\u2012', "-"), Map.entry('\u2010', "-"),
			Map.entry('\u2011', "-"), Map.entry('\u2212', "-"), Map.entry('\u2026', "..."), Map.entry('\u00A0', " "),
			Map.entry('\u2007', " "), Map.entry('\u202F', " "), Map.entry('\u2009', " "), Map.entry('\u200B', ""),
			Map.entry('\u2022', "-"), Map.entry('\u00B7', "-"), Map.entry('\t', " "));

	private SmsText() {
	}

	/**
	 * Replaces typographic look-alikes with GSM-7 characters; other text is left as it
	 * is.
	 */
	public static String toGsmFriendly(String text) {
		// most text has nothing to fold: hand it back as it is, without a copy
		int first = 0;
		while (first < text.length() && fold(text.charAt(first)) == null) {
			first++;
		}
		if (first == text.length()) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length()).append(text, 0, first);
		for (int i = first; i < text.length(); i++) {
			char c = text.charAt(i);
			String fold = fold(c);
			if (fold != null) {
				out.append(fold);
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/**
	 * The GSM-7 twin of a look-alike, or null; every look-alike but tab is past ASCII.
	 */
	private static String fold(char c) {
		return c < '\u00A0' && c != '\t' ? null : FOLDS.get(c);
	}

	public static boolean isGsm7(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (GSM_BASIC.indexOf(c) < 0 && GSM_EXTENDED.indexOf(c) < 0) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Length in the unit the encoding counts: septets for GSM-7, UTF-16 code units for
	 * UCS-2.
	 */
	public static int units(String text) {
		if (!isGsm7(text)) {
			return text.length();
		}
		int septets = 0;
		for (int i = 0; i < text.length(); i++) {
			septets += GSM_EXTENDED.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
		}
		return septets;
	}

	public static int segments(String text) {
		if (text.isEmpty()) {
			return 1;
		}
		boolean gsm = isGsm7(text);
		int units = units(text);
		int single = gsm ? GSM_SINGLE : UCS2_SINGLE;
		int part = gsm ? GSM_PART : UCS2_PART;
		return units <= single ? 1 : (units + part - 1) / part;
	}

	/**
	 * Splits text into messages of at most {@code maxSegments} segments each, cutting at
	 * paragraph, sentence or word boundaries so no message ends mid-word. A word longer
	 * than a whole message is cut by characters (never inside a surrogate pair).
	 */
	public static List<String> split(String text, int maxSegments) {
		String clean = text.strip();
		List<String> messages = new ArrayList<>();
		boolean gsm = isGsm7(clean);
		int budget = maxSegments == 1 ? (gsm ? GSM_SINGLE : UCS2_SINGLE) : maxSegments * (gsm ? GSM_PART : UCS2_PART);
		StringBuilder current = new StringBuilder();
		for (String piece : pieces(clean)) {
			String candidate = current.isEmpty() ? piece.stripLeading() : current + piece;
			if (unitsAs(candidate, gsm) <= budget) {
				current.setLength(0);
				current.append(candidate);
				continue;
			}
			if (!current.isEmpty()) {
				messages.add(current.toString().strip());
				current.setLength(0);
			}
			String rest = piece.stripLeading();
			while (unitsAs(rest.stripTrailing(), gsm) > budget) {
				int cut = cutPoint(rest, budget, gsm);
				messages.add(rest.substring(0, cut).strip());
				rest = rest.substring(cut).strip();
			}
			current.append(rest);
		}
		if (!current.toString().isBlank()) {
			messages.add(current.toString().strip());
		}
		return messages;
	}

	private static int unitsAs(String text, boolean gsm) {
		return gsm ? units(text) : text.length();
	}

	/**
	 * Pieces that end where a reader can pause: words with their trailing space or
	 * newline.
	 */
	private static List<String> pieces(String text) {
		List<String> pieces = new ArrayList<>();
		BreakIterator words = BreakIterator.getLineInstance(Locale.ROOT);
		words.setText(text);
		int start = words.first();
		for (int end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
			pieces.add(text.substring(start, end));
		}
		return pieces;
	}

	private static int cutPoint(String text, int budget, boolean gsm) {
		int units = 0;
		for (int i = 0; i < text.length(); i++) {
			int width = gsm && GSM_EXTENDED.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
			if (units + width > budget) {
				return Character.isLowSurrogate(text.charAt(i)) ? i - 1 : i;
			}
			units += width;
		}
		return text.length();
	}

}
