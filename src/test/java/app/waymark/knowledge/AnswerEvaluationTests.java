package app.waymark.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.waymark.system.Csv;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the labelled questions in {@code evaluation.csv} through the real index and checks
 * the answer quality the service promises. Rows labelled {@code none} must not be
 * answered confidently; {@code crisis-help} rows are answered by the safeguarding rules
 * in the conversation core, so here they only count towards "not confidently wrong".
 */
class AnswerEvaluationTests {

	static final double MIN_TOP1 = 0.90;

	static final double MAX_CONFIDENT_WRONG = 0.03;

	record Case(int line, String question, String expected) {
	}

	static List<Case> cases() throws IOException {
		String text = Files.readString(Path.of("src/test/resources/knowledge/evaluation.csv"));
		List<Case> cases = new ArrayList<>();
		for (Csv.Row row : Csv.parse(text).subList(1, Csv.parse(text).size())) {
			cases.add(new Case(row.line(), row.get(0), row.get(1).strip()));
		}
		return cases;
	}

	@Test
	void answersAtLeastNinetyPercentRightAndAlmostNeverConfidentlyWrong() throws IOException {
		Result result = evaluate(KnowledgeFixtures.repositorySearch(), cases());
		System.out.println(result.report());
		assertThat(result.total()).isGreaterThanOrEqualTo(150);
		assertThat(result.top1()).as("top-1 accuracy").isGreaterThanOrEqualTo(MIN_TOP1);
		assertThat(result.confidentWrong()).as("confident-wrong rate").isLessThanOrEqualTo(MAX_CONFIDENT_WRONG);
	}

	/**
	 * Prints accuracy at a range of thresholds: how the default in KnowledgeSettings was
	 * chosen.
	 */
	@Test
	void thresholdSweep() throws IOException {
		List<Case> cases = cases();
		KnowledgeBase knowledge = KnowledgeFixtures.repositoryKnowledge();
		StringBuilder sweep = new StringBuilder("threshold  top1   confident-wrong  not-answered\n");
		for (double threshold = 0.25; threshold <= 0.751; threshold += 0.05) {
			KnowledgeSettings settings = new KnowledgeSettings(Path.of("knowledge"), "city-of-london", threshold, 6.0,
					10);
			try (KnowledgeSearch search = new KnowledgeSearch(settings, knowledge,
					app.waymark.system.TestEmbeddings.shared())) {
				Result r = evaluate(search, cases);
				sweep.append(String.format(Locale.ROOT, "%9.2f  %5.1f%%  %14.1f%%  %11.1f%%%n", threshold,
						r.top1() * 100, r.confidentWrong() * 100, r.unanswered() * 100));
			}
		}
		System.out.println(sweep);
		assertThat(sweep.toString().lines()).hasSizeGreaterThan(5);
	}

	static Result evaluate(KnowledgeSearch search, List<Case> cases) {
		int total = 0;
		int right = 0;
		int confidentWrong = 0;
		int unanswered = 0;
		List<String> misses = new ArrayList<>();
		for (Case c : cases) {
			if (c.expected().equals("crisis-help")) {
				continue;
			}
			total++;
			Answer answer = search.answer(c.question());
			String got = answer.best().map(Article::id).orElse("none");
			boolean expectNone = c.expected().equals("none");
			// top-1: the best-ranked article is the right one (for 'none': the bot does
			// not claim to know)
			boolean correct = expectNone ? !answer.confident() : got.equals(c.expected());
			if (correct) {
				right++;
			}
			else {
				misses.add(String.format(Locale.ROOT, "  line %d: \"%s\" expected %s, got %s (%.2f%s)", c.line(),
						c.question(), c.expected(), got, answer.score(), answer.confident() ? ", confident" : ""));
			}
			if (answer.confident() && !got.equals(c.expected())) {
				confidentWrong++;
			}
			if (!answer.confident() && !expectNone) {
				unanswered++;
			}
		}
		return new Result(total, right, confidentWrong, unanswered, misses);
	}

	record Result(int total, int right, int confidentWrongCount, int unansweredCount, List<String> misses) {

		double top1() {
			return (double) this.right / this.total;
		}

		double confidentWrong() {
			return (double) this.confidentWrongCount / this.total;
		}

		double unanswered() {
			return (double) this.unansweredCount / this.total;
		}

		String report() {
			return String.format(Locale.ROOT,
					"Answer evaluation: %d questions, top-1 %.1f%%, confident-wrong %.1f%%, not answered %.1f%%%n%s",
					this.total, top1() * 100, confidentWrong() * 100, unanswered() * 100,
					String.join("\n", this.misses));
		}

	}

}
