package app.waymark.safeguarding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.waymark.system.SentenceEmbeddings;
import app.waymark.system.TestEmbeddings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool, not a check (tag "tool", left out of the build): writes what each detector made
 * of every message in the TUNING part of the evaluation set, so thresholds can be chosen
 * on it without looking at the frozen part. Run with
 * {@code ./mvnw test -Dtest=SafeguardingFeatureDump -Dsurefire.excludedGroups= -Dgroups=tool}.
 */
@Tag("tool")
class SafeguardingFeatureDump {

	@Test
	void writeTuningFeatures() throws IOException {
		DangerCheck check = RepositoryDangerCheck.shared();
		// the tuning part, or (-Dset=labelled) the project's older labelled set, which is
		// no
		// frozen part either
		EvaluationSet tune = "labelled".equals(System.getProperty("set")) ? EvaluationSet.labelled()
				: EvaluationSet.load("tune");
		List<String> lines = new ArrayList<>();
		lines.add("line\tlanguage\tlevel\tcategory\tkind\trules_level\trules_category\tm_none\tm_concern\tm_crisis"
				+ "\ts_none\ts_concern\ts_crisis\tm_concern_cat\tm_crisis_cat\ts_concern_cat\ts_crisis_cat\tm_ordinary\ts_ordinary");
		for (EvaluationSet.Labelled m : tune.messages()) {
			RiskAssessment rules = check.assessByRules(m.message());
			// the thresholds apply to each reading, so the message is read whole
			SemanticDetector.Reading r = check.readWholeExamples(m.message());
			lines.add(String.join("\t", String.valueOf(m.line()), m.language(), m.level().name(),
					String.valueOf(m.category()), m.kind(), rules.level().name(), String.valueOf(rules.category()),
					f(r.meaning()[0]), f(r.meaning()[1]), f(r.meaning()[2]), f(r.spelling()[0]), f(r.spelling()[1]),
					f(r.spelling()[2]), String.valueOf(r.meaningCategory()[1]), String.valueOf(r.meaningCategory()[2]),
					String.valueOf(r.spellingCategory()[1]), String.valueOf(r.spellingCategory()[2]), f(r.meaning()[3]),
					f(r.spelling()[3])));
		}
		Path out = Path.of("labelled".equals(System.getProperty("set")) ? "target/safeguarding-labelled-features.tsv"
				: "target/safeguarding-tune-features.tsv");
		Files.write(out, lines);
		assertThat(lines).hasSize(tune.messages().size() + 1);
	}

	/**
	 * Every tuning part's messages with how the danger check decided them (final level,
	 * which detector, the deciding reading's nearness to each level), to study where the
	 * examples alone give the crisis reply. Only tuning parts are written.
	 */
	@Test
	void writeTuningDecisions() throws IOException {
		DangerCheck check = RepositoryDangerCheck.shared();
		List<String> lines = new ArrayList<>();
		lines.add("part\tline\tlanguage\tlevel\tfinal\tdetected_by\trules_level\treading_level\tby\twords"
				+ "\tm_none\tm_concern\tm_crisis\tm_ordinary\ts_none\ts_concern\ts_crisis\ts_ordinary");
		for (String part : EvaluationSet.TUNING_PARTS) {
			for (EvaluationSet.Labelled m : EvaluationSet.load(part).messages()) {
				RiskAssessment assessed = check.assess(m.message());
				SemanticDetector.Reading r = check.readExamples(m.message());
				String by = r.nearest().isEmpty() ? "-" : r.nearest().get(0).by();
				lines.add(String.join("\t", part, String.valueOf(m.line()), m.language(), m.level().name(),
						assessed.level().name(), String.valueOf(assessed.detectedBy()),
						check.assessByRules(m.message()).level().name(), r.level().name(), by,
						String.valueOf(TextNormaliser.rawWords(m.message()).size()), f(r.meaning()[0]),
						f(r.meaning()[1]), f(r.meaning()[2]), f(r.meaning()[3]), f(r.spelling()[0]), f(r.spelling()[1]),
						f(r.spelling()[2]), f(r.spelling()[3])));
			}
		}
		Files.write(Path.of("target/safeguarding-tuning-decisions.tsv"), lines);
		assertThat(lines).hasSizeGreaterThan(EvaluationSet.TUNING_PARTS.size());
	}

	@Test
	void writeTuningEmbeddings() throws IOException {
		SentenceEmbeddings embeddings = TestEmbeddings.shared();
		TextNormaliser normaliser = RiskClassifier.fromClasspath().normaliser();
		List<String> lines = new ArrayList<>();
		for (ExampleBank.Example example : ExampleBank.fromClasspath().examples()) {
			lines.add(String.join("\t", "bank", example.id(), example.language(), example.level().name(),
					String.valueOf(example.category()), vector(embeddings.embed(normaliser.readable(example.text())))));
		}
		for (EvaluationSet.Labelled m : EvaluationSet.load("tune").messages()) {
			lines.add(String.join("\t", "tune", String.valueOf(m.line()), m.language(), m.level().name(),
					String.valueOf(m.category()), vector(embeddings.embed(normaliser.readable(m.message())))));
		}
		Files.write(Path.of("target/safeguarding-tune-embeddings.tsv"), lines);
		assertThat(lines).isNotEmpty();
	}

	private static String vector(float[] vector) {
		StringBuilder out = new StringBuilder();
		for (float value : vector) {
			out.append(out.isEmpty() ? "" : " ").append(String.format(Locale.ROOT, "%.5f", value));
		}
		return out.toString();
	}

	private static String f(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

}
