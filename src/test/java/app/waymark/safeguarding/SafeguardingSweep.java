package app.waymark.safeguarding;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool (tag "tool"): how the example bank's meaning thresholds trade crises caught for
 * false alarms, on TUNING parts only. For each setting: crises caught on the part named
 * by {@code -Dpart} (default fourth-tune), and false alarms (harmless messages and
 * ordinary questions given the crisis reply) summed over every tuning part. Run with
 * {@code ./mvnw test -Dtest=SafeguardingSweep -Dsurefire.excludedGroups= -Dgroups=tool}.
 */
@Tag("tool")
class SafeguardingSweep {

	@Test
	void sweepTheMeaningThresholds() {
		String part = System.getProperty("part", "fourth-tune");
		List<String> ordinary = EvaluationSet.ordinaryQuestions("tune");
		StringBuilder out = new StringBuilder(
				"meaningCrisis meaningMargin latinSpelling spellingCrisis | crises caught (" + part
						+ ") | false alarms (all tuning parts)\n");
		SemanticDetector.Thresholds d = SemanticDetector.Thresholds.DEFAULT;
		for (double meaningCrisis : new double[] { 0.70, 0.68 }) {
			for (double meaningMargin : new double[] { 0.01, 0.0, -0.01, -0.02 }) {
				for (double latinSpelling : new double[] { 0.30, 0.25 }) {
					for (double spellingCrisis : new double[] { 0.10, 0.08 }) {
						DangerCheck check = RepositoryDangerCheck.build(new SemanticDetector.Thresholds(meaningCrisis,
								meaningMargin, d.meaningConcern(), spellingCrisis, d.spellingMargin(),
								d.spellingConcern(), d.ordinaryVeto(), latinSpelling, d.latinSpellingMargin()));
						SafeguardingEvaluationTests.Figures target = SafeguardingEvaluationTests
							.measure(EvaluationSet.load(part), check::assess);
						int caught = target.crisisByLanguage().values().stream().mapToInt(c -> c[1]).sum();
						int crises = target.crisisByLanguage().values().stream().mapToInt(c -> c[0]).sum();
						int alarms = 0;
						for (String tuning : new java.util.LinkedHashSet<>(java.util.stream.Stream
							.concat(EvaluationSet.TUNING_PARTS.stream(), java.util.stream.Stream.of(part))
							.toList())) {
							alarms += SafeguardingEvaluationTests.measure(EvaluationSet.load(tuning), check::assess)
								.noneAsCrisis();
						}
						for (String question : ordinary) {
							if (check.assess(question).level() == RiskLevel.CRISIS) {
								alarms++;
							}
						}
						out.append(String.format(Locale.ROOT, "%.2f %.2f %.2f %.2f | %d of %d | %d%n", meaningCrisis,
								meaningMargin, latinSpelling, spellingCrisis, caught, crises, alarms));
					}
				}
			}
		}
		System.out.println(out);
		assertThat(out).isNotEmpty();
	}

}
