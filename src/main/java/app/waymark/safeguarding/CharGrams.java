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

	/** Piece → its number, an index into the arrays below. */
	private final Map<String, Integer> pieces;

	/** Inverse document frequency over the indexed texts, by piece number. */
	private final float[] idf;

	private final float unknownIdf;

	/**
	 * By piece number, the texts that hold the piece (in index order) and its weight in
	 * each, for a sparse dot product. Arrays rather than maps of boxed numbers: the bank
	 * is about ten thousand texts and this is built at every start.
	 */
	private final int[][] postingTexts;

	private final float[][] postingWeights;

	private final int size;

	CharGrams(List<String> texts) {
		this.size = texts.size();
		Map<String, Integer> pieces = new HashMap<>();
		int[][] textPieces = new int[this.size][];
		int[][] textCounts = new int[this.size][];
		int[] documentFrequency = new int[1 << 16];
		for (int t = 0; t < this.size; t++) {
			Map<String, Integer> grams = grams(texts.get(t));
			int[] ids = new int[grams.size()];
			int[] counts = new int[grams.size()];
			int k = 0;
			// in the map's own order, as the query side weighs, so the norms agree
			for (Map.Entry<String, Integer> entry : grams.entrySet()) {
				Integer id = pieces.putIfAbsent(entry.getKey(), pieces.size());
				int piece = (id != null) ? id : pieces.size() - 1;
				if (piece == documentFrequency.length) {
					documentFrequency = Arrays.copyOf(documentFrequency, piece * 2);
				}
				documentFrequency[piece]++;
				ids[k] = piece;
				counts[k++] = entry.getValue();
			}
			textPieces[t] = ids;
			textCounts[t] = counts;
		}
		int known = pieces.size();
		this.idf = new float[known];
		this.postingTexts = new int[known][];
		this.postingWeights = new float[known][];
		for (int piece = 0; piece < known; piece++) {
			this.idf[piece] = (float) (Math.log((this.size + 1.0) / (documentFrequency[piece] + 1.0)) + 1);
			this.postingTexts[piece] = new int[documentFrequency[piece]];
			this.postingWeights[piece] = new float[documentFrequency[piece]];
		}
		this.unknownIdf = (float) (Math.log(this.size + 1.0) + 1);
		int[] filled = new int[known];
		for (int t = 0; t < this.size; t++) {
			int[] ids = textPieces[t];
			float[] weights = new float[ids.length];
			double norm = 0;
			for (int k = 0; k < ids.length; k++) {
				weights[k] = weight(textCounts[t][k], this.idf[ids[k]]);
				norm += weights[k] * weights[k];
			}
			float scale = (norm > 0) ? (float) (1 / Math.sqrt(norm)) : 1f;
			for (int k = 0; k < ids.length; k++) {
				int piece = ids[k];
				this.postingTexts[piece][filled[piece]] = t;
				this.postingWeights[piece][filled[piece]++] = weights[k] * scale;
			}
		}
		this.pieces = pieces;
	}

	/**
	 * Cosine similarity of a text with every indexed text.
	 * @param text the message
	 * @return one similarity per indexed text, in index order
	 */
	float[] similarities(String text) {
		float[] scores = new float[this.size];
		weigh(grams(text)).forEach((gram, weight) -> {
			Integer piece = this.pieces.get(gram);
			if (piece != null) {
				int[] holders = this.postingTexts[piece];
				float[] weights = this.postingWeights[piece];
				for (int i = 0; i < holders.length; i++) {
					scores[holders[i]] += weight * weights[i];
				}
			}
		});
		return scores;
	}

	private Map<String, Float> weigh(Map<String, Integer> counts) {
		Map<String, Float> vector = new HashMap<>(counts.size() * 2);
		double norm = 0;
		for (Map.Entry<String, Integer> entry : counts.entrySet()) {
			Integer piece = this.pieces.get(entry.getKey());
			float weight = weight(entry.getValue(), (piece != null) ? this.idf[piece] : this.unknownIdf);
			vector.put(entry.getKey(), weight);
			norm += weight * weight;
		}
		if (norm > 0) {
			float scale = (float) (1 / Math.sqrt(norm));
			vector.replaceAll((gram, weight) -> weight * scale);
		}
		return vector;
	}

	/**
	 * A piece's TF-IDF weight in a text, before the text's vector is made unit length.
	 */
	private static float weight(int count, float idf) {
		return (float) ((1 + Math.log(count)) * idf);
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
		return "CharGrams" + Arrays.asList(this.size, this.pieces.size());
	}

}
