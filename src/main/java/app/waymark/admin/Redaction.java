package app.waymark.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Strips personal details from a young person's question before an admin sees it, and
 * reduces it to a wording key so the same question asked differently groups together.
 * Placeholders keep the shape of the question ("my name is [name], call me on [phone]").
 */
final class Redaction {

	private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\d._%+-]+@[\\p{L}\\d-]+(\\.[\\p{L}\\d-]+)+");

	// A leading + or 0, then ten or so digits with spaces, dots, dashes or brackets
	// between:
	// phone numbers however they are written (07700 900123, +44 (0)7700-900-123).
	private static final Pattern PHONE = Pattern.compile("(\\+|\\b0)[\\d\\s().-]{8,}\\d");

	private static final Pattern DIGITS = Pattern.compile("\\d{5,}");

	private static final Pattern NAME = Pattern.compile(
			"(?iu)\\b(my name is|my name's|i am called|i'm called|im called)\\s+[\\p{L}'-]+(\\s+\\p{Lu}[\\p{L}'-]*)?");

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "i", "me", "my", "is", "are", "am", "do",
			"does", "can", "could", "to", "of", "for", "on", "in", "at", "and", "or", "it", "be", "how", "what", "who",
			"where", "when", "why", "you", "your", "with", "get", "im", "i'm", "this", "that", "there", "please", "hi",
			"hello", "so", "if", "any", "about");

	private Redaction() {
	}

	static String redact(String text) {
		String out = EMAIL.matcher(text).replaceAll("[email]");
		out = NAME.matcher(out).replaceAll("$1 [name]");
		out = PHONE.matcher(out).replaceAll("[phone]");
		out = DIGITS.matcher(out).replaceAll("[number]");
		return out.strip();
	}

	/** Lower case, sorted unique content words of the redacted text. */
	static String wording(String redacted) {
		TreeSet<String> words = new TreeSet<>(
				Arrays.stream(redacted.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}\\[\\]']+"))
					.map(word -> word.replaceAll("^'+|'+$", ""))
					.filter(word -> !word.isEmpty() && !STOP_WORDS.contains(word))
					.toList());
		String key = String.join(" ", words);
		return key.length() > 500 ? key.substring(0, 500) : key;
	}

}
