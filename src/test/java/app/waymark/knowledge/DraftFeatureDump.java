package app.waymark.knowledge;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool (tag "tool"): the word-match evidence of each draft article for the drafts' OWN
 * example questions, each searched in an index built without it (three folds per
 * language), written to {@code target/draft-cv-candidates.tsv} for
 * {@code src/test/tools/fit_draft_decision.py}. No evaluation set is read: the draft
 * answer decision is fitted on these and only then measured on the tuning questions. Run
 * with
 * {@code ./mvnw test -Dtest=DraftFeatureDump -Dsurefire.excludedGroups= -Dgroups=tool}.
 */
@Tag("tool")
class DraftFeatureDump {

	private static final int FOLDS = 3;

	@Test
	void dumpHeldOutExampleQuestions() throws IOException {
		KnowledgeBase knowledge = KnowledgeFixtures.repositoryKnowledge();
		Map<String, List<Article>> byLanguage = new TreeMap<>(SearchTerms.load(Path.of("knowledge"), knowledge));
		Path out = Path.of("target", "draft-cv-candidates.tsv");
		int rows = 0;
		try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
			writer.println("line\tlanguage\texpected\tarticle\tbm25\tcoverage");
			int line = 0;
			for (Map.Entry<String, List<Article>> language : byLanguage.entrySet()) {
				for (int fold = 0; fold < FOLDS; fold++) {
					List<Article> kept = new ArrayList<>();
					List<String[]> held = new ArrayList<>();
					for (Article article : language.getValue()) {
						List<String> keep = new ArrayList<>();
						String[] questions = article.body().isBlank() ? new String[0] : article.body().split("\n");
						for (int i = 0; i < questions.length; i++) {
							if (i % FOLDS == fold) {
								held.add(new String[] { questions[i], article.id() });
							}
							else {
								keep.add(questions[i]);
							}
						}
						kept.add(new Article(article.id(), article.title(), article.topics(), article.keywords(),
								article.summary(), article.source(), article.lastReviewed(), article.reviewBy(),
								article.audience(), article.language(), article.supersedes(), String.join("\n", keep),
								article.scope()));
					}
					try (ArticleIndex index = new ArticleIndex(LanguageAnalyzers.forLanguage(language.getKey()),
							true)) {
						index.replaceAll(kept);
						for (String[] question : held) {
							line++;
							List<ArticleIndex.Hit> hits = index.search(KnowledgeSearch.normalise(question[0]), 5,
									false);
							if (hits.isEmpty()) {
								writer.printf("%d\t%s\t%s\t-\t0\t0%n", line, language.getKey(), question[1]);
							}
							for (ArticleIndex.Hit hit : hits) {
								writer.printf("%d\t%s\t%s\t%s\t%.4f\t%.4f%n", line, language.getKey(), question[1],
										hit.articleId(), hit.score(), hit.coverage());
								rows++;
							}
						}
					}
				}
			}
		}
		System.out.println("wrote " + rows + " candidate rows to " + out);
		assertThat(rows).isPositive();
	}

}
