package app.waymark.admin;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strips personal details from a young person's question before an admin sees it, and
 * reduces it to a wording key so the same question asked differently groups together.
 * Placeholders keep the shape of the question ("i am [name], i live at [address]
 * [postcode], call me on [phone]").
 *
 * <p>
 * Names are found by what comes before them ("my name is", "i am", "this is", "call me",
 * "my worker is", a title such as "Mr") and by their capital letter, since "i am tired"
 * and "i am Tom" differ only in that; nationalities, languages and faiths ("I am
 * Eritrean") are not names. Addresses are a house number and a street ("14 Golden Lane",
 * "7b mansell street"), a flat or room number, or capitalised words ending in a street
 * word ("Golden Lane Estate"); postcodes are the UK's. Erring towards removing: a
 * question still groups by its other words.
 */
final class Redaction {

	private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\d._%+-]+@[\\p{L}\\d-]+(\\.[\\p{L}\\d-]+)+");

	// A leading + or 0, then ten or so digits with spaces, dots, dashes or brackets
	// between: phone numbers however they are written (07700 900123, +44
	// (0)7700-900-123).
	private static final Pattern PHONE = Pattern.compile("(\\+|\\b0)[\\d\\s().-]{8,}\\d");

	private static final Pattern DIGITS = Pattern.compile("\\d{5,}");

	/** A whole UK postcode, any case, with or without the space: EC1Y 0RN, e17ea. */
	private static final Pattern POSTCODE = Pattern
		.compile("(?i)\\b[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[ABD-HJLNP-UW-Z]{2}\\b");

	/** Street words common enough to be the end of an address in any case. */
	private static final String STREET = "street|st|road|rd|lane|ln|avenue|ave|crescent|terrace|mews|gardens|"
			+ "close|estate|square|sq|grove|drive";

	/** Street words that are also ordinary words: an address only after capitals. */
	private static final String PLACE = "Way|Court|Place|Row|Walk|Hill|Park|House|Tower|Buildings?|Green|Rise|Parade|"
			+ "Yard|Wharf|Gate";

	private static final String FLAT = "(?i:flat|apartment|apt|room|unit)\\s*(?:no\\.?\\s*)?\\d{1,4}[a-zA-Z]?";

	private static final Pattern ADDRESS = Pattern.compile("(?u)(?:\\b" + FLAT + ",?\\s*)?(?:"
	// 14 Golden Lane, 7b mansell street
			+ "\\b\\d{1,4}[a-zA-Z]?,?\\s+(?:[\\p{L}'-]+\\s+){1,3}(?i:" + STREET + ")\\b"
			// 3 Petticoat Tower, 12 Great Arthur House
			+ "|\\b\\d{1,4}[a-zA-Z]?,?\\s+(?:\\p{Lu}[\\p{L}'-]*\\s+){1,3}(?:" + PLACE + ")\\b"
			// Golden Lane Estate, Petticoat Tower
			+ "|\\b(?:\\p{Lu}[\\p{L}'-]*\\s+){1,3}(?:" + PLACE + "|"
			+ Arrays.stream(STREET.split("\\|"))
				.map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
				.reduce((a, b) -> a + "|" + b)
				.orElseThrow()
			+ ")\\b"
			// flat 3 on its own
			+ "|\\b" + FLAT + "\\b)");

	private static final Pattern ADDRESSES = Pattern.compile("\\[address\\](?:,?\\s*\\[address\\])+");

	/** After these, the next word is a name whatever its case. */
	private static final Pattern NAMED = Pattern.compile(
			"(?iu)\\b(my name is|my name's|my names|name is|i am called|i'm called|im called)\\s+[\\p{L}'-]+(\\s+\\p{Lu}[\\p{L}'-]*)?");

	/**
	 * After these, a capitalised word (and a second one) is a name: "i am Jordan Blake",
	 * "my worker is Sarah", "a man called Tom", "Mr Patel", "thanks, Leah".
	 */
	private static final Pattern INTRODUCED = Pattern.compile("(?u)\\b((?i:i am|i'm|im|this is|it's|its|call me|"
			+ "called|named|(?:my|our|the) (?:social worker|worker|pa|personal adviser|adviser|advisor|keyworker|key worker|"
			+ "carer|foster carer|landlord|boyfriend|girlfriend|partner|friend|mate|brother|sister|mum|dad)(?: is| called|"
			+ " named)?|thanks,?|thank you,?|cheers,?|from|love,?)|\\b(?:Mr|Mrs|Ms|Miss|Dr)\\.?)\\s+"
			+ "(\\p{Lu}\\p{Ll}+(?:[ -]\\p{Lu}\\p{Ll}+)?)");

	/**
	 * Capitalised words after "i am" that say who someone is, not what they are called.
	 */
	private static final Set<String> NOT_NAMES = Set.of("I", "English", "British", "Eritrean", "Sudanese", "Afghan",
			"Albanian", "Vietnamese", "Iranian", "Iraqi", "Kurdish", "Syrian", "Somali", "Ethiopian", "Egyptian",
			"Libyan", "Yemeni", "Pakistani", "Bangladeshi", "Indian", "Nigerian", "Ghanaian", "Chadian", "Guinean",
			"Muslim", "Christian", "Catholic", "Orthodox", "Arabic", "Arab", "Pashto", "Dari", "Farsi", "Persian",
			"Tigrinya", "Amharic", "French", "London", "Londoner", "Ok", "Okay", "Not", "So", "The", "A", "In", "On",
			"At", "Going", "Trying", "Looking", "Still", "Really", "Very", "Just", "Now", "Here", "Back", "Home",
			"Council", "Universal", "Care", "Leaving");

	private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "i", "me", "my", "is", "are", "am", "do",
			"does", "can", "could", "to", "of", "for", "on", "in", "at", "and", "or", "it", "be", "how", "what", "who",
			"where", "when", "why", "you", "your", "with", "get", "im", "i'm", "this", "that", "there", "please", "hi",
			"hello", "so", "if", "any", "about");

	private Redaction() {
	}

	static String redact(String text) {
		String out = EMAIL.matcher(text).replaceAll("[email]");
		out = POSTCODE.matcher(out).replaceAll("[postcode]");
		out = ADDRESS.matcher(out).replaceAll("[address]");
		out = ADDRESSES.matcher(out).replaceAll("[address]");
		out = NAMED.matcher(out).replaceAll("$1 [name]");
		out = introducedNames(out);
		out = PHONE.matcher(out).replaceAll("[phone]");
		out = DIGITS.matcher(out).replaceAll("[number]");
		return out.strip();
	}

	private static String introducedNames(String text) {
		Matcher matcher = INTRODUCED.matcher(text);
		StringBuilder out = new StringBuilder();
		while (matcher.find()) {
			String name = matcher.group(2);
			String first = name.split("[ -]")[0];
			boolean notAName = NOT_NAMES.contains(first);
			boolean title = matcher.group(1).matches("(Mr|Mrs|Ms|Miss|Dr)\\.?");
			String kept = notAName ? matcher.group() : title ? "[name]" : matcher.group(1) + " [name]";
			matcher.appendReplacement(out, Matcher.quoteReplacement(kept));
		}
		matcher.appendTail(out);
		return out.toString();
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
