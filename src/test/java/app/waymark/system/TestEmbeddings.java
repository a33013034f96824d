package app.waymark.system;

/**
 * One sentence embedding model for every test in the JVM: loading it takes about a
 * second, and it is immutable and thread-safe.
 */
public final class TestEmbeddings {

	private static final SentenceEmbeddings SHARED = SentenceEmbeddings.start();

	private TestEmbeddings() {
	}

	public static SentenceEmbeddings shared() {
		return SHARED;
	}

}
