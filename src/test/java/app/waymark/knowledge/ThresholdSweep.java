package app.waymark.knowledge;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import app.waymark.system.TestEmbeddings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool (tag "tool"): how the answer and draft thresholds trade right answers for
 * confidently wrong ones on the TUNING questions only; how the defaults were chosen. Run
 * with
 * {@code ./mvnw test -Dtest=ThresholdSweep -Dsurefire.excludedGroups= -Dgroups=tool}, and
 * {@code -Danswer=0.7,0.8 -Ddraft=0.5,0.6} for other thresholds than the defaults.
 */
@Tag("tool")
class ThresholdSweep {

	@Test
	void sweepOnTheTuningQuestions() throws IOException {
		KnowledgeBase knowledge = KnowledgeFixtures.repositoryKnowledge();
		StringBuilder out = new StringBuilder();
		for (double answer : Arrays.stream(System.getProperty("answer", "0.6,0.65,0.7,0.75,0.8,0.85").split(","))
			.mapToDouble(Double::parseDouble)
			.toArray()) {
			for (double draft : Arrays.stream(System.getProperty("draft", "0.52").split(","))
				.mapToDouble(Double::parseDouble)
				.toArray()) {
				KnowledgeSettings settings = new KnowledgeSettings(Path.of("knowledge"), "city-of-london", 0.5, 6.0,
						100, answer, 0.2, draft);
				try (KnowledgeSearch search = new KnowledgeSearch(settings, knowledge, TestEmbeddings.shared())) {
					search.loadExamples(ExampleQuestions.load(Path.of("knowledge")));
					search.loadSearchTerms(SearchTerms.load(Path.of("knowledge"), knowledge));
					out.append("answer ")
						.append(answer)
						.append(" draft ")
						.append(draft)
						.append('\n')
						.append(BlindQuestionEvaluationTests.ask(search, BlindQuestionEvaluationTests.english("tune"))
							.report())
						.append('\n')
						.append(BlindQuestionEvaluationTests
							.ask(search, BlindQuestionEvaluationTests.otherLanguages("tune"))
							.report())
						.append('\n');
				}
			}
		}
		System.out.println(out);
		assertThat(out).isNotEmpty();
	}

}
