package app.waymark.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.waymark.system.Csv;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool, not a check (tag "tool"): writes each candidate article's evidence for every
 * question in the TUNING part of the question set, so the fusion weights and thresholds
 * can be fitted on it ({@code src/test/tools/fit_fusion.py}) and never on the frozen
 * part; with {@code -Dparaphrases=true} the paraphrase set's tuning half too. Run with
 * {@code ./mvnw test -Dtest=AnswerFeatureDump -Dsurefire.excludedGroups= -Dgroups=tool}.
 */
@Tag("tool")
class AnswerFeatureDump {

	@Test
	void writeTuningCandidates() throws IOException {
		KnowledgeSearch search = KnowledgeFixtures.repositorySearch();
		String text = Files.readString(Path.of("src/test/resources/evaluation/questions-tune.csv"));
		List<String> lines = new ArrayList<>();
		lines.add("line\texpected\tkind\tarticle\twords\tmeaning\twords_gap\tmeaning_gap\tvote");
		List<Csv.Row> rows = Csv.parse(text);
		for (Csv.Row row : rows.subList(1, rows.size())) {
			candidates(search, String.valueOf(row.line()), row.get(0), row.get(1).strip(), row.get(2), lines);
		}
		if (Boolean.getBoolean("paraphrases")) {
			// -Dparaphrases=true: the paraphrase set's tuning half as well
			List<BlindQuestionEvaluationTests.Question> paraphrases = BlindQuestionEvaluationTests.paraphrases("tune");
			for (int i = 0; i < paraphrases.size(); i++) {
				BlindQuestionEvaluationTests.Question q = paraphrases.get(i);
				candidates(search, "p" + i, q.text(), q.expected(), "paraphrase", lines);
			}
		}
		Files.write(Path.of("target/questions-tune-candidates.tsv"), lines);
		assertThat(lines).hasSizeGreaterThan(100);
	}

	private static void candidates(KnowledgeSearch search, String line, String question, String expected, String kind,
			List<String> lines) {
		List<KnowledgeSearch.Candidate> candidates = search.candidates(question);
		for (KnowledgeSearch.Candidate c : candidates) {
			lines.add(String.join("\t", line, expected, kind, c.id(), f(c.words()), f(c.meaning()), f(c.wordsLead()),
					f(c.meaningLead()), f(c.vote())));
		}
		if (candidates.isEmpty()) {
			lines.add(String.join("\t", line, expected, kind, "-", "0", "0", "0", "0", "0"));
		}
	}

	private static String f(double value) {
		return String.format(Locale.ROOT, "%.4f", value);
	}

}
