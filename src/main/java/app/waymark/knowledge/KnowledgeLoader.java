package app.waymark.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Loads the knowledge base from a folder on disk ({@code national/} plus the deployment's
 * local folder), or from the copy inside the jar when no folder is given or found. All
 * files are read before anything is accepted: one bad file stops the load, with every
 * problem named.
 */
public final class KnowledgeLoader {

	private KnowledgeLoader() {
	}

	public static KnowledgeBase fromDirectory(Path root, String localFolder) {
		List<String> problems = new ArrayList<>();
		List<Article> national = readFolder(root.resolve(KnowledgeBase.NATIONAL), KnowledgeBase.NATIONAL, problems);
		List<Article> local = localFolder == null || localFolder.isBlank() ? List.of()
				: readFolder(root.resolve(localFolder), localFolder, problems);
		if (!problems.isEmpty()) {
			throw new KnowledgeLoadException(problems);
		}
		if (national.isEmpty() && local.isEmpty()) {
			throw new KnowledgeLoadException(List.of(root + ": no articles found"));
		}
		return KnowledgeBase.of(national, local);
	}

	public static KnowledgeBase fromClasspath(String localFolder) {
		List<String> problems = new ArrayList<>();
		List<Article> national = readClasspath(KnowledgeBase.NATIONAL, problems);
		List<Article> local = localFolder == null || localFolder.isBlank() ? List.of()
				: readClasspath(localFolder, problems);
		if (!problems.isEmpty()) {
			throw new KnowledgeLoadException(problems);
		}
		return KnowledgeBase.of(national, local);
	}

	private static List<Article> readFolder(Path folder, String scope, List<String> problems) {
		if (!Files.isDirectory(folder)) {
			problems.add(folder + ": folder not found");
			return List.of();
		}
		List<Article> articles = new ArrayList<>();
		try (Stream<Path> files = Files.list(folder)) {
			for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList()) {
				String name = scope + "/" + file.getFileName();
				try {
					articles.add(ArticleParser.parse(name, scope, decode(name, Files.readAllBytes(file))));
				}
				catch (ArticleParser.ArticleException ex) {
					problems.add(ex.getMessage());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return articles;
	}

	private static List<Article> readClasspath(String scope, List<String> problems) {
		List<Article> articles = new ArrayList<>();
		try {
			Resource[] resources = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:knowledge/" + scope + "/*.md");
			for (Resource resource : resources) {
				String name = scope + "/" + resource.getFilename();
				try (InputStream in = resource.getInputStream()) {
					articles.add(ArticleParser.parse(name, scope, decode(name, in.readAllBytes())));
				}
				catch (ArticleParser.ArticleException ex) {
					problems.add(ex.getMessage());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (articles.isEmpty()) {
			problems.add("classpath:knowledge/" + scope + ": no articles found");
		}
		return articles;
	}

	private static String decode(String name, byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(java.nio.ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ArticleParser.ArticleException(name, "is not UTF-8 text");
		}
	}

}
