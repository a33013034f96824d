package app.waymark.safeguarding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Character n-gram vectors: a typo-proof, language-blind way to say two messages are
 * written alike. "sucide", "suicid" and "suicide" share most of their three- to
 * five-letter pieces, as do Vietnamese typed with and without tone marks once marks are
 * folded, and Arabic, Pashto or Tigrinya script, for which no embedding model is
 * available in-process.
 *
 * <p>
 * Text is folded as for the rules ({@link TextNormaliser#fold}), letters typed twice in a
 * row count once, and digits standing for letters inside a word ("k1ll", "h0me") become
 * the letters. Pieces are weighted by TF-IDF over the indexed examples and vectors have
 * unit length, so a dot product is a cosine.
 */
final class CharGrams {

	private static final int MIN = 3;

	private static final int MAX = 5;

	/** Piece → inverse document frequency over the indexed texts. */
	private final Map<String, Float> idf;

	private final float unknownIdf;

	/** Piece → postings of (text index, weight) for a sparse dot product. */
	private final Map<String, Posting> postings;

	private final int size;

	private record Posting(int[] texts, float[] weights) {
	}

	CharGrams(List<String> texts) {
		this.size = texts.size();
		List<Map<String, Integer>> counts = new ArrayList<>(texts.size());
		Map<String, Integer> documentFrequency = new HashMap<>();
		for (String text : texts) {
			Map<String, Integer> grams = grams(text);
			counts.add(grams);
			grams.keySet().forEach(gram -> documentFrequency.merge(gram, 1, Integer::sum));
		}
		Map<String, Float> idf = new HashMap<>(documentFrequency.size() * 2);
		documentFrequency.forEach((gram, df) -> idf.put(gram, (float) (Math.log((this.size + 1.0) / (df + 1.0)) + 1)));
		this.idf = idf;
		this.unknownIdf = (float) (Math.log(this.size + 1.0) + 1);
		Map<String, List<float[]>> building = new HashMap<>();
		for (int t = 0; t < counts.size(); t++) {
			Map<String, Float> vector = weigh(counts.get(t));
			int index = t;
			vector.forEach((gram, weight) -> building.computeIfAbsent(gram, g -> new ArrayList<>())
				.add(new float[] { index, weight }));
		}
		Map<String, Posting> postings = new HashMap<>(building.size() * 2);
		building.forEach((gram, list) -> {
			int[] ids = new int[list.size()];
			float[] weights = new float[list.size()];
			for (int i = 0; i < list.size(); i++) {
				ids[i] = (int) list.get(i)[0];
				weights[i] = list.get(i)[1];
			}
			postings.put(gram, new Posting(ids, weights));
		});
		this.postings = postings;
	}

	/**
	 * Cosine similarity of a text with every indexed text.
	 * @param text the message
	 * @return one similarity per indexed text, in index order
	 */
	float[] similarities(String text) {
		float[] scores = new float[this.size];
		weigh(grams(text)).forEach((gram, weight) -> {
			Posting posting = this.postings.get(gram);
			if (posting != null) {
				for (int i = 0; i < posting.texts().length; i++) {
					scores[posting.texts()[i]] += weight * posting.weights()[i];
				}
			}
		});
		return scores;
	}

	private Map<String, Float> weigh(Map<String, Integer> counts) {
		Map<String, Float> vector = new HashMap<>(counts.size() * 2);
		double norm = 0;
		for (Map.Entry<String, Integer> entry : counts.entrySet()) {
			float weight = (float) ((1 + Math.log(entry.getValue()))
					* this.idf.getOrDefault(entry.getKey(), this.unknownIdf));
			vector.put(entry.getKey(), weight);
			norm += weight * weight;
		}
		if (norm > 0) {
			float scale = (float) (1 / Math.sqrt(norm));
			vector.replaceAll((gram, weight) -> weight * scale);
		}
		return vector;
	}

	/** The pieces of a text with their counts. */
	static Map<String, Integer> grams(String text) {
		Map<String, Integer> grams = new HashMap<>();
		for (String word : words(text)) {
			String padded = "^" + word + "$";
			for (int n = MIN; n <= MAX; n++) {
				for (int i = 0; i + n <= padded.length(); i++) {
					grams.merge(padded.substring(i, i + n), 1, Integer::sum);
				}
			}
			if (padded.length() < MIN) {
				grams.merge(padded, 1, Integer::sum);
			}
		}
		return grams;
	}

	/** Folded words, repeated letters once, digits inside words read as letters. */
	static List<String> words(String text) {
		List<String> words = new ArrayList<>();
		for (String word : TextNormaliser.rawWords(text)) {
			words.add(lettersForDigits(word));
		}
		return words;
	}

	/**
	 * "k1ll" → "kill", "h0meless" → "homeless", "su1c1d3" → "suicide"; a word of digits
	 * only ("800", "2") keeps them.
	 */
	static String lettersForDigits(String word) {
		boolean letters = false;
		boolean digits = false;
		for (int i = 0; i < word.length(); i++) {
			char c = word.charAt(i);
			letters |= Character.isLetter(c);
			digits |= c >= '0' && c <= '9';
		}
		if (!letters || !digits) {
			return word;
		}
		char[] out = word.toCharArray();
		for (int i = 0; i < out.length; i++) {
			out[i] = switch (out[i]) {
				case '0' -> 'o';
				case '1' -> 'i';
				case '3' -> 'e';
				case '4' -> 'a';
				case '5' -> 's';
				case '7' -> 't';
				case '8' -> 'b';
				default -> out[i];
			};
		}
		return new String(out);
	}

	int size() {
		return this.size;
	}

	@Override
	public String toString() {
		return "CharGrams" + Arrays.asList(this.size, this.postings.size());
	}

}
