package app.waymark.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;

/**
 * The same model, files and pooling as {@link BgeSmallEnV15QuantizedEmbeddingModel}, in
 * an ONNX Runtime session that runs each embedding on the calling thread and never spins.
 * The library's default session keeps a pool of one thread per core that spin-waits
 * between calls: for one short sentence at a time, while other requests want the same two
 * cores, that spinning was a third of the CPU an embedding cost (6.1 against 4.1 ms per
 * sentence measured here, identical vectors).
 */
final class OneThreadBgeModel extends AbstractInProcessEmbeddingModel {

	private static final String MODEL_FILE = "/bge-small-en-v1.5-q.onnx";

	private static final String TOKENIZER_FILE = "/bge-small-en-v1.5-q-tokenizer.json";

	private final OnnxBertBiEncoder encoder;

	OneThreadBgeModel() {
		super(Runnable::run);
		OrtEnvironment environment = OrtEnvironment.getEnvironment();
		try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
				InputStream tokenizer = resource(TOKENIZER_FILE)) {
			options.setIntraOpNumThreads(1);
			options.setInterOpNumThreads(1);
			options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
			options.addConfigEntry("session.intra_op.allow_spinning", "0");
			options.addConfigEntry("session.inter_op.allow_spinning", "0");
			byte[] model;
			try (InputStream in = resource(MODEL_FILE)) {
				model = in.readAllBytes();
			}
			this.encoder = new OnnxBertBiEncoder(environment, environment.createSession(model, options), tokenizer,
					PoolingMode.CLS);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedding model's files could not be read", ex);
		}
		catch (OrtException ex) {
			throw new IllegalStateException("The embedding model could not be loaded", ex);
		}
	}

	/**
	 * The whole words in the model's word-piece vocabulary (not the "##" pieces).
	 * @return lower-case words of letters only
	 */
	static Set<String> vocabularyWords() {
		try (InputStream in = resource(TOKENIZER_FILE)) {
			String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			// the vocabulary is a JSON object of "piece": id; a word of letters alone,
			// followed by its number, is one of its whole words
			Matcher entry = Pattern.compile("\"(\\p{Ll}+)\": ?\\d+").matcher(json);
			Set<String> words = new HashSet<>();
			while (entry.find()) {
				words.add(entry.group(1));
			}
			return Set.copyOf(words);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The embedding model's vocabulary could not be read", ex);
		}
	}

	private static InputStream resource(String name) throws IOException {
		InputStream in = BgeSmallEnV15QuantizedEmbeddingModel.class.getResourceAsStream(name);
		if (in == null) {
			throw new IOException("missing from the classpath: " + name);
		}
		return in;
	}

	@Override
	protected OnnxBertBiEncoder model() {
		return this.encoder;
	}

	@Override
	protected Integer knownDimension() {
		return SentenceEmbeddings.DIMENSIONS;
	}

}
