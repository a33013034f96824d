package app.waymark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import app.waymark.knowledge.ArticlePassages;
import app.waymark.knowledge.ExampleQuestions;
import app.waymark.knowledge.SearchTerms;
import app.waymark.safeguarding.DangerCheck;
import app.waymark.system.SentenceEmbeddings;

/**
 * Run by the build (exec-maven-plugin, after the classes are compiled): embeds every text
 * known before start-up (the safeguarding example bank and the repository's articles) and
 * writes the vectors beside the classes, so the service starts without embedding a
 * thousand sentences first.
 */
public final class PrecomputeEmbeddings {

	private PrecomputeEmbeddings() {
	}

	/**
	 * @param args the classes folder, then the knowledge folder
	 * @throws IOException if the file cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Path classes = Path.of(args[0]);
		Path knowledge = Path.of(args[1]);
		long start = System.nanoTime();
		List<String> texts = new ArrayList<>(DangerCheck.embeddedTexts());
		texts.addAll(ArticlePassages.embeddedTexts(knowledge));
		texts.addAll(SearchTerms.embeddedTexts(knowledge));
		texts.addAll(ExampleQuestions.embeddedTexts(knowledge));
		Path target = classes.resolve(SentenceEmbeddings.PRECOMPUTED);
		Path stamp = target.resolveSibling(target.getFileName() + ".texts");
		String fingerprint = SentenceEmbeddings.MODEL + "\n" + String.join("\n", texts).hashCode() + "/" + texts.size();
		if (Files.exists(target) && Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)) {
			System.out.println("Precomputed sentence embeddings are up to date: " + target);
			return;
		}
		Files.createDirectories(target.getParent());
		SentenceEmbeddings embeddings = SentenceEmbeddings.withoutPrecomputed();
		int written;
		try (OutputStream out = Files.newOutputStream(target)) {
			written = embeddings.write(texts, out);
		}
		Files.writeString(stamp, fingerprint);
		System.out.printf("Precomputed %d sentence embeddings in %d ms: %s%n", written,
				(System.nanoTime() - start) / 1_000_000, target);
	}

}
