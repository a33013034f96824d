package app.waymark.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.waymark.conversation.LanguageDetector;
import app.waymark.system.Csv;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A tool (tag "tool"): writes the search's answer to every message of every evaluation
 * set (in the language its script shows, and again as English), with every ranked
 * article's score, to {@code target/answer-snapshot.tsv}. A change meant not to alter any
 * answer (a faster query, a refactoring) is checked by diffing the file from before and
 * after. Run with
 * {@code ./mvnw test -Dtest=AnswerSnapshotTool -Dsurefire.excludedGroups=}.
 */
@Tag("tool")
class AnswerSnapshotTool {

	private static final List<String> SETS = List.of("evaluation/questions-tune", "evaluation/questions-test",
			"evaluation/nonenglish-tune", "evaluation/nonenglish-test", "evaluation/safeguarding-tune",
			"evaluation/safeguarding-test", "knowledge/evaluation", "safeguarding/labelled-messages");

	@Test
	void write() throws IOException {
		KnowledgeSearch search = KnowledgeFixtures.repositorySearch();
		List<String> lines = new ArrayList<>();
		for (String set : SETS) {
			List<Csv.Row> rows = Csv.parse(Files.readString(Path.of("src/test/resources/" + set + ".csv")));
			for (Csv.Row row : rows.subList(1, rows.size())) {
				String message = row.get(0);
				for (String language : new String[] { LanguageDetector.detect(message, null), "en" }) {
					Answer answer = search.answer(message, language);
					StringBuilder line = new StringBuilder(set).append('\t')
						.append(language)
						.append('\t')
						.append(message)
						.append('\t')
						.append(answer.confident())
						.append(String.format(Locale.ROOT, "\t%.6f\t", answer.score()));
					answer.ranked()
						.forEach(
								hit -> line.append(hit.id()).append(String.format(Locale.ROOT, ":%.5f ", hit.score())));
					line.append('\t');
					answer.choices().forEach(choice -> line.append(choice.id()).append(' '));
					lines.add(line.toString());
				}
			}
		}
		Files.write(Path.of("target/answer-snapshot.tsv"), lines);
		System.out.println("SNAPSHOT " + lines.size() + " answers in target/answer-snapshot.tsv");
	}

}
