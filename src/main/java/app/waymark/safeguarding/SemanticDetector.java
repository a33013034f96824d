package app.waymark.safeguarding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import app.waymark.system.SentenceEmbeddings;

/**
 * The second opinion on danger: compares a message with the example bank by meaning
 * (sentence embeddings, for English and other Latin-script writing) and by spelling
 * (character n-grams, for every script, typos included), and says which examples it is
 * nearest to. The rules catch what a reviewer wrote down; this catches the same thing
 * said another way ("everyone would be better off", "they took my passport").
 *
 * <p>
 * A message is flagged when its nearest harmful example is close enough and clearly
 * nearer than its nearest harmless one: near misses in the bank ("this exam is killing
 * me") pull idioms away from an alert. Thresholds were chosen on the tuning part of the
 * evaluation set only (see {@code SafeguardingEvaluationTests}).
 */
final class SemanticDetector {

	/** How many nearest examples an assessment keeps, for the reviewer. */
	static final int NEAREST = 3;

	private final List<ExampleBank.Example> examples;

	private final float[][] vectors;

	private final CharGrams grams;

	private final SentenceEmbeddings embeddings;

	private final TextNormaliser normaliser;

	private final Thresholds thresholds;

	/**
	 * When each way of comparing flags a message.
	 *
	 * @param meaningCrisis least embedding similarity to a crisis example
	 * @param meaningMargin how much nearer a crisis (or concern) example must be than the
	 * nearest harmless one, by embeddings
	 * @param meaningConcern least embedding similarity to a concern example
	 * @param spellingCrisis least n-gram similarity to a crisis example
	 * @param spellingMargin as meaningMargin, by n-grams
	 * @param spellingConcern least n-gram similarity to a concern example
	 */
	record Thresholds(double meaningCrisis, double meaningMargin, double meaningConcern, double spellingCrisis,
			double spellingMargin, double spellingConcern) {

		static final Thresholds DEFAULT = new Thresholds(0.62, 0.04, 0.62, 0.45, 0.05, 0.45);

	}

	/**
	 * One example near the message.
	 *
	 * @param id the example's id in the bank
	 * @param level what the example means
	 * @param category its category
	 * @param similarity how near, 0..1
	 * @param by "meaning" or "spelling"
	 */
	record Neighbour(String id, RiskLevel level, String category, double similarity, String by) {

		@Override
		public String toString() {
			return this.id + " " + this.by + " " + String.format(Locale.ROOT, "%.2f", this.similarity);
		}

	}

	/**
	 * What the comparison found.
	 *
	 * @param level the level it suggests
	 * @param category the category of the nearest example of that level
	 * @param nearest the nearest examples, best first
	 * @param meaning best embedding similarity per level (none, concern, crisis)
	 * @param spelling best n-gram similarity per level (none, concern, crisis)
	 */
	record Reading(RiskLevel level, String category, List<Neighbour> nearest, double[] meaning, double[] spelling) {

		String evidence() {
			return this.nearest.stream().map(Neighbour::toString).reduce((a, b) -> a + "; " + b).orElse("");
		}

	}

	SemanticDetector(ExampleBank bank, SentenceEmbeddings embeddings, TextNormaliser normaliser,
			Thresholds thresholds) {
		this.examples = bank.examples();
		this.embeddings = embeddings;
		this.normaliser = normaliser;
		this.thresholds = thresholds;
		this.vectors = new float[this.examples.size()][];
		for (int i = 0; i < this.examples.size(); i++) {
			this.vectors[i] = embeddings.embed(embeddable(this.examples.get(i).text()));
		}
		this.grams = new CharGrams(this.examples.stream().map(ExampleBank.Example::text).toList());
	}

	/** The text the embedding model is given for a message or an example. */
	String embeddable(String text) {
		return this.normaliser.readable(text);
	}

	/** Every text embedded at build time: the examples as the model sees them. */
	static List<String> embeddedTexts(ExampleBank bank, TextNormaliser normaliser) {
		return bank.examples().stream().map(example -> normaliser.readable(example.text())).toList();
	}

	Reading read(String text) {
		float[] message = this.embeddings.embed(embeddable(text));
		float[] spelling = this.grams.similarities(text);
		double[] bestMeaning = new double[3];
		double[] bestSpelling = new double[3];
		int[] nearestMeaning = { -1, -1, -1 };
		int[] nearestSpelling = { -1, -1, -1 };
		for (int i = 0; i < this.examples.size(); i++) {
			int level = this.examples.get(i).level().ordinal();
			double meaning = SentenceEmbeddings.cosine(message, this.vectors[i]);
			if (meaning > bestMeaning[level]) {
				bestMeaning[level] = meaning;
				nearestMeaning[level] = i;
			}
			if (spelling[i] > bestSpelling[level]) {
				bestSpelling[level] = spelling[i];
				nearestSpelling[level] = i;
			}
		}
		RiskLevel level = RiskLevel.NONE;
		int decidedBy = -1;
		String by = null;
		Thresholds t = this.thresholds;
		int crisis = RiskLevel.CRISIS.ordinal();
		int concern = RiskLevel.CONCERN.ordinal();
		int none = RiskLevel.NONE.ordinal();
		if (bestMeaning[crisis] >= t.meaningCrisis() && bestMeaning[crisis] - bestMeaning[none] >= t.meaningMargin()) {
			level = RiskLevel.CRISIS;
			decidedBy = nearestMeaning[crisis];
			by = "meaning";
		}
		else if (bestSpelling[crisis] >= t.spellingCrisis()
				&& bestSpelling[crisis] - bestSpelling[none] >= t.spellingMargin()) {
			level = RiskLevel.CRISIS;
			decidedBy = nearestSpelling[crisis];
			by = "spelling";
		}
		else if (bestMeaning[concern] >= t.meaningConcern()
				&& bestMeaning[concern] - bestMeaning[none] >= t.meaningMargin()) {
			level = RiskLevel.CONCERN;
			decidedBy = nearestMeaning[concern];
			by = "meaning";
		}
		else if (bestSpelling[concern] >= t.spellingConcern()
				&& bestSpelling[concern] - bestSpelling[none] >= t.spellingMargin()) {
			level = RiskLevel.CONCERN;
			decidedBy = nearestSpelling[concern];
			by = "spelling";
		}
		List<Neighbour> nearest = new ArrayList<>();
		for (int l = 2; l >= 0; l--) {
			if (nearestMeaning[l] >= 0) {
				nearest.add(neighbour(nearestMeaning[l], bestMeaning[l], "meaning"));
			}
			if (nearestSpelling[l] >= 0 && nearestSpelling[l] != nearestMeaning[l]) {
				nearest.add(neighbour(nearestSpelling[l], bestSpelling[l], "spelling"));
			}
		}
		nearest.sort(Comparator.comparingDouble(Neighbour::similarity).reversed());
		if (decidedBy >= 0) {
			Neighbour decisive = neighbour(decidedBy,
					"meaning".equals(by) ? bestMeaning[level.ordinal()] : bestSpelling[level.ordinal()], by);
			nearest.remove(decisive);
			nearest.add(0, decisive);
		}
		String category = decidedBy >= 0 ? this.examples.get(decidedBy).category() : null;
		return new Reading(level, category, List.copyOf(nearest.subList(0, Math.min(NEAREST, nearest.size()))),
				bestMeaning, bestSpelling);
	}

	private Neighbour neighbour(int index, double similarity, String by) {
		ExampleBank.Example example = this.examples.get(index);
		return new Neighbour(example.id(), example.level(), example.category(), Math.round(similarity * 1000) / 1000.0,
				by);
	}

}
