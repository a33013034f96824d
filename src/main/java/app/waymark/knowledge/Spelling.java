package app.waymark.knowledge;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mends the misspelt words of a question before the sentence model reads it. The model
 * splits a word it does not know into pieces ("homless" becomes "hom", "##less") and
 * loses its meaning, where word matching already forgives small typos
 * ({@link TypoQuery}). A word is left alone when the model knows it or the articles or
 * example questions use it; otherwise it becomes the articles' own word nearest in
 * spelling (one edit for a short word, two from seven letters, same first letter; on a
 * tie the commoner word, then the first alphabetically, so every instance mends alike).
 * Only words of the letters a-z are mended: a word under four letters, with a digit
 * ("3andi", "4get"), with an accent, in another script, or with no near article word
 * stays as typed.
 */
final class Spelling {

	/** A run of letters and digits; only one of the letters a-z alone is a candidate. */
	private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}]+");

	private static final Pattern PLAIN_WORD = Pattern.compile("[a-zA-Z]{4,}");

	static final Spelling NONE = new Spelling(List.of(), List.of(), Set.of());

	/**
	 * The articles' own words, with how often they occur: what a word may become, by
	 * first letter (a word is only ever mended into one with the same first letter).
	 */
	private final Map<Character, Map<String, Integer>> targets;

	/** Words left as they are: the articles', the example questions', the model's. */
	private final Set<String> known;

	/**
	 * @param articleTexts the articles' titles, keywords, summaries and bodies
	 * @param exampleQuestions the example questions (their words are left alone, but a
	 * word is never mended into one of theirs: they hold misspellings on purpose)
	 * @param modelWords the whole words the sentence model knows
	 */
	Spelling(Collection<String> articleTexts, Collection<String> exampleQuestions, Set<String> modelWords) {
		Map<String, Integer> targets = new HashMap<>();
		articleTexts.forEach(text -> words(text).forEach(word -> targets.merge(word, 1, Integer::sum)));
		Set<String> known = new HashSet<>(targets.keySet());
		exampleQuestions.forEach(text -> known.addAll(words(text)));
		known.addAll(modelWords);
		Map<Character, Map<String, Integer>> byFirstLetter = new HashMap<>();
		targets.forEach((word, count) -> byFirstLetter.computeIfAbsent(word.charAt(0), letter -> new HashMap<>())
			.put(word, count));
		this.targets = Map.copyOf(byFirstLetter);
		this.known = Set.copyOf(known);
	}

	private static List<String> words(String text) {
		return TOKEN.matcher(text.toLowerCase(Locale.ROOT)).results().map(match -> match.group()).toList();
	}

	/** The text with each unknown word replaced by its nearest article word, if any. */
	String correct(String text) {
		Matcher tokens = TOKEN.matcher(text);
		StringBuilder out = null;
		int last = 0;
		while (tokens.find()) {
			String mended = mend(tokens.group());
			if (mended != null) {
				out = out == null ? new StringBuilder(text.length() + 8) : out;
				out.append(text, last, tokens.start()).append(mended);
				last = tokens.end();
			}
		}
		return out == null ? text : out.append(text, last, text.length()).toString();
	}

	/** The nearest article word, or null to keep the word. */
	private String mend(String word) {
		if (!PLAIN_WORD.matcher(word).matches()) {
			return null;
		}
		String lower = word.toLowerCase(Locale.ROOT);
		Map<String, Integer> sameFirstLetter = this.targets.get(lower.charAt(0));
		if (sameFirstLetter == null || this.known.contains(lower)) {
			return null;
		}
		int edits = lower.length() >= 7 ? 2 : 1;
		String best = null;
		int bestDistance = edits + 1;
		int bestCount = 0;
		for (Map.Entry<String, Integer> candidate : sameFirstLetter.entrySet()) {
			String other = candidate.getKey();
			if (Math.abs(other.length() - lower.length()) > edits) {
				continue;
			}
			int distance = EditDistance.distance(lower, other);
			if (distance > edits) {
				continue;
			}
			int count = candidate.getValue();
			if (distance < bestDistance || (distance == bestDistance
					&& (count > bestCount || (count == bestCount && other.compareTo(best) < 0)))) {
				best = other;
				bestDistance = distance;
				bestCount = count;
			}
		}
		return best;
	}

}
