package app.waymark.safeguarding;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a message (or a phrase in the rule file) into the list of words the rules are
 * matched against, so that rule authors write one plain spelling and still catch the ways
 * people really type.
 *
 * <ol>
 * <li>Unicode NFKC (full-width letters, ligatures, styled "𝓴𝓲𝓵𝓵" become plain
 * letters), then lower case.</li>
 * <li>Accents and other combining marks are removed: Arabic harakat and shadda, the hamza
 * carried on alef/waw/yeh, Kurmanji ê/ş/ç, "suïcide".</li>
 * <li>Invisible characters are removed: zero-width joiners and non-joiners (so Persian
 * "می‌خوام" equals "میخوام"), right-to-left marks, byte-order marks, soft hyphens, the
 * Arabic tatweel (ـ), emoji variation selectors and skin tones, and apostrophes (so
 * "can't" is "cant" and "i'm" is "im").</li>
 * <li>Arabic-script letter variants are unified: every yeh (ي ی ى ې ۍ ێ) becomes ي, keheh
 * (ک) becomes ك, teh marbuta, ae and heh goal (ة ە ہ) become ه, Kurdish ۆ becomes و, ڕ
 * becomes ر, ڵ becomes ل. Arabic-Indic and Persian digits become 0-9.</li>
 * <li>The text is cut into words (runs of letters and digits, so Arabizi "3ayez" and
 * "800mg" stay whole); every emoji, pictograph or currency sign (£) is a word of its
 * own.</li>
 * <li>A letter typed twice or more in a row counts once ("pleeease" = "please", "kill" =
 * "kil", "moot" = "mot"); digits are left alone. The same emoji repeated counts
 * once.</li>
 * <li>Text-speak from the rule file is expanded word by word ("kms" = "kill myself",
 * "wanna" = "want to").</li>
 * </ol>
 */
final class TextNormaliser {

	/** A word blanked out because it belongs to an everyday phrase. */
	static final String MASKED = "_";

	private final Map<String, List<String>> textSpeak;

	TextNormaliser(Map<String, List<String>> textSpeak) {
		this.textSpeak = Map.copyOf(textSpeak);
	}

	/**
	 * The words of a message, text-speak expanded.
	 * @param text any text, possibly null
	 * @return the words, never null
	 */
	List<String> words(String text) {
		List<String> raw = rawWords(spelledOut(text));
		if (this.textSpeak.isEmpty()) {
			return raw;
		}
		List<String> out = new ArrayList<>(raw.size() + 4);
		for (String word : raw) {
			List<String> expansion = this.textSpeak.get(word);
			if (expansion != null) {
				out.addAll(expansion);
			}
			else {
				out.add(word);
			}
		}
		return out;
	}

	/**
	 * The message as a reader would spell it out, for the embedding model: lower case,
	 * text-speak expanded ("kms" = "kill myself", "2nite" = "tonight"), digits inside
	 * words read as letters ("k1ll" = "kill"); letters typed twice are kept, since the
	 * model knows "kill" but not "kil".
	 * @param text any text, possibly null
	 * @return the readable text, never null
	 */
	String readable(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (String token : spelledOut(text).strip().split("\\s+")) {
			int start = 0;
			int end = token.length();
			while (start < end && !Character.isLetterOrDigit(token.charAt(start))) {
				start++;
			}
			while (end > start && !Character.isLetterOrDigit(token.charAt(end - 1))) {
				end--;
			}
			String core = token.substring(start, end);
			List<String> raw = rawWords(core);
			List<String> expansion = raw.size() == 1 ? this.textSpeak.get(raw.get(0)) : null;
			String word = expansion != null ? String.join(" ", expansion)
					: CharGrams.lettersForDigits(core.toLowerCase(Locale.ROOT));
			if (!out.isEmpty()) {
				out.append(' ');
			}
			out.append(token, 0, start).append(word).append(token, end, token.length());
		}
		return out.toString();
	}

	/**
	 * "OD'd" (overdosed) is told from "odd" only by its apostrophe or its capitals, and
	 * folding drops the apostrophe and the capitals; so it is spelt out first.
	 */
	private static final Pattern OVERDOSED = Pattern.compile("\\b(?:[oO][dD]['\u2019`\u00B4][dD]|ODd|OD'?ed)\\b");

	private static String spelledOut(String text) {
		return text == null ? null : OVERDOSED.matcher(text).replaceAll("overdosed");
	}

	/**
	 * The words of a text without text-speak expansion (used for wildcard stems and for
	 * the text-speak table itself).
	 * @param text any text, possibly null
	 * @return the words, never null
	 */
	static List<String> rawWords(String text) {
		List<String> words = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return words;
		}
		String folded = fold(text);
		StringBuilder word = new StringBuilder();
		int previous = -1;
		for (int i = 0; i < folded.length();) {
			int cp = folded.codePointAt(i);
			i += Character.charCount(cp);
			int type = Character.getType(cp);
			if (Character.isLetterOrDigit(cp) || type == Character.COMBINING_SPACING_MARK) {
				boolean repeat = cp == previous && !Character.isDigit(cp);
				if (!repeat) {
					word.appendCodePoint(cp);
				}
				previous = cp;
				continue;
			}
			flush(word, words);
			previous = -1;
			if (type == Character.OTHER_SYMBOL || type == Character.CURRENCY_SYMBOL) {
				String symbol = new String(Character.toChars(cp));
				if (words.isEmpty() || !words.get(words.size() - 1).equals(symbol)) {
					words.add(symbol);
				}
			}
		}
		flush(word, words);
		return words;
	}

	private static void flush(StringBuilder word, List<String> words) {
		if (!word.isEmpty()) {
			words.add(word.toString());
			word.setLength(0);
		}
	}

	/**
	 * Character-level folding: NFKC, lower case, marks and invisible characters removed,
	 * Arabic-script variants unified.
	 * @param text the text
	 * @return the folded text
	 */
	static String fold(String text) {
		if (isPlainAscii(text)) {
			return foldAscii(text);
		}
		String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		s = Normalizer.normalize(s, Normalizer.Form.NFD);
		StringBuilder out = new StringBuilder(s.length());
		for (int i = 0; i < s.length();) {
			int cp = s.codePointAt(i);
			i += Character.charCount(cp);
			int type = Character.getType(cp);
			if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
				continue;
			}
			if (cp >= 0x1F3FB && cp <= 0x1F3FF) {
				continue; // emoji skin tones
			}
			int mapped = mapCodePoint(cp);
			if (mapped >= 0) {
				out.appendCodePoint(mapped);
			}
		}
		return out.toString();
	}

	private static boolean isPlainAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= 0x7F || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The same result as the full path for printable ASCII, without the Unicode passes.
	 */
	private static String foldAscii(String text) {
		StringBuilder out = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\'' || c == '`') {
				continue;
			}
			out.append((c >= 'A' && c <= 'Z') ? (char) (c + ('a' - 'A')) : c);
		}
		return out.toString();
	}

	/**
	 * Maps one code point; -1 drops it.
	 */
	private static int mapCodePoint(int cp) {
		switch (cp) {
			case '\'', '\u2018', '\u2019', '\u201B', '\u02BC', '\u0060', '\u00B4', '\u2032', '\u0640':
				return -1;
			case '\u0649', '\u06CC', '\u06D0', '\u06CD', '\u06CE', '\u06D2', '\u0626':
				return '\u064A';
			case '\u06A9', '\u06AA':
				return '\u0643';
			case '\u0629', '\u06D5', '\u06C1', '\u06C0':
				return '\u0647';
			case '\u06C6', '\u06C7', '\u0624':
				return '\u0648';
			case '\u0695':
				return '\u0631';
			case '\u06B5':
				return '\u0644';
			case '\u0671', '\u0622', '\u0623', '\u0625':
				return '\u0627';
			default:
				break;
		}
		if (cp >= '\u0660' && cp <= '\u0669') {
			return '0' + (cp - '\u0660');
		}
		if (cp >= '\u06F0' && cp <= '\u06F9') {
			return '0' + (cp - '\u06F0');
		}
		return cp;
	}

}
