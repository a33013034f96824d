package app.waymark.system;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

/**
 * A stand-in for the embedding model that records every text it is given and answers with
 * a vector made from the text's bytes; it can be held until a test lets it go.
 */
public final class CountingEmbeddingModel implements EmbeddingModel {

	private final List<String> asked = new CopyOnWriteArrayList<>();

	private volatile CountDownLatch gate = new CountDownLatch(0);

	private final java.util.concurrent.Semaphore entered = new java.util.concurrent.Semaphore(0);

	/** Every text embedded, in order. */
	public List<String> asked() {
		return this.asked;
	}

	/** How many times this text was embedded. */
	public long times(String text) {
		return this.asked.stream().filter(text::equals).count();
	}

	/** Holds every embedding until {@link #release}. */
	public void hold() {
		this.gate = new CountDownLatch(1);
	}

	public void release() {
		this.gate.countDown();
	}

	/** Waits until a call has come in (held or not). */
	public void awaitCall() throws InterruptedException {
		if (!this.entered.tryAcquire(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("no call came in");
		}
	}

	@Override
	public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
		this.entered.release();
		try {
			if (!this.gate.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("held for too long");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return Response.from(segments.stream().map(segment -> {
			this.asked.add(segment.text());
			return Embedding.from(vectorOf(segment.text()));
		}).toList());
	}

	/** Waits up to 5 s until this text has been embedded at least once. */
	public void awaitAsked(String text) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (!this.asked.contains(text) && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
	}

	/**
	 * Sends {@link #LATER_REQUEST} ahead and waits until it is embedded: the thread ahead
	 * takes requests in order, so whatever was sent ahead before it is done too.
	 */
	public void awaitEverythingAhead(SentenceEmbeddings embeddings) {
		embeddings.embedAhead(LATER_REQUEST);
		awaitAsked(LATER_REQUEST);
	}

	/** The request {@link #awaitEverythingAhead} sends. */
	public static final String LATER_REQUEST = "a later request";

	/** A unit vector that depends on the text. */
	public static float[] vectorOf(String text) {
		float[] vector = new float[SentenceEmbeddings.DIMENSIONS];
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < bytes.length; i++) {
			vector[((i * 31 + bytes[i]) & 0x7fffffff) % vector.length] += 1;
		}
		vector[vector.length - 1] += 1;
		double norm = 0;
		for (float value : vector) {
			norm += value * value;
		}
		for (int i = 0; i < vector.length; i++) {
			vector[i] /= (float) Math.sqrt(norm);
		}
		return vector;
	}

	@Override
	public int dimension() {
		return SentenceEmbeddings.DIMENSIONS;
	}

}
