package app.waymark.safeguarding;

import java.util.List;
import java.util.Objects;

/**
 * What the {@link RiskClassifier} made of one message.
 *
 * @param level how worried to be
 * @param category e.g. "self-harm", "violence", "exploitation", "domestic-abuse",
 * "no-safe-place-tonight", "medical-emergency", "money", "eviction", "loneliness",
 * "cannot-cope"; null for {@link RiskLevel#NONE}
 * @param ruleIds the rules that matched, for the audit trail (the rule that decided the
 * category first)
 * @param detectedBy which detector decided the level: {@code rules}, {@code examples}
 * (the semantic detector), {@code rules+examples} when both found it, or {@code search}
 * when only the knowledge base's choice of the crisis article did; null for NONE
 * @param evidence why, for a safeguarding lead reviewing the alert: the rules that fired
 * and the nearest examples with their similarity; never the message itself
 * @param secondCategory for a crisis, another danger the message may be telling of, whose
 * help the reply gives too (the detectors, or the nearest examples, were split between
 * two kinds of help); null when there is none
 */
public record RiskAssessment(RiskLevel level, String category, List<String> ruleIds, String detectedBy, String evidence,
		String secondCategory) {

	private static final RiskAssessment NONE = new RiskAssessment(RiskLevel.NONE, null, List.of());

	public RiskAssessment(RiskLevel level, String category, List<String> ruleIds, String detectedBy, String evidence) {
		this(level, category, ruleIds, detectedBy, evidence, null);
	}

	public RiskAssessment(RiskLevel level, String category, List<String> ruleIds) {
		this(level, category, ruleIds, level == RiskLevel.NONE ? null : "rules",
				ruleIds == null || ruleIds.isEmpty() ? null : "rules: " + String.join(", ", ruleIds));
	}

	public RiskAssessment {
		Objects.requireNonNull(level, "level");
		ruleIds = (ruleIds != null) ? List.copyOf(ruleIds) : List.of();
		if (evidence != null && evidence.length() > 480) {
			evidence = evidence.substring(0, 480);
		}
		if (level != RiskLevel.CRISIS || (secondCategory != null
				&& CrisisHelp.forCategory(secondCategory) == CrisisHelp.forCategory(category))) {
			secondCategory = null;
		}
		if (level == RiskLevel.NONE) {
			category = null;
		}
		else if (category == null || category.isBlank()) {
			throw new IllegalArgumentException("A " + level + " assessment needs a category");
		}
	}

	/**
	 * Whether a human must look at the message straight away.
	 * @return true for {@link RiskLevel#CRISIS}
	 */
	public boolean isCrisis() {
		return this.level == RiskLevel.CRISIS;
	}

	/**
	 * The assessment of a message with nothing worrying in it.
	 * @return a {@link RiskLevel#NONE} assessment with no category and no rules
	 */
	public static RiskAssessment none() {
		return NONE;
	}

}
