package app.waymark.safeguarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A word-by-word English reading of a message written in a script the embedding model
 * cannot read (Arabic, Persian, Pashto, Sorani, Tigrinya, Amharic): each word is looked
 * up in its language's glossary and replaced by its English meaning, so that "my husband
 * hit me again, my lip is split" written in Dari reaches the model as "husband again hit
 * lip split" and is compared by meaning with the whole bank, not only by spelling with
 * the few examples in its own language.
 *
 * <p>
 * One file per language, {@code safeguarding/glossary/glossary-<language>.tsv}: a word as
 * typed, a tab, one to three English words. Drafts, like the example bank: a fluent
 * speaker must review them. A word not found as typed is looked up without up to three
 * letters at either end (a prefix such as Arabic "و" and "بال", a suffix such as Persian
 * "م" or "ها"), the longest remaining stem winning. Words in Latin letters (English mixed
 * in) are kept as typed; emoji that carry meaning (🔪, 💊, 📦) are read as words.
 */
final class Glossary {

	static final String FOLDER = "safeguarding/glossary/";

	/** Languages written in other scripts that may have a glossary. */
	static final List<String> LANGUAGES = List.of("ar", "fa", "ps", "ckb", "ti", "am");

	/**
	 * Languages written in Latin letters that may have a glossary: the model reads their
	 * letters but not their words.
	 */
	static final List<String> LATIN_LANGUAGES = List.of("ar-latn", "fa-latn", "kmr", "sq", "vi", "fr");

	/**
	 * Emoji young people use for what they mean, read as English words by every reading
	 * of a message, Latin letters included (the model reads an emoji as unknown).
	 */
	static final Map<String, String> EMOJI = Map.ofEntries(Map.entry("🔪", "knife"), Map.entry("🗡", "knife"),
			Map.entry("🔫", "gun"), Map.entry("🩸", "blood"), Map.entry("💊", "pills"), Map.entry("💉", "needle"),
			Map.entry("📦", "package"), Map.entry("🚆", "train"), Map.entry("🚂", "train"), Map.entry("🚄", "train"),
			Map.entry("🚅", "train"), Map.entry("🚌", "bus"), Map.entry("👊", "punch"), Map.entry("🤕", "hurt"),
			Map.entry("💀", "dead"), Map.entry("⚰", "coffin"), Map.entry("🪦", "grave"), Map.entry("🪢", "rope"),
			Map.entry("🌉", "bridge"), Map.entry("🚓", "police"), Map.entry("👮", "police"),
			Map.entry("🚑", "ambulance"), Map.entry("🏥", "hospital"), Map.entry("💰", "money"),
			Map.entry("💷", "money"), Map.entry("💵", "money"), Map.entry("🏠", "home"), Map.entry("🏚", "house"),
			Map.entry("🛏", "bed"), Map.entry("🥶", "cold"), Map.entry("😭", "crying"), Map.entry("😢", "crying"),
			Map.entry("💔", "heartbroken"), Map.entry("😂", "laughing"), Map.entry("🤣", "laughing"),
			Map.entry("😅", "laughing"), Map.entry("🍕", "pizza"), Map.entry("🍔", "burger"),
			Map.entry("⚽", "football"), Map.entry("🎮", "game"), Map.entry("🔥", "fire"), Map.entry("💯", "really"));

	/**
	 * A message read in English.
	 *
	 * @param english the English reading, words of Latin letters kept as typed
	 * @param language the glossary that knew most of its words, or null
	 * @param foreign how many of its words were in another script
	 * @param known how many of those the glossary knew
	 */
	record Gloss(String english, String language, int foreign, int known) {

		/** Share of the words in another script that were understood. */
		double coverage() {
			return this.foreign == 0 ? 1 : (double) this.known / this.foreign;
		}

	}

	private final Map<String, Map<String, String>> byLanguage;

	Glossary(Map<String, Map<String, String>> byLanguage) {
		this.byLanguage = new LinkedHashMap<>(byLanguage);
	}

	/** How many words a language's glossary holds (0 when it has none). */
	int size(String language) {
		return this.byLanguage.getOrDefault(language, Map.of()).size();
	}

	static Glossary fromClasspath() {
		Map<String, Map<String, String>> all = new LinkedHashMap<>();
		ClassLoader loader = Glossary.class.getClassLoader();
		for (String language : java.util.stream.Stream.concat(LANGUAGES.stream(), LATIN_LANGUAGES.stream()).toList()) {
			String resource = FOLDER + "glossary-" + language + ".tsv";
			try (InputStream in = loader.getResourceAsStream(resource)) {
				if (in != null) {
					all.put(language, parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + resource, ex);
			}
		}
		return new Glossary(all);
	}

	/**
	 * Reads one glossary file; a line without exactly one tab, or with nothing on either
	 * side, stops start-up with the file and line named.
	 */
	static Map<String, String> parse(String resource, String tsv) {
		Map<String, String> words = new HashMap<>();
		String[] lines = tsv.split("\\R");
		for (int n = 0; n < lines.length; n++) {
			String line = lines[n];
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			String[] parts = line.split("\t", -1);
			if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
				throw new IllegalArgumentException(resource + " line " + (n + 1) + ": expected a word, a tab, English");
			}
			List<String> folded = TextNormaliser.rawWords(parts[0]);
			if (folded.size() == 1 || folded.size() == 2) {
				// two words: a compound, as Vietnamese writes most words ("tự tử")
				words.putIfAbsent(String.join(" ", folded), parts[1].strip());
			}
		}
		return words;
	}

	/**
	 * Whether the text has a word in another script than Latin, which the model cannot
	 * read.
	 */
	static boolean hasForeignWords(String text) {
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if (Character.isLetter(cp) && Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
				return true;
			}
		}
		return false;
	}

	/** The text with its meaningful emoji as words: "🔪🔪 outside" is "knife outside". */
	static String emojiAsWords(String text) {
		if (text == null || !hasSymbol(text)) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		String previous = null;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			String word = EMOJI.get(new String(Character.toChars(cp)));
			if (word == null) {
				out.appendCodePoint(cp);
				previous = null;
				continue;
			}
			if (!word.equals(previous)) {
				out.append(' ').append(word).append(' ');
			}
			previous = word;
		}
		return out.toString().replaceAll(" {2,}", " ").strip();
	}

	private static boolean hasSymbol(String text) {
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if (Character.getType(cp) == Character.OTHER_SYMBOL) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The message read in English with the glossary that knows most of its words.
	 * @param text a message with words in another script
	 * @return the reading
	 */
	Gloss gloss(String text) {
		List<String> tokens = new ArrayList<>();
		for (String token : emojiAsWords(text).split("\\s+")) {
			if (!token.isBlank()) {
				tokens.add(token);
			}
		}
		Gloss best = null;
		for (Map.Entry<String, Map<String, String>> language : this.byLanguage.entrySet()) {
			if (LATIN_LANGUAGES.contains(language.getKey())) {
				continue;
			}
			Gloss gloss = gloss(tokens, language.getKey(), language.getValue());
			if (best == null || gloss.known() > best.known()) {
				best = gloss;
			}
		}
		return best != null ? best : gloss(tokens, null, Map.of());
	}

	/**
	 * A message in Latin letters read in English with the glossary of a Latin-letter
	 * language that knows most of its words; words no glossary knows (English mixed in, a
	 * name) are kept as typed. Every word counts as foreign here.
	 * @param text a message in Latin letters
	 * @return the reading, or null when no such glossary is loaded
	 */
	Gloss glossLatin(String text) {
		List<String> words = TextNormaliser.rawWords(emojiAsWords(text));
		Gloss best = null;
		for (String language : LATIN_LANGUAGES) {
			Map<String, String> glossary = this.byLanguage.get(language);
			if (glossary == null) {
				continue;
			}
			StringBuilder english = new StringBuilder();
			int known = 0;
			for (int i = 0; i < words.size(); i++) {
				String meaning = i + 1 < words.size() ? glossary.get(words.get(i) + " " + words.get(i + 1)) : null;
				if (meaning != null) {
					known += 2;
					i++;
				}
				else {
					meaning = glossary.get(words.get(i));
					if (meaning != null) {
						known++;
					}
					else {
						meaning = words.get(i);
					}
				}
				if (!english.isEmpty()) {
					english.append(' ');
				}
				english.append(meaning);
			}
			Gloss gloss = new Gloss(english.toString(), language, words.size(), known);
			if (best == null || gloss.known() > best.known()) {
				best = gloss;
			}
		}
		return best;
	}

	private static Gloss gloss(List<String> tokens, String language, Map<String, String> words) {
		StringBuilder english = new StringBuilder();
		int foreign = 0;
		int known = 0;
		for (String token : tokens) {
			for (String word : TextNormaliser.rawWords(token)) {
				String meaning;
				if (!hasForeignWords(word)) {
					meaning = word;
				}
				else {
					foreign++;
					meaning = lookUp(word, words);
					if (meaning != null) {
						known++;
					}
				}
				if (meaning != null) {
					if (!english.isEmpty()) {
						english.append(' ');
					}
					english.append(meaning);
				}
			}
			if (!token.isEmpty() && ",.!?;:".indexOf(token.charAt(token.length() - 1)) >= 0 && !english.isEmpty()) {
				english.append(token.charAt(token.length() - 1));
			}
		}
		return new Gloss(english.toString(), language, foreign, known);
	}

	/** Most syllables taken off either end of an Ethiopic word to find its stem. */
	static final int AFFIX = 3;

	/**
	 * What may be taken off the front of a word in Arabic script to find its stem (folded
	 * as messages are): conjunctions, prepositions and the article ("و", "بال"), Persian
	 * and Pashto verb prefixes ("می", "نمی", "ب", "ن") and Sorani "د". Only these: taking
	 * any letters off made "الهوم" (the Home Office) "اله" (god).
	 */
	private static final List<String> ARABIC_SCRIPT_PREFIXES = folded("و", "ف", "ب", "ل", "ك", "س", "ال", "بال", "وال",
			"فال", "كال", "لل", "وب", "ول", "وم", "مي", "نمي", "ن", "ي", "ت", "ا", "د", "ده", "نا", "ما");

	/**
	 * What may be taken off the end: possessive and object pronouns, person endings,
	 * plurals ("م", "ها", "مان", "ني", "ون", "ات").
	 */
	private static final List<String> ARABIC_SCRIPT_SUFFIXES = folded("ه", "ها", "هم", "هن", "ك", "كم", "كن", "ي", "ني",
			"نا", "م", "ت", "ش", "مان", "تان", "شان", "ان", "هاي", "ات", "ون", "ين", "وا", "يم", "يد", "ند", "ست", "اش",
			"ام", "يت", "يك", "كه", "و", "مه", "ته", "شه", "هام", "يان", "ي", "ے");

	private static List<String> folded(String... affixes) {
		List<String> out = new ArrayList<>();
		out.add("");
		for (String affix : affixes) {
			String folded = TextNormaliser.fold(affix);
			if (!folded.isEmpty() && !out.contains(folded)) {
				out.add(folded);
			}
		}
		out.sort((x, y) -> Integer.compare(x.length(), y.length()));
		return List.copyOf(out);
	}

	/**
	 * The word's English, as typed or without a known prefix or suffix (Arabic script),
	 * or up to {@link #AFFIX} syllables at either end (Ethiopic, whose endings fuse with
	 * the stem), the longest stem first; a stem keeps at least three letters (two
	 * syllables).
	 */
	static String lookUp(String word, Map<String, String> words) {
		String exact = words.get(word);
		if (exact != null) {
			return exact;
		}
		int[] cps = word.codePoints().toArray();
		if (Character.UnicodeScript.of(cps[0]) == Character.UnicodeScript.ETHIOPIC) {
			for (int length = cps.length - 1; length >= 2; length--) {
				for (int start = 0; start <= Math.min(AFFIX, cps.length - length); start++) {
					if (cps.length - length - start > AFFIX) {
						continue;
					}
					String meaning = words.get(new String(cps, start, length));
					if (meaning != null) {
						return meaning;
					}
				}
			}
			return null;
		}
		String best = null;
		int bestLength = 0;
		for (String prefix : ARABIC_SCRIPT_PREFIXES) {
			if (!word.startsWith(prefix)) {
				continue;
			}
			for (String suffix : ARABIC_SCRIPT_SUFFIXES) {
				int length = word.length() - prefix.length() - suffix.length();
				if (length < 3 || length <= bestLength || !word.endsWith(suffix)) {
					continue;
				}
				String meaning = words.get(word.substring(prefix.length(), word.length() - suffix.length()));
				if (meaning != null) {
					best = meaning;
					bestLength = length;
				}
			}
		}
		return best;
	}

}
