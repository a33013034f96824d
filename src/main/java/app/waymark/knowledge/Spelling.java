package app.waymark.knowledge;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mends the misspelt words of a question before the sentence model reads it. The model
 * splits a word it does not know into pieces ("homless" becomes "hom", "##less") and
 * loses its meaning, where word matching already forgives small typos
 * ({@link TypoQuery}). A word is left alone when the model knows it or the articles and
 * example questions use it; otherwise it becomes the articles' word nearest in spelling
 * (one edit for a short word, two from seven letters, same first letter; the commoner
 * word on a tie). Words under four letters and words with no near article word stay as
 * they are, so names and text-speak are never "corrected" into something else.
 */
final class Spelling {

	private static final Pattern WORD = Pattern.compile("\\p{L}+");

	static final Spelling NONE = new Spelling(List.of(), Set.of());

	/** The articles' words, with how often they occur. */
	private final Map<String, Integer> counts;

	private final Set<String> modelWords;

	/**
	 * @param texts the articles' titles, keywords, summaries, bodies and example
	 * questions
	 * @param modelWords the whole words the sentence model knows
	 */
	Spelling(Collection<String> texts, Set<String> modelWords) {
		Map<String, Integer> counts = new HashMap<>();
		for (String text : texts) {
			Matcher words = WORD.matcher(text.toLowerCase(java.util.Locale.ROOT));
			while (words.find()) {
				if (words.group().length() >= 3) {
					counts.merge(words.group(), 1, Integer::sum);
				}
			}
		}
		this.counts = Map.copyOf(counts);
		this.modelWords = modelWords;
	}

	/** The text with each unknown word replaced by its nearest article word, if any. */
	String correct(String text) {
		Matcher words = WORD.matcher(text);
		StringBuilder out = null;
		int last = 0;
		while (words.find()) {
			String word = words.group();
			String mended = mend(word);
			if (mended != null) {
				out = out == null ? new StringBuilder(text.length() + 8) : out;
				out.append(text, last, words.start()).append(mended);
				last = words.end();
			}
		}
		return out == null ? text : out.append(text, last, text.length()).toString();
	}

	/** The nearest article word, or null to keep the word. */
	private String mend(String word) {
		if (word.length() < 4 || this.counts.isEmpty()) {
			return null;
		}
		String lower = word.toLowerCase(java.util.Locale.ROOT);
		if (this.counts.containsKey(lower) || this.modelWords.contains(lower)) {
			return null;
		}
		int edits = lower.length() >= 7 ? 2 : 1;
		String best = null;
		int bestDistance = edits + 1;
		int bestCount = 0;
		for (Map.Entry<String, Integer> candidate : this.counts.entrySet()) {
			String other = candidate.getKey();
			if (other.charAt(0) != lower.charAt(0) || Math.abs(other.length() - lower.length()) > edits) {
				continue;
			}
			int distance = EditDistance.distance(lower, other);
			if (distance > edits) {
				continue;
			}
			if (distance < bestDistance || (distance == bestDistance && candidate.getValue() > bestCount)) {
				best = other;
				bestDistance = distance;
				bestCount = candidate.getValue();
			}
		}
		return best;
	}

}
