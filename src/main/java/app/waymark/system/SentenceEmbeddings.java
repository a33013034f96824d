package app.waymark.system;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.embedding.EmbeddingModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sentence embeddings from a small English model (BGE small v1.5, int8) that runs in this
 * JVM through ONNX Runtime: the model file is inside a Maven Central jar, so nothing is
 * downloaded and no text leaves the service.
 *
 * <p>
 * Vectors have unit length, so a dot product is their cosine. Texts known when the jar is
 * built (the safeguarding example bank, the repository's articles) are embedded then and
 * read from {@value #PRECOMPUTED}; only what young people write, and articles edited
 * since, pay for the model. The model loads in the background from start-up; the first
 * {@link #embed} waits for it.
 */
public final class SentenceEmbeddings {

	private static final Logger log = LoggerFactory.getLogger(SentenceEmbeddings.class);

	/** The model's name, recorded with the precomputed vectors. */
	public static final String MODEL = "bge-small-en-v15-q";

	/** Dimensions of every vector. */
	public static final int DIMENSIONS = 384;

	/** Classpath resource of the vectors embedded at build time. */
	public static final String PRECOMPUTED = "embeddings/" + MODEL + ".bin.gz";

	/**
	 * Longest text embedded, in characters: the model reads 256 word pieces at most and a
	 * young person's point is nearly always at the start.
	 */
	static final int MAX_CHARS = 600;

	private static final int FORMAT = 1;

	private final CompletableFuture<EmbeddingModel> model;

	private final CompletableFuture<Map<String, float[]>> precomputed;

	private final Cache<String, float[]> recent = Caffeine.newBuilder().maximumSize(20_000).build();

	/**
	 * One thread for {@link #embedAhead}, with a short queue: what does not fit is left
	 * for {@link #embed} to compute as usual.
	 */
	private final ThreadPoolExecutor ahead = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS,
			new ArrayBlockingQueue<>(8),
			runnable -> Thread.ofPlatform().name("embedding-ahead").daemon().unstarted(runnable),
			new ThreadPoolExecutor.DiscardPolicy());

	private SentenceEmbeddings(CompletableFuture<EmbeddingModel> model,
			CompletableFuture<Map<String, float[]>> precomputed) {
		this.model = model;
		this.precomputed = precomputed;
		// no thread kept while no messages come
		this.ahead.allowCoreThreadTimeOut(true);
	}

	/**
	 * Starts loading the model on a background thread and reads the vectors precomputed
	 * at build time, if the classpath has them.
	 * @return the embeddings
	 */
	public static SentenceEmbeddings start() {
		CompletableFuture<EmbeddingModel> model = CompletableFuture.supplyAsync(SentenceEmbeddings::loadModel,
				runnable -> Thread.ofPlatform().name("embedding-model-load").daemon().start(runnable));
		// read beside the main thread: the first embed waits for them, and that is the
		// indexes built in the background
		CompletableFuture<Map<String, float[]>> precomputed = CompletableFuture.supplyAsync(
				SentenceEmbeddings::readPrecomputed,
				runnable -> Thread.ofPlatform().name("embeddings-read").daemon().start(runnable));
		return new SentenceEmbeddings(model, precomputed);
	}

	/**
	 * Embeddings that compute everything (for the build-time tool and tests).
	 * @return the embeddings, model loaded
	 */
	public static SentenceEmbeddings withoutPrecomputed() {
		return new SentenceEmbeddings(CompletableFuture.completedFuture(loadModel()),
				CompletableFuture.completedFuture(Map.of()));
	}

	/**
	 * Embeddings from the given model, nothing precomputed: for tests that count what the
	 * model is asked.
	 * @param model the model
	 * @return the embeddings
	 */
	public static SentenceEmbeddings of(EmbeddingModel model) {
		return new SentenceEmbeddings(CompletableFuture.completedFuture(model),
				CompletableFuture.completedFuture(Map.of()));
	}

	private static EmbeddingModel loadModel() {
		long start = System.nanoTime();
		// requests already run in parallel, so each embedding uses the calling thread
		EmbeddingModel loaded = new OneThreadBgeModel();
		loaded.embed("warm up");
		log.info("Sentence embedding model {} loaded in {} ms", MODEL, (System.nanoTime() - start) / 1_000_000);
		return loaded;
	}

	/**
	 * The whole words the model knows: a word outside them is read as pieces, and its
	 * meaning is mostly lost. Read from the model's files on first use.
	 * @return lower-case words
	 */
	public static Set<String> modelWords() {
		return ModelWords.WORDS;
	}

	private static final class ModelWords {

		static final Set<String> WORDS = OneThreadBgeModel.vocabularyWords();

	}

	/**
	 * Whether the model has loaded (for readiness).
	 * @return true once {@link #embed} no longer waits
	 */
	public boolean ready() {
		return this.model.isDone() && !this.model.isCompletedExceptionally();
	}

	/**
	 * The unit vector of a text.
	 * @param text any text; blank gives a zero vector
	 * @return {@value #DIMENSIONS} floats
	 */
	public float[] embed(String text) {
		String canonical = canonical(text);
		if (canonical.isEmpty()) {
			return new float[DIMENSIONS];
		}
		float[] precomputed = precomputed(canonical);
		return precomputed != null ? precomputed : this.recent.get(canonical, this::compute);
	}

	/** The vector of a canonical text if precomputed or embedded lately, else null. */
	private float[] known(String canonical) {
		float[] precomputed = precomputed(canonical);
		return precomputed != null ? precomputed : this.recent.getIfPresent(canonical);
	}

	private float[] precomputed(String canonical) {
		return this.precomputed.join().get(key(canonical));
	}

	/**
	 * Starts embedding a text on a thread of its own, for a caller that will want it soon
	 * and has other work to do first (the danger check embeds the same message): on a
	 * machine with a core free the two embeddings, most of a message's time, overlap. A
	 * later {@link #embed} of the text takes the vector from the cache or waits for it,
	 * so nothing is computed twice. When eight requests already wait for that thread, the
	 * request is dropped and {@link #embed} computes the vector itself.
	 * @param text the text that will be embedded
	 */
	public void embedAhead(String text) {
		String canonical = canonical(text);
		if (canonical.isEmpty() || !ready() || known(canonical) != null) {
			return;
		}
		this.ahead.execute(() -> {
			try {
				this.recent.get(canonical, this::compute);
			}
			catch (RuntimeException ex) {
				// the caller's own embed computes it again, and reports a failure
				log.debug("Embedding ahead failed: {}", ex.getClass().getSimpleName());
			}
		});
	}

	private float[] compute(String canonical) {
		try {
			return this.model.get().embed(canonical).content().vector();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the embedding model loaded", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("The embedding model could not be loaded", ex.getCause());
		}
	}

	/**
	 * Whether the model can read a text: at least half its letters are Latin. It sees
	 * Arabic, Ethiopic or Persian script as unknown pieces, all alike, so their vectors
	 * say nothing.
	 * @param text any text
	 * @return true for text mostly in Latin letters
	 */
	public static boolean canRead(String text) {
		int letters = 0;
		int latin = 0;
		for (int i = 0; i < text.length();) {
			int cp = text.codePointAt(i);
			i += Character.charCount(cp);
			if (Character.isLetter(cp)) {
				letters++;
				if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
					latin++;
				}
			}
		}
		return letters > 0 && latin * 2 >= letters;
	}

	/** How many vectors came precomputed with the build. */
	public int precomputedCount() {
		return this.precomputed.join().size();
	}

	/**
	 * Cosine similarity of two unit vectors.
	 * @param a one vector
	 * @param b another of the same length
	 * @return their dot product
	 */
	public static float cosine(float[] a, float[] b) {
		// Lucene's dot product uses the CPU's vector instructions when the JVM offers
		// them (--add-modules jdk.incubator.vector), a plain loop otherwise
		return org.apache.lucene.util.VectorUtil.dotProduct(a, b);
	}

	static String canonical(String text) {
		if (text == null) {
			return "";
		}
		String stripped = text.strip().replaceAll("\\s+", " ");
		return stripped.length() > MAX_CHARS ? stripped.substring(0, MAX_CHARS) : stripped;
	}

	static String key(String canonical) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, float[]> readPrecomputed() {
		InputStream in = SentenceEmbeddings.class.getClassLoader().getResourceAsStream(PRECOMPUTED);
		if (in == null) {
			log.warn("No precomputed embeddings on the classpath ({}): every text is embedded at run time",
					PRECOMPUTED);
			return Map.of();
		}
		try (in) {
			return read(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + PRECOMPUTED, ex);
		}
	}

	/**
	 * What {@link #write} wrote: vectors by key, or none if for another model or format.
	 */
	static Map<String, float[]> read(InputStream in) throws IOException {
		DataInputStream data = new DataInputStream(new GZIPInputStream(in, 1 << 16));
		if (data.readInt() != FORMAT || !MODEL.equals(data.readUTF()) || data.readInt() != DIMENSIONS) {
			log.warn("Precomputed embeddings are for another model or format; ignored");
			return Map.of();
		}
		int count = data.readInt();
		Map<String, float[]> vectors = new HashMap<>(count * 2);
		byte[] key = new byte[16];
		// a vector's bytes at once: 2.4 million readFloat calls were most of start-up's
		// reading
		byte[] bytes = new byte[DIMENSIONS * Float.BYTES];
		HexFormat hex = HexFormat.of();
		for (int i = 0; i < count; i++) {
			data.readFully(key);
			data.readFully(bytes);
			float[] vector = new float[DIMENSIONS];
			// big-endian, as DataOutputStream.writeFloat wrote them
			ByteBuffer.wrap(bytes).asFloatBuffer().get(vector);
			vectors.put(hex.formatHex(key), vector);
		}
		return vectors;
	}

	/**
	 * Embeds texts and writes them in the format {@link #start} reads (the build runs
	 * this through {@code app.waymark.PrecomputeEmbeddings}).
	 * @param texts the texts
	 * @param out where to write; not closed
	 * @return how many distinct texts were written
	 * @throws IOException if writing fails
	 */
	public int write(Collection<String> texts, OutputStream out) throws IOException {
		Map<String, String> distinct = new LinkedHashMap<>();
		for (String text : texts) {
			String canonical = canonical(text);
			if (!canonical.isEmpty()) {
				distinct.putIfAbsent(key(canonical), canonical);
			}
		}
		GZIPOutputStream zipped = new GZIPOutputStream(out, 1 << 16);
		DataOutputStream data = new DataOutputStream(zipped);
		data.writeInt(FORMAT);
		data.writeUTF(MODEL);
		data.writeInt(DIMENSIONS);
		data.writeInt(distinct.size());
		HexFormat hex = HexFormat.of();
		for (Map.Entry<String, String> entry : distinct.entrySet()) {
			data.write(hex.parseHex(entry.getKey()));
			for (float value : embed(entry.getValue())) {
				data.writeFloat(value);
			}
		}
		data.flush();
		zipped.finish();
		return distinct.size();
	}

}
