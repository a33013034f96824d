package app.waymark.system;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The one-thread session must give the vectors the library's own session gives: the
 * precomputed vectors and every threshold were made with the library's.
 */
class OneThreadBgeModelTests {

	private static final EmbeddingModel LIBRARY = new BgeSmallEnV15QuantizedEmbeddingModel(Runnable::run);

	private static final EmbeddingModel ONE_THREAD = new OneThreadBgeModel();

	@ParameterizedTest
	@ValueSource(strings = { "can i get help with my rent", "nowhere 2 sleep tonite", "hi",
			"i feel like everyone would be better off without me",
			"a longer message about the leaving care grant, council tax, a bus pass and college all at once" })
	void givesTheLibrarysVectors(String text) {
		float[] expected = LIBRARY.embed(text).content().vector();
		float[] actual = ONE_THREAD.embed(text).content().vector();
		assertThat(actual).hasSize(SentenceEmbeddings.DIMENSIONS);
		for (int i = 0; i < expected.length; i++) {
			assertThat(actual[i]).as("dimension %d", i).isCloseTo(expected[i], within(1e-5f));
		}
	}

}
