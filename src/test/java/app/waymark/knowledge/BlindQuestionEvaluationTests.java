package app.waymark.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import app.waymark.conversation.LanguageDetector;
import app.waymark.system.Csv;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The question sets written blind to the articles' keywords, the synonyms and the
 * thresholds (src/test/resources/evaluation/questions-*.csv and nonenglish-*.csv), run
 * through the search as the service builds it. The fusion weights and thresholds were
 * fitted on the {@code tune} parts; the {@code test} parts are frozen and only reported.
 * The floors guard against a change making things worse; they sit under the figures
 * measured when the weights were chosen.
 */
class BlindQuestionEvaluationTests {

	record Question(String text, String language, String expected) {
	}

	/**
	 * @param answerable questions an article answers (the rest expect "none": nothing in
	 * the knowledge base answers them, so the right outcome is not to answer)
	 * @param offTopicHeld questions expecting "none" that got no confident answer
	 */
	record Outcome(int total, int answerable, int rightAndSure, int sureButWrong, int offeredWithRight, int offered,
			int notSure, int offTopicHeld, Map<String, int[]> byLanguage) {

		/** Right and confident, of the questions an article answers. */
		double right() {
			return this.answerable == 0 ? 0 : (double) this.rightAndSure / this.answerable;
		}

		double confidentlyWrong() {
			return (double) this.sureButWrong / this.total;
		}

		String report() {
			StringBuilder out = new StringBuilder(String
				.format(Locale.ROOT, "  %d questions (%d an article answers): right and confident %.1f%% of those, "
						+ "confidently wrong %.1f%% of all, \"did you mean\" %.1f%% (right one offered in %d of %d), "
						+ "not sure %.1f%%; off-topic left unanswered %d of %d", this.total, this.answerable,
						100 * right(), 100 * confidentlyWrong(), 100.0 * this.offered / this.total,
						this.offeredWithRight, this.offered, 100.0 * this.notSure / this.total, this.offTopicHeld,
						this.total - this.answerable));
			if (this.byLanguage.size() > 1) {
				out.append("\n  right by language:");
				this.byLanguage
					.forEach((k, v) -> out.append(' ').append(k).append(' ').append(v[1]).append('/').append(v[0]));
			}
			return out.toString();
		}

	}

	static List<Question> english(String part) throws IOException {
		List<Question> questions = new ArrayList<>();
		for (Csv.Row row : rows("questions-" + part)) {
			questions.add(new Question(row.get(0), "en", row.get(1).strip()));
		}
		return questions;
	}

	static List<Question> otherLanguages(String part) throws IOException {
		List<Question> questions = new ArrayList<>();
		for (Csv.Row row : rows("nonenglish-" + part)) {
			questions.add(new Question(row.get(0), row.get(1).strip(), row.get(2).strip()));
		}
		return questions;
	}

	/**
	 * The paraphrase set's part: its rows alternate, the first, third, fifth... for
	 * tuning and the second, fourth... frozen, so each article's 25 questions fall half
	 * in each. Split so before anything was fitted on it.
	 */
	static List<Question> paraphrases(String part) throws IOException {
		List<Question> questions = new ArrayList<>();
		List<Csv.Row> rows = rows("questions-paraphrase");
		for (int i = part.equals("tune") ? 0 : 1; i < rows.size(); i += 2) {
			questions.add(new Question(rows.get(i).get(0), "en", rows.get(i).get(1).strip()));
		}
		return questions;
	}

	private static List<Csv.Row> rows(String name) throws IOException {
		List<Csv.Row> rows = Csv.parse(Files.readString(Path.of("src/test/resources/evaluation/" + name + ".csv")));
		return rows.subList(1, rows.size()).stream().filter(row -> !row.get(0).isBlank()).toList();
	}

	/**
	 * Asks as the conversation does: the language is what the message's script shows (the
	 * young person's profile is not known here), English otherwise.
	 */
	static Outcome ask(KnowledgeSearch search, List<Question> questions) {
		int right = 0;
		int wrong = 0;
		int offered = 0;
		int offeredWithRight = 0;
		int notSure = 0;
		int answerable = 0;
		int offTopicHeld = 0;
		Map<String, int[]> byLanguage = new TreeMap<>();
		for (Question q : questions) {
			String language = LanguageDetector.detect(q.text(), null);
			Answer answer = search.answer(q.text(), language);
			boolean offTopic = q.expected().equals("none");
			answerable += offTopic ? 0 : 1;
			offTopicHeld += offTopic && !answer.confident() ? 1 : 0;
			int[] counts = byLanguage.computeIfAbsent(q.language(), k -> new int[2]);
			counts[0] += offTopic ? 0 : 1;
			if (answer.confident()) {
				boolean ok = answer.best().map(Article::id).orElse("").equals(q.expected());
				right += ok ? 1 : 0;
				wrong += ok ? 0 : 1;
				counts[1] += ok ? 1 : 0;
			}
			else if (!answer.choices().isEmpty()) {
				offered++;
				offeredWithRight += answer.choices().stream().anyMatch(a -> a.id().equals(q.expected())) ? 1 : 0;
			}
			else {
				notSure++;
			}
		}
		return new Outcome(questions.size(), answerable, right, wrong, offeredWithRight, offered, notSure, offTopicHeld,
				byLanguage);
	}

	@Test
	void englishTuningPart() throws IOException {
		Outcome tune = ask(KnowledgeFixtures.repositorySearch(), english("tune"));
		System.out.println("English questions, tuning part:\n" + tune.report());
		assertThat(tune.right()).isGreaterThanOrEqualTo(0.84);
		assertThat(tune.confidentlyWrong()).isLessThanOrEqualTo(0.03);
	}

	@Test
	void englishFrozenPart() throws IOException {
		Outcome test = ask(KnowledgeFixtures.repositorySearch(), english("test"));
		System.out.println("English questions, frozen part:\n" + test.report());
		assertThat(test.right()).isGreaterThanOrEqualTo(0.82);
		assertThat(test.confidentlyWrong()).isLessThanOrEqualTo(0.03);
	}

	/**
	 * 1,175 English questions (25 per article) written blind to the evaluation sets, as a
	 * second batch of example questions: most describe the situation without the
	 * article's words. Added to the index they did not help (two thirds in, the held-out
	 * third answered as before), so they are never indexed. As first measured, whole:
	 * 60.6% right and confident, 4.0% confidently wrong (the right article ranked first
	 * for 81.8%); some of the misses are between overlapping articles (staying close and
	 * staying put, what care leavers get and the local offer). Since then the tuning
	 * tools have listed the misses of its tuning half ({@link #paraphrases}), so only the
	 * other half is reported as never tuned on.
	 */
	@Test
	void englishParaphrasesTuningHalf() throws IOException {
		Outcome tune = ask(KnowledgeFixtures.repositorySearch(), paraphrases("tune"));
		System.out.println("English paraphrases, tuning half:\n" + tune.report());
		assertThat(tune.right()).isGreaterThanOrEqualTo(0.57);
		assertThat(tune.confidentlyWrong()).isLessThanOrEqualTo(0.045);
	}

	@Test
	void englishParaphrasesFrozenHalf() throws IOException {
		Outcome test = ask(KnowledgeFixtures.repositorySearch(), paraphrases("test"));
		System.out.println("English paraphrases, frozen half (never tuned on):\n" + test.report());
		assertThat(test.right()).isGreaterThanOrEqualTo(0.57);
		assertThat(test.confidentlyWrong()).isLessThanOrEqualTo(0.045);
	}

	@Test
	void otherLanguagesTuningPart() throws IOException {
		Outcome tune = ask(KnowledgeFixtures.repositorySearch(), otherLanguages("tune"));
		System.out.println("Questions in other languages, tuning part:\n" + tune.report());
		assertThat(tune.right()).isGreaterThanOrEqualTo(0.70);
		assertThat(tune.confidentlyWrong()).isLessThanOrEqualTo(0.03);
	}

	@Test
	void otherLanguagesFrozenPart() throws IOException {
		Outcome test = ask(KnowledgeFixtures.repositorySearch(), otherLanguages("test"));
		System.out.println("Questions in other languages, frozen part:\n" + test.report());
		assertThat(test.right()).isGreaterThanOrEqualTo(0.70);
		assertThat(test.confidentlyWrong()).isLessThanOrEqualTo(0.04);
	}

}
