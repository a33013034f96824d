package app.waymark.system;

import java.time.Duration;
import java.util.List;
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
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (this.model.times("can i get a bus pass") == 0 && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(this.model.times("can i get a bus pass")).as("embedded on the thread ahead").isEqualTo(1);

		float[] vector = this.embeddings.embed("can i get a bus pass");

		assertThat(vector).containsExactly(CountingEmbeddingModel.vectorOf("can i get a bus pass"));
		assertThat(this.model.times("can i get a bus pass")).isEqualTo(1);
	}

	@Test
	void askingWhileItIsBeingComputedWaitsForIt() throws Exception {
		this.model.hold();
		this.embeddings.embedAhead("where do i sleep tonight");
		Thread asking = Thread.ofPlatform().start(() -> this.embeddings.embed("where do i sleep tonight"));
		Thread.sleep(100);
		this.model.release();
		asking.join(5_000);

		assertThat(asking.isAlive()).isFalse();
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

}
