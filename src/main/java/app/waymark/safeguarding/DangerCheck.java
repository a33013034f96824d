package app.waymark.safeguarding;

import java.util.ArrayList;
import java.util.List;

import app.waymark.system.SentenceEmbeddings;

/**
 * Decides whether a message signals danger, with two detectors: the reviewed rules
 * ({@link RiskClassifier}: precise and explainable) and the example bank
 * ({@link SemanticDetector}: the same dangers said in other words). When they disagree
 * the higher level wins; a missed crisis costs more than a worker's minute. Only this
 * check decides crisis, and every assessment says which detector decided and why.
 */
public final class DangerCheck {

	private final RiskClassifier rules;

	private final SemanticDetector examples;

	DangerCheck(RiskClassifier rules, SemanticDetector examples) {
		this.rules = rules;
		this.examples = examples;
	}

	/**
	 * The rules from the classpath and the example bank, compared through the given
	 * embeddings.
	 * @param embeddings the sentence embedding model
	 * @return the check
	 */
	public static DangerCheck fromClasspath(SentenceEmbeddings embeddings) {
		return fromClasspath(embeddings, SemanticDetector.Thresholds.DEFAULT);
	}

	static DangerCheck fromClasspath(SentenceEmbeddings embeddings, SemanticDetector.Thresholds thresholds) {
		RiskClassifier rules = RiskClassifier.fromClasspath();
		return new DangerCheck(rules,
				new SemanticDetector(ExampleBank.fromClasspath(), embeddings, rules.normaliser(), thresholds));
	}

	/**
	 * Every text the example bank has the model embed, for the build to precompute.
	 * @return the texts
	 */
	public static List<String> embeddedTexts() {
		return SemanticDetector.embeddedTexts(ExampleBank.fromClasspath(), RiskClassifier.fromClasspath().normaliser());
	}

	/**
	 * Assesses one message. Never throws: a detector that fails leaves the other to
	 * decide, and if both fail the message is a concern so that a person looks at it.
	 * @param text the message, possibly null
	 * @return the assessment
	 */
	public RiskAssessment assess(String text) {
		if (text == null || text.isBlank()) {
			return RiskAssessment.none();
		}
		RiskAssessment byRules = this.rules.assess(text);
		SemanticDetector.Reading byExamples;
		try {
			byExamples = this.examples.read(text);
		}
		catch (RuntimeException ex) {
			return byRules.level() == RiskLevel.NONE
					? new RiskAssessment(RiskLevel.CONCERN, RiskClassifier.ERROR_CATEGORY,
							List.of(RiskClassifier.ERROR_CATEGORY), "rules", "example comparison failed")
					: byRules;
		}
		return combine(byRules, byExamples);
	}

	static RiskAssessment combine(RiskAssessment byRules, SemanticDetector.Reading byExamples) {
		RiskLevel level = byRules.level().compareTo(byExamples.level()) >= 0 ? byRules.level() : byExamples.level();
		if (level == RiskLevel.NONE) {
			return RiskAssessment.none();
		}
		boolean rulesDecide = byRules.level() == level;
		boolean examplesAgree = byExamples.level() == level;
		String detectedBy = rulesDecide && examplesAgree ? "rules+examples" : rulesDecide ? "rules" : "examples";
		String category = rulesDecide ? byRules.category() : byExamples.category();
		List<String> evidence = new ArrayList<>(2);
		if (!byRules.ruleIds().isEmpty()) {
			evidence.add("rules: " + String.join(", ", byRules.ruleIds()));
		}
		if (byExamples.level() != RiskLevel.NONE || !byExamples.nearest().isEmpty()) {
			evidence.add("examples: " + byExamples.evidence());
		}
		return new RiskAssessment(level, category, byRules.ruleIds(), detectedBy, String.join(" | ", evidence));
	}

	/**
	 * What the semantic detector alone made of a message (evaluation and review tools).
	 */
	SemanticDetector.Reading readExamples(String text) {
		return this.examples.read(text);
	}

	RiskAssessment assessByRules(String text) {
		return this.rules.assess(text);
	}

}
