package app.waymark.safeguarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A word-by-word English reading of a message written in a language the embedding model
 * cannot read (Arabic, Persian, Pashto, Sorani, Tigrinya, Amharic; and, in Latin letters,
 * Arabizi, Finglish, Kurmanji, Albanian, Vietnamese, French): each word is looked up in
 * its language's glossary and replaced by its English meaning, so that "my husband hit me
 * again, my lip is split" written in Dari reaches the model as "husband again hit lip
 * split" and is compared by meaning with the whole bank, not only by spelling with the
 * few examples in its own language.
 *
 * <p>
 * One file per language, {@code safeguarding/glossary/glossary-<language>.tsv}: a word as
 * typed (two for a Vietnamese compound), a tab, one to three English words. Drafts, like
 * the example bank: a fluent speaker must review them. A word is looked up as typed
 * (lower case, accents kept: Vietnamese "tự tử" is not "từ từ"), then folded as the rules
 * fold words (accents and doubled letters dropped), then, in Arabic script, without a
 * known prefix or suffix ("و", "بال", "می"; "م", "ها"), in Ethiopic without up to three
 * syllables at either end, the longest stem winning. Words in Latin letters within a
 * message in another script (English mixed in) are kept as typed; emoji that carry
 * meaning (🔪, 💊, 📦) are read as words.
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

	/** Every language that may have a glossary. */
	static final List<String> ALL_LANGUAGES = java.util.stream.Stream
		.concat(LANGUAGES.stream(), LATIN_LANGUAGES.stream())
		.toList();

	/**
	 * Emoji young people use for what they mean, read as English words by every reading
	 * of a message, Latin letters included (the model reads an emoji as unknown).
	 * Laughing faces are left out: "i want to die 😂" must not be pulled towards a joke.
	 * The fire emoji is praise in their usage ("we destroyed them 🔥"), not a fire.
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
			Map.entry("💔", "heartbroken"), Map.entry("🍕", "pizza"), Map.entry("🍔", "burger"),
			Map.entry("⚽", "football"), Map.entry("🎮", "game"), Map.entry("🔥", "amazing"));

	/**
	 * A message read in English.
	 *
	 * @param english the English reading, words of Latin letters kept as typed
	 * @param language the glossary that knew most of its words, or null
	 * @param foreign how many of its words the glossary could have known (for a message
	 * in another script: its words in that script; in Latin letters: every word)
	 * @param known how many of those the glossary knew
	 */
	record Gloss(String english, String language, int foreign, int known) {

		/** Share of the words that were understood. */
		double coverage() {
			return this.foreign == 0 ? 1 : (double) this.known / this.foreign;
		}

	}

	/**
	 * One language's words: as typed, and folded (the first entry of those that fold
	 * alike wins; a word found as typed never reaches it).
	 */
	private record Words(Map<String, String> typed, Map<String, String> folded, Map<String, String> skeletons) {

		static Words of(Map<String, String> typed, boolean looseSpelling) {
			Map<String, String> folded = new HashMap<>();
			typed.forEach((form, english) -> {
				String key = foldedWord(form);
				if (key != null) {
					folded.putIfAbsent(key, english);
				}
			});
			return new Words(Map.copyOf(typed), folded, looseSpelling ? skeletons(folded) : Map.of());
		}

		/**
		 * Each word's skeleton with its meaning, where every word of that skeleton means
		 * the same: a skeleton two meanings share is no evidence of either.
		 */
		private static Map<String, String> skeletons(Map<String, String> folded) {
			Map<String, String> skeletons = new HashMap<>();
			Set<String> shared = new java.util.HashSet<>();
			folded.forEach((word, english) -> {
				// a message is looked up by skeleton a word at a time
				String skeleton = word.indexOf(' ') < 0 ? skeleton(word) : null;
				if (skeleton == null || shared.contains(skeleton)) {
					return;
				}
				String before = skeletons.putIfAbsent(skeleton, english);
				if (before != null && !before.equals(english)) {
					skeletons.remove(skeleton);
					shared.add(skeleton);
				}
			});
			return skeletons;
		}

	}

	/**
	 * Languages typed in Latin letters with no agreed spelling (Arabizi, Finglish): one
	 * word comes as "khalas", "5alas" or "khallas", so a word not found as typed or
	 * folded is looked up by its {@link #skeleton}.
	 */
	static final Set<String> LOOSE_SPELLING = Set.of("ar-latn", "fa-latn");

	/**
	 * Fewest letters a skeleton keeps to be looked up: shorter ones fit too many words.
	 */
	static final int SKELETON_LETTERS = 3;

	/**
	 * A folded word as its consonants: the sounds written with two letters or with a
	 * digit made one ("sh", "kh" or "5" or "x", "gh", "7" as "h", "6" as "t"), vowels and
	 * the glottal stop ("2") left out, doubled letters made one. "khallas" and "5alas",
	 * "m7tag" and "mehtaag", "mashakel" and "mashaakil" each share one.
	 * @param folded a word folded as the rules fold it
	 * @return the skeleton, or null when it keeps fewer than {@link #SKELETON_LETTERS}
	 */
	static String skeleton(String folded) {
		String sounds = folded.replace("sh", "S")
			.replace("ch", "C")
			.replace("kh", "5")
			.replace('x', '5')
			.replace("gh", "8")
			.replace("th", "T")
			.replace("dh", "D")
			.replace('7', 'h')
			.replace('6', 't');
		StringBuilder out = new StringBuilder(sounds.length());
		char previous = 0;
		for (int i = 0; i < sounds.length(); i++) {
			char c = sounds.charAt(i);
			if ("aeiouy2".indexOf(c) >= 0 || c == previous) {
				continue;
			}
			out.append(c);
			previous = c;
		}
		return out.length() >= SKELETON_LETTERS ? out.toString() : null;
	}

	private final Map<String, Words> byLanguage;

	/** Words of English: never taken for words of another language in Latin letters. */
	private final Set<String> english;

	Glossary(Map<String, Map<String, String>> byLanguage) {
		this(wordsOf(byLanguage), Set.of());
	}

	private Glossary(Map<String, Words> byLanguage, Set<String> english) {
		this.byLanguage = byLanguage;
		this.english = english;
	}

	private static Map<String, Words> wordsOf(Map<String, Map<String, String>> byLanguage) {
		Map<String, Words> words = new LinkedHashMap<>();
		byLanguage
			.forEach((language, typed) -> words.put(language, Words.of(typed, LOOSE_SPELLING.contains(language))));
		return words;
	}

	/**
	 * The same glossaries, with words of English that a message in Latin letters may use
	 * whatever its language ("my", "me", "no" are words of Vietnamese or French too, and
	 * an English message must not be read as one).
	 * @param english words of English, as {@link TextNormaliser#rawWords} folds them
	 * @return the glossaries
	 */
	Glossary withEnglishWords(Set<String> english) {
		return new Glossary(this.byLanguage, Set.copyOf(english));
	}

	/** How many words a language's glossary holds (0 when it has none). */
	int size(String language) {
		Words words = this.byLanguage.get(language);
		return words == null ? 0 : words.typed().size();
	}

	static Glossary fromClasspath() {
		Map<String, Map<String, String>> all = new LinkedHashMap<>();
		ClassLoader loader = Glossary.class.getClassLoader();
		for (String language : ALL_LANGUAGES) {
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
	 * Reads one glossary file; a line without exactly one tab, with nothing on either
	 * side, or with more than two words before the tab, stops start-up with the file and
	 * line named.
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
			List<String> typed = typedWords(parts[0]);
			if (typed.isEmpty() || typed.size() > 2) {
				// a message is looked up a word or two at a time: a longer entry would
				// never be read
				throw new IllegalArgumentException(
						resource + " line " + (n + 1) + ": expected one word or two before the tab");
			}
			// two words: a compound, as Vietnamese writes most words ("tự tử")
			words.putIfAbsent(String.join(" ", typed), parts[1].strip());
		}
		return words;
	}

	/**
	 * The words of a text as typed: NFC, lower case, apostrophes and invisible joiners
	 * dropped, accents kept; every emoji or symbol a word of its own.
	 */
	static List<String> typedWords(String text) {
		List<String> words = new ArrayList<>();
		String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < s.length();) {
			int cp = s.codePointAt(i);
			i += Character.charCount(cp);
			int type = Character.getType(cp);
			if (type == Character.FORMAT || cp == '\'' || cp == '\u2019' || cp == '\u02BC' || cp == '`'
					|| cp == '\u0640') {
				continue;
			}
			if (Character.isLetterOrDigit(cp) || type == Character.NON_SPACING_MARK
					|| type == Character.COMBINING_SPACING_MARK) {
				word.appendCodePoint(cp);
				continue;
			}
			if (!word.isEmpty()) {
				words.add(word.toString());
				word.setLength(0);
			}
			if (type == Character.OTHER_SYMBOL) {
				words.add(new String(Character.toChars(cp)));
			}
		}
		if (!word.isEmpty()) {
			words.add(word.toString());
		}
		return words;
	}

	/** A word folded as the rules fold it, or null when it folds to more or less. */
	private static String foldedWord(String typed) {
		List<String> folded = new ArrayList<>();
		for (String part : typed.split(" ")) {
			List<String> words = TextNormaliser.rawWords(part);
			if (words.size() != 1) {
				return null;
			}
			folded.add(words.get(0));
		}
		return String.join(" ", folded);
	}

	/**
	 * Whether the text has a word in a script that a glossary is for (Arabic, Ethiopic),
	 * which the model cannot read.
	 */
	static boolean hasForeignWords(String text) {
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if (Character.isLetter(cp) && isGlossedScript(cp)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isGlossedScript(int cp) {
		Character.UnicodeScript script = Character.UnicodeScript.of(cp);
		return script == Character.UnicodeScript.ARABIC || script == Character.UnicodeScript.ETHIOPIC;
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
				if (!Character.isWhitespace(cp) && Character.getType(cp) != Character.NON_SPACING_MARK) {
					previous = null;
				}
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
	 * Letters that only one of the languages sharing a script writes: Pashto's ټ ډ ړ ښ ږ
	 * ځ څ ګ ڼ ې ۍ, Sorani's ڕ ڵ ۆ ێ ە, Persian's پ چ ژ گ ی ک (Pashto and Sorani write
	 * some of them too, so they count last), Tigrinya's ቐ and ኸ series.
	 */
	static String scriptHint(String text) {
		boolean persian = false;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if ("ټډړښږځڅګڼېۍ".indexOf(cp) >= 0) {
				return "ps";
			}
			if ("ڕڵۆێە".indexOf(cp) >= 0) {
				return "ckb";
			}
			if ((cp >= 0x1250 && cp <= 0x125D) || (cp >= 0x12B8 && cp <= 0x12BE)) {
				return "ti";
			}
			persian |= "پچژگیک".indexOf(cp) >= 0;
		}
		return persian ? "fa" : null;
	}

	/**
	 * The message read in English with the glossary of its script that knows most of its
	 * words; on a tie, the one that knew more of them as typed, then the one whose own
	 * letters the message uses ({@link #scriptHint}).
	 * @param text a message with words in another script
	 * @return the reading
	 */
	Gloss gloss(String text) {
		List<String> words = typedWords(emojiAsWords(text));
		// which words are in the glossed scripts, and their folded forms: the same for
		// every glossary, so worked out once
		boolean[] foreign = new boolean[words.size()];
		String[] folded = new String[words.size()];
		for (int i = 0; i < words.size(); i++) {
			foreign[i] = hasForeignWords(words.get(i));
			folded[i] = foreign[i] ? foldedWord(words.get(i)) : null;
		}
		String hint = scriptHint(text);
		Gloss best = null;
		int bestScore = -1;
		for (String language : LANGUAGES) {
			Words glossary = this.byLanguage.get(language);
			if (glossary == null) {
				continue;
			}
			Gloss gloss = gloss(words, foreign, folded, language, glossary);
			int typed = 0;
			for (int i = 0; i < words.size(); i++) {
				typed += foreign[i] && glossary.typed().containsKey(words.get(i)) ? 1 : 0;
			}
			int score = gloss.known() * 1000 + typed * 10 + (language.equals(hint) ? 1 : 0);
			if (score > bestScore) {
				best = gloss;
				bestScore = score;
			}
		}
		return best != null ? best : gloss(words, foreign, folded, null, new Words(Map.of(), Map.of(), Map.of()));
	}

	private static Gloss gloss(List<String> words, boolean[] isForeign, String[] folded, String language,
			Words glossary) {
		StringBuilder english = new StringBuilder();
		int foreign = 0;
		int known = 0;
		for (int i = 0; i < words.size(); i++) {
			String word = words.get(i);
			String meaning;
			if (!isForeign[i]) {
				meaning = word;
			}
			else {
				foreign++;
				meaning = glossary.typed().get(word);
				if (meaning == null && folded[i] != null) {
					meaning = lookUp(folded[i], glossary.folded());
				}
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
		return new Gloss(english.toString(), language, foreign, known);
	}

	/**
	 * A message in Latin letters read in English with the glossary of a Latin-letter
	 * language that knows most of its words; words no glossary knows, and words of
	 * English, are kept as typed. Every word counts towards the coverage.
	 * @param text a message in Latin letters
	 * @return the reading, or null when no such glossary is loaded
	 */
	Gloss glossLatin(String text) {
		List<String> words = typedWords(emojiAsWords(text));
		List<String> folded = new ArrayList<>(words.size());
		for (String word : words) {
			String f = foldedWord(word);
			folded.add(f == null ? word : f);
		}
		Gloss best = null;
		for (String language : LATIN_LANGUAGES) {
			Words glossary = this.byLanguage.get(language);
			if (glossary == null) {
				continue;
			}
			Gloss gloss = glossLatin(words, folded, language, glossary, false);
			if (best == null || gloss.known() > best.known()) {
				best = gloss;
			}
		}
		// the language is chosen by the words its glossary knows as spelled; only then
		// are the rest looked up by their skeletons (by skeleton, Arabizi would claim
		// words of Albanian or Kurmanji)
		if (best != null && LOOSE_SPELLING.contains(best.language()) && best.known() < best.foreign()) {
			best = glossLatin(words, folded, best.language(), this.byLanguage.get(best.language()), true);
		}
		return best;
	}

	private Gloss glossLatin(List<String> words, List<String> folded, String language, Words glossary,
			boolean bySkeleton) {
		StringBuilder english = new StringBuilder();
		int known = 0;
		for (int i = 0; i < words.size(); i++) {
			String meaning = null;
			if (i + 1 < words.size()
					&& !(this.english.contains(folded.get(i)) && this.english.contains(folded.get(i + 1)))) {
				meaning = find(glossary, words.get(i) + " " + words.get(i + 1), folded.get(i) + " " + folded.get(i + 1),
						language);
			}
			if (meaning != null) {
				known += 2;
				i++;
			}
			else if (!this.english.contains(folded.get(i))
					&& ((meaning = find(glossary, words.get(i), folded.get(i), language)) != null
							|| (bySkeleton && (meaning = bySkeleton(glossary, folded.get(i))) != null))) {
				known++;
			}
			else {
				meaning = words.get(i);
			}
			if (!english.isEmpty()) {
				english.append(' ');
			}
			english.append(meaning);
		}
		return new Gloss(english.toString(), language, words.size(), known);
	}

	private static String bySkeleton(Words glossary, String folded) {
		String skeleton = skeleton(folded);
		return skeleton == null ? null : glossary.skeletons().get(skeleton);
	}

	private static String find(Words glossary, String typed, String folded, String language) {
		String meaning = glossary.typed().get(typed);
		if (meaning != null || (TONAL.equals(language) && hasMarks(typed))) {
			// a Vietnamese word typed with its marks is that word: "dạo" (lately)
			// folds to "dao" (knife); a word typed without marks may be any of its
			// marked forms
			return meaning;
		}
		return glossary.folded().get(folded);
	}

	/** The Latin-letter language whose marks tell words apart. */
	private static final String TONAL = "vi";

	private static boolean hasMarks(String word) {
		for (int i = 0; i < word.length(); i++) {
			if (word.charAt(i) > 0x7F && Character.isLetter(word.charAt(i))) {
				return true;
			}
		}
		return false;
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
	 * The folded word's English, as it is or without a known prefix or suffix (Arabic
	 * script), or up to {@link #AFFIX} syllables at either end (Ethiopic, whose endings
	 * fuse with the stem). The longest stem wins, and of stems as long, the one found by
	 * taking off a prefix ("انوم" is "ا" + "نوم", sleep, not "انو" + "م"); a stem keeps
	 * at least three letters (two syllables), or two after the article ("والدم" is "وال"
	 * + "دم", blood, not "والد" + "م", father).
	 */
	static String lookUp(String word, Map<String, String> words) {
		String exact = words.get(word);
		if (exact != null) {
			return exact;
		}
		int[] cps = word.codePoints().toArray();
		if (cps.length == 0) {
			return null;
		}
		if (Character.UnicodeScript.of(cps[0]) == Character.UnicodeScript.ETHIOPIC) {
			for (int length = cps.length - 1; length >= 2; length--) {
				for (int start = Math.min(AFFIX, cps.length - length); start >= 0; start--) {
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
		for (String article : ARTICLES) {
			if (word.startsWith(article) && word.length() - article.length() >= 2) {
				String meaning = words.get(word.substring(article.length()));
				if (meaning != null) {
					return meaning;
				}
			}
		}
		String best = null;
		int bestLength = 0;
		int bestPrefix = -1;
		for (String prefix : ARABIC_SCRIPT_PREFIXES) {
			if (!word.startsWith(prefix)) {
				continue;
			}
			for (String suffix : ARABIC_SCRIPT_SUFFIXES) {
				int length = word.length() - prefix.length() - suffix.length();
				if (length < 3 || length < bestLength || (length == bestLength && prefix.length() <= bestPrefix)
						|| !word.endsWith(suffix)) {
					continue;
				}
				String meaning = words.get(word.substring(prefix.length(), word.length() - suffix.length()));
				if (meaning != null) {
					best = meaning;
					bestLength = length;
					bestPrefix = prefix.length();
				}
			}
		}
		return best;
	}

	/** The Arabic article with what may come before it, folded. */
	private static final List<String> ARTICLES = List.of("وال", "بال", "فال", "كال", "لل", "ال");

}
