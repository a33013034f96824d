package app.waymark.system;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Embedding ahead: the vector is computed once, by whichever asks first. */
class SentenceEmbeddingsTests {

	private final CountingEmbeddingModel model = new CountingEmbeddingModel();

	private final SentenceEmbeddings embeddings = SentenceEmbeddings.of(this.model);

	@Test
	void aTextEmbeddedAheadIsNotEmbeddedAgain() {
		this.embeddings.embedAhead("can i get a bus pass");
		this.model.awaitAsked("can i get a bus pass");
		assertThat(this.model.times("can i get a bus pass")).as("embedded on the thread ahead").isEqualTo(1);

		float[] vector = this.embeddings.embed("can i get a bus pass");

		assertThat(vector).containsExactly(CountingEmbeddingModel.vectorOf("can i get a bus pass"));
		assertThat(this.model.times("can i get a bus pass")).isEqualTo(1);
	}

	@Test
	void askingWhileItIsBeingComputedWaitsForIt() throws Exception {
		this.model.hold();
		this.embeddings.embedAhead("where do i sleep tonight");
		this.model.awaitCall();
		float[][] got = new float[1][];
		Thread asking = Thread.ofPlatform().start(() -> got[0] = this.embeddings.embed("where do i sleep tonight"));
		asking.join(300);
		assertThat(asking.isAlive()).as("waits while the thread ahead computes").isTrue();
		this.model.release();
		asking.join(5_000);

		assertThat(asking.isAlive()).isFalse();
		assertThat(got[0]).containsExactly(CountingEmbeddingModel.vectorOf("where do i sleep tonight"));
		assertThat(this.model.times("where do i sleep tonight")).isEqualTo(1);
	}

	@Test
	void whatDoesNotFitTheQueueIsDroppedAndEmbeddedByTheCaller() {
		this.model.hold();
		List<String> texts = IntStream.range(0, 30).mapToObj(i -> "question number " + i).toList();
		texts.forEach(this.embeddings::embedAhead);
		this.model.release();

		texts.forEach(this.embeddings::embed);

		assertThat(this.model.asked()).containsExactlyInAnyOrderElementsOf(texts);
	}

	@Test
	void precomputedVectorsReadBackExactlyAsWritten() throws Exception {
		List<String> texts = List.of("i have nowhere to sleep tonight", "can i get a free bus pass", "council tax");
		ByteArrayOutputStream out = new ByteArrayOutputStream();

		int written = this.embeddings.write(texts, out);
		Map<String, float[]> read = SentenceEmbeddings.read(new ByteArrayInputStream(out.toByteArray()));

		assertThat(written).isEqualTo(3);
		assertThat(read).hasSize(3);
		for (String text : texts) {
			assertThat(read.get(SentenceEmbeddings.key(SentenceEmbeddings.canonical(text))))
				.containsExactly(CountingEmbeddingModel.vectorOf(text));
		}
	}

	@Test
	void theVectorsPrecomputedByTheBuildAreTheModelsOwn() {
		// the shared model loaded first: a JVM that exits while ONNX Runtime is still
		// creating a session crashes in native code
		TestEmbeddings.shared().embed("a sentence no build embeds " + System.nanoTime());
		SentenceEmbeddings computing = SentenceEmbeddings.withoutPrecomputed();
		List<String> examples = app.waymark.safeguarding.DangerCheck.embeddedTexts();

		assertThat(TestEmbeddings.shared().precomputedCount()).isGreaterThan(examples.size() / 2);
		for (String text : examples.subList(0, 25)) {
			float[] precomputed = TestEmbeddings.shared().embed(text);
			float[] computed = computing.embed(text);
			for (int d = 0; d < SentenceEmbeddings.DIMENSIONS; d++) {
				assertThat(precomputed[d]).as(text).isCloseTo(computed[d], org.assertj.core.data.Offset.offset(1e-5f));
			}
		}
	}

}
