package app.waymark.knowledge;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A knowledge base of a few thousand passages is compared with a question passage by
 * passage, so the articles found by meaning are the truly nearest, not a graph's
 * approximation of them. Vectors here are random, the hardest case for a graph: with
 * Lucene's default tiny-segment threshold, which builds one from 648 passages, 37 of
 * these 40 questions were given other articles.
 */
class ExactMeaningSearchTests {

	private static final int ARTICLES = 2_500;

	private static final int DIMENSIONS = 384;

	/** A unit vector that depends only on the text, like a model's, but random. */
	private static final Function<String, float[]> EMBEDDER = text -> {
		Random random = new Random(java.util.Arrays.hashCode(text.getBytes(StandardCharsets.UTF_8)));
		float[] vector = new float[DIMENSIONS];
		double norm = 0;
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] = (float) random.nextGaussian();
			norm += vector[i] * vector[i];
		}
		for (int i = 0; i < DIMENSIONS; i++) {
			vector[i] /= (float) Math.sqrt(norm);
		}
		return vector;
	};

	@Test
	void theArticlesNearestByMeaningAreTheTrulyNearest() throws Exception {
		List<Article> articles = new ArrayList<>();
		for (int i = 0; i < ARTICLES; i++) {
			articles.add(new Article("article-" + i, "title " + i, List.of("money"), List.of(), "summary " + i,
					"https://example.org/" + i, LocalDate.of(2026, 11, 1), LocalDate.of(2027, 11, 1), "", "en",
					List.of(), "body " + i, "national"));
		}
		try (ArticleIndex index = new ArticleIndex(TextAnalysis.defaultSynonyms(), EMBEDDER)) {
			index.replaceAll(articles);
			int wrong = 0;
			for (int q = 0; q < 40; q++) {
				String question = "question " + q;
				Set<String> found = index.near(question, 3).best().keySet();
				assertThat(found).hasSize(3);
				if (!found.equals(nearest(articles, EMBEDDER.apply(index.meaningQuery(question)), 3))) {
					wrong++;
				}
			}
			assertThat(wrong).as("questions whose nearest articles were not the truly nearest").isZero();
		}
	}

	/** The articles of the passages nearest the vector, by brute force. */
	private static Set<String> nearest(List<Article> articles, float[] vector, int max) {
		record Scored(String article, double similarity) {
		}
		List<Scored> scored = new ArrayList<>();
		for (Article article : articles) {
			for (String passage : ArticlePassages.of(article)) {
				float[] other = EMBEDDER.apply(passage);
				double dot = 0;
				for (int i = 0; i < DIMENSIONS; i++) {
					dot += vector[i] * other[i];
				}
				scored.add(new Scored(article.id(), dot));
			}
		}
		scored.sort(Comparator.comparingDouble(Scored::similarity).reversed());
		Set<String> nearest = new LinkedHashSet<>();
		for (Scored each : scored) {
			if (nearest.size() == max) {
				break;
			}
			nearest.add(each.article());
		}
		return nearest;
	}

}
