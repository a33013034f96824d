package app.waymark.knowledge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tool (tag "tool"): fits the {@link Fusion} weights by logistic regression (Newton's
 * method, a light ridge) on the candidates of the TUNING questions only (the question
 * set's tuning part and the paraphrase set's), then prints, for the fitted and the
 * current weights, right and confident against confidently wrong at each answer threshold
 * on those same tuning questions. Run with
 * {@code ./mvnw test -Dtest=FusionFitTool -Dsurefire.excludedGroups= -Dgroups=tool}.
 */
@Tag("tool")
class FusionFitTool {

	private static final double RIDGE = 0.01;

	@Test
	void fitOnTheTuningQuestions() throws IOException {
		KnowledgeSearch search = KnowledgeFixtures.repositorySearch();
		List<BlindQuestionEvaluationTests.Question> questions = new ArrayList<>(
				BlindQuestionEvaluationTests.english("tune"));
		questions.addAll(BlindQuestionEvaluationTests.paraphrases("tune"));
		List<double[]> x = new ArrayList<>();
		List<Double> y = new ArrayList<>();
		for (BlindQuestionEvaluationTests.Question q : questions) {
			for (KnowledgeSearch.Candidate c : search.candidates(q.text())) {
				x.add(new double[] { 1, c.words(), c.meaning(), c.wordsLead(), c.meaningLead(), c.vote() });
				y.add(c.id().equals(q.expected()) ? 1.0 : 0.0);
			}
		}
		double[] w = fit(x, y);
		Fusion fitted = new Fusion(w[0], w[1], w[2], w[3], w[4], w[5]);
		System.out.printf(Locale.ROOT, "FITTED on %d candidates of %d questions: %s%n", x.size(), questions.size(),
				fitted);
		for (Fusion fusion : List.of(Fusion.DEFAULT, fitted)) {
			search.useFusion(fusion);
			System.out.println("WEIGHTS " + fusion);
			for (double threshold : new double[] { 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85 }) {
				System.out.printf(Locale.ROOT, "threshold %.2f%n", threshold);
				KnowledgeSettings settings = new KnowledgeSettings(KnowledgeFixtures.SETTINGS.dir(),
						KnowledgeFixtures.SETTINGS.localFolder(), 0.5, 6.0, 1000, threshold, 0.2, 0.52);
				try (KnowledgeSearch at = new KnowledgeSearch(settings, search.knowledge(),
						app.waymark.system.TestEmbeddings.shared())) {
					at.loadExamples(ExampleQuestions.load(settings.dir()));
					at.loadSearchTerms(SearchTerms.load(settings.dir(), at.knowledge()));
					at.useFusion(fusion);
					System.out
						.println(BlindQuestionEvaluationTests.ask(at, BlindQuestionEvaluationTests.english("tune"))
							.report());
					System.out
						.println(BlindQuestionEvaluationTests.ask(at, BlindQuestionEvaluationTests.paraphrases("tune"))
							.report());
					System.out.println(
							BlindQuestionEvaluationTests.ask(at, BlindQuestionEvaluationTests.otherLanguages("tune"))
								.report());
				}
			}
		}
		search.useFusion(Fusion.DEFAULT);
		assertThat(Arrays.stream(w).allMatch(Double::isFinite)).isTrue();
	}

	/** Logistic regression by Newton's method with a ridge on all but the intercept. */
	static double[] fit(List<double[]> x, List<Double> y) {
		int d = x.get(0).length;
		double[] w = new double[d];
		for (int iteration = 0; iteration < 50; iteration++) {
			double[] gradient = new double[d];
			double[][] hessian = new double[d][d];
			for (int i = 0; i < x.size(); i++) {
				double[] xi = x.get(i);
				double z = 0;
				for (int j = 0; j < d; j++) {
					z += w[j] * xi[j];
				}
				double p = 1 / (1 + Math.exp(-z));
				for (int j = 0; j < d; j++) {
					gradient[j] += (p - y.get(i)) * xi[j];
					for (int k = 0; k < d; k++) {
						hessian[j][k] += p * (1 - p) * xi[j] * xi[k];
					}
				}
			}
			for (int j = 1; j < d; j++) {
				gradient[j] += RIDGE * w[j];
				hessian[j][j] += RIDGE;
			}
			double[] step = solve(hessian, gradient);
			double size = 0;
			for (int j = 0; j < d; j++) {
				w[j] -= step[j];
				size += Math.abs(step[j]);
			}
			if (size < 1e-9) {
				break;
			}
		}
		return w;
	}

	/** Gaussian elimination with partial pivoting. */
	private static double[] solve(double[][] a, double[] b) {
		int n = b.length;
		double[][] m = new double[n][];
		for (int i = 0; i < n; i++) {
			m[i] = Arrays.copyOf(a[i], n + 1);
			m[i][n] = b[i];
		}
		for (int col = 0; col < n; col++) {
			int pivot = col;
			for (int r = col + 1; r < n; r++) {
				if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
					pivot = r;
				}
			}
			double[] t = m[col];
			m[col] = m[pivot];
			m[pivot] = t;
			for (int r = col + 1; r < n; r++) {
				double f = m[r][col] / m[col][col];
				for (int c = col; c <= n; c++) {
					m[r][c] -= f * m[col][c];
				}
			}
		}
		double[] out = new double[n];
		for (int r = n - 1; r >= 0; r--) {
			double s = m[r][n];
			for (int c = r + 1; c < n; c++) {
				s -= m[r][c] * out[c];
			}
			out[r] = s / m[r][r];
		}
		return out;
	}

}
