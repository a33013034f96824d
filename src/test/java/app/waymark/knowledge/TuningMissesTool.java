package app.waymark.knowledge;

import java.io.IOException;
import java.util.List;

import app.waymark.conversation.LanguageDetector;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool (tag "tool"): prints each TUNING question (both question sets' tuning parts and
 * the paraphrase set's) the search did not answer rightly and confidently, with what it
 * did instead, to see what kind of wording it misses. Never run on the frozen part. Run
 * with
 * {@code ./mvnw test -Dtest=TuningMissesTool -Dsurefire.excludedGroups= -Dgroups=tool}.
 */
@Tag("tool")
class TuningMissesTool {

	@Test
	void printTheTuningMisses() throws IOException {
		KnowledgeSearch search = KnowledgeFixtures.repositorySearch();
		List<BlindQuestionEvaluationTests.Question> questions = new java.util.ArrayList<>(
				BlindQuestionEvaluationTests.english("tune"));
		questions.addAll(BlindQuestionEvaluationTests.otherLanguages("tune"));
		questions.addAll(BlindQuestionEvaluationTests.paraphrases("tune"));
		int misses = 0;
		for (BlindQuestionEvaluationTests.Question q : questions) {
			Answer answer = search.answer(q.text(), LanguageDetector.detect(q.text(), null));
			String best = answer.best().map(Article::id).orElse("-");
			boolean right = answer.confident() ? best.equals(q.expected()) : q.expected().equals("none");
			if (!right) {
				misses++;
				System.out.printf("MISS %s | %s | expected %s | %s %s %.3f | choices %s%n", q.language(), q.text(),
						q.expected(), answer.confident() ? "ANSWERED" : "unsure", best, answer.score(),
						answer.choices().stream().map(Article::id).toList());
			}
		}
		System.out.println("misses " + misses + " of " + questions.size());
		assertThat(misses).isLessThan(questions.size());
	}

}
