package app.waymark.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The short pieces of an article its meaning is compared on: the title, the summary, each
 * keyword phrase and each paragraph of the body. A question is compared with every piece
 * and an article is as near as its nearest piece, so a short question ("bus?") can meet a
 * keyword and a long one a paragraph.
 */
public final class ArticlePassages {

	/** Longest passage, in characters; longer paragraphs are cut at a sentence end. */
	static final int MAX_CHARS = 400;

	private ArticlePassages() {
	}

	static List<String> of(Article article) {
		List<String> passages = new ArrayList<>();
		passages.add(article.title());
		passages.add(article.summary());
		for (String keyword : article.keywords()) {
			if (!keyword.isBlank()) {
				passages.add(keyword);
			}
		}
		for (String paragraph : article.plainBody().split("\\n\\s*\\n")) {
			String text = paragraph.strip().replaceAll("\\s+", " ");
			while (text.length() > MAX_CHARS) {
				int cut = text.lastIndexOf(". ", MAX_CHARS);
				cut = cut < MAX_CHARS / 3 ? MAX_CHARS : cut + 1;
				passages.add(text.substring(0, cut).strip());
				text = text.substring(cut).strip();
			}
			if (text.length() > 20) {
				passages.add(text);
			}
		}
		return passages.stream().distinct().toList();
	}

	/**
	 * Every passage of every article under a knowledge folder (national and each
	 * deployment's folder), for the build to embed ahead of start-up.
	 * @param root the knowledge folder
	 * @return the passages
	 */
	public static List<String> embeddedTexts(Path root) {
		List<String> texts = new ArrayList<>();
		if (!Files.isDirectory(root)) {
			return texts;
		}
		try (Stream<Path> folders = Files.list(root)) {
			for (Path folder : folders.filter(Files::isDirectory).sorted().toList()) {
				if (folder.getFileName().toString().equals(KnowledgeBase.NATIONAL) || !holdsArticles(folder)) {
					continue;
				}
				KnowledgeLoader.fromDirectory(root, folder.getFileName().toString())
					.loaded()
					.forEach(article -> texts.addAll(of(article)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return texts;
	}

	private static boolean holdsArticles(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.anyMatch(file -> file.getFileName().toString().endsWith(".md"));
		}
	}

}
