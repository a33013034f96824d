package app.waymark.safeguarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides whether a message from a young person signals danger, using the reviewed rules
 * in {@code safeguarding/risk-rules.yml}.
 *
 * <p>
 * A message is cleaned up by {@link TextNormaliser}, everyday phrases ("killing it at
 * work") are blanked out, and then every rule whose phrases are found fires. The highest
 * level fired wins; among rules of that level, the one earliest in the file names the
 * category. Immutable and thread-safe; all phrases are compiled once, up front.
 */
public final class RiskClassifier {

	/** Where {@link #fromClasspath()} looks for the rules. */
	public static final String RULES_RESOURCE = "safeguarding/risk-rules.yml";

	/** Category reported if the classifier itself fails on a message. */
	static final String ERROR_CATEGORY = "classifier-error";

	private final TextNormaliser normaliser;

	private final PhraseIndex everyday;

	private final PhraseIndex phrases;

	private final RiskRule[] rules;

	private final int[] regexOwners;

	private final Pattern[][] regexes;

	private RiskClassifier(RuleFile file) {
		this.normaliser = file.normaliser;
		this.everyday = file.everyday;
		this.phrases = file.phrases;
		this.rules = file.rules.toArray(RiskRule[]::new);
		this.regexOwners = new int[file.regexes.size()];
		this.regexes = new Pattern[file.regexes.size()][];
		int i = 0;
		for (Map.Entry<Integer, List<Pattern>> entry : file.regexes.entrySet()) {
			this.regexOwners[i] = entry.getKey();
			this.regexes[i] = entry.getValue().toArray(Pattern[]::new);
			i++;
		}
	}

	/**
	 * Builds the classifier from {@value #RULES_RESOURCE} on the classpath; call once and
	 * keep it.
	 * @return the classifier
	 * @throws IllegalStateException if the file is missing
	 * @throws IllegalArgumentException if the file is malformed
	 */
	public static RiskClassifier fromClasspath() {
		ClassLoader loader = RiskClassifier.class.getClassLoader();
		try (InputStream in = loader.getResourceAsStream(RULES_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RULES_RESOURCE + " is not on the classpath");
			}
			return fromYaml(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + RULES_RESOURCE, ex);
		}
	}

	/**
	 * A classifier from rule file text (for tests and tools).
	 * @param yaml the rule file
	 * @return the classifier
	 * @throws IllegalArgumentException naming the rule and the reason if the file is
	 * malformed
	 */
	public static RiskClassifier fromYaml(String yaml) {
		return new RiskClassifier(RuleFile.parse(yaml));
	}

	/**
	 * Assesses one message. Never throws: if something unexpected goes wrong the message
	 * is reported as a {@link RiskLevel#CONCERN} so that a human looks at it.
	 * @param text the message, possibly null
	 * @return the assessment; {@link RiskAssessment#none()} for null or blank text
	 */
	public RiskAssessment assess(String text) {
		if (text == null || text.isBlank()) {
			return RiskAssessment.none();
		}
		try {
			return evaluate(text);
		}
		catch (RuntimeException | StackOverflowError ex) {
			return new RiskAssessment(RiskLevel.CONCERN, ERROR_CATEGORY, List.of(ERROR_CATEGORY));
		}
	}

	private RiskAssessment evaluate(String text) {
		List<String> words = this.normaliser.words(text);
		if (words.isEmpty()) {
			return RiskAssessment.none();
		}
		this.everyday.mask(words);
		BitSet hits = new BitSet(this.rules.length * 2);
		this.phrases.findOwners(words, hits);
		String joined = null;
		for (int i = 0; i < this.regexOwners.length; i++) {
			int owner = this.regexOwners[i];
			if (hits.get(owner)) {
				continue;
			}
			if (joined == null) {
				joined = String.join(" ", words);
			}
			for (Pattern pattern : this.regexes[i]) {
				if (pattern.matcher(joined).find()) {
					hits.set(owner);
					break;
				}
			}
		}
		List<String> crisis = new ArrayList<>(2);
		List<String> concern = new ArrayList<>(2);
		String crisisCategory = null;
		String concernCategory = null;
		for (int r = 0; r < this.rules.length; r++) {
			RiskRule rule = this.rules[r];
			if (!hits.get(2 * r) || (rule.needsTogether() && !hits.get(2 * r + 1))) {
				continue;
			}
			if (rule.level() == RiskLevel.CRISIS) {
				crisis.add(rule.id());
				crisisCategory = (crisisCategory != null) ? crisisCategory : rule.category();
			}
			else {
				concern.add(rule.id());
				concernCategory = (concernCategory != null) ? concernCategory : rule.category();
			}
		}
		if (!crisis.isEmpty()) {
			crisis.addAll(concern);
			return new RiskAssessment(RiskLevel.CRISIS, crisisCategory, crisis);
		}
		if (!concern.isEmpty()) {
			return new RiskAssessment(RiskLevel.CONCERN, concernCategory, concern);
		}
		return RiskAssessment.none();
	}

	/** How this classifier reads a message, for detectors that compare the same words. */
	TextNormaliser normaliser() {
		return this.normaliser;
	}

	/**
	 * The rules this classifier applies, in file order.
	 * @return the rules
	 */
	List<RiskRule> rules() {
		return List.of(this.rules);
	}

}
