package app.waymark.admin;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import app.waymark.knowledge.Article;
import app.waymark.knowledge.ArticleMarkdown;
import app.waymark.knowledge.ArticleParser;
import app.waymark.knowledge.KnowledgeLoadException;

/**
 * Articles to and from a zip laid out like the {@code knowledge/} folder
 * ({@code national/x.md}, {@code <local>/y.md}). Entries are sorted and carry a fixed
 * time so the same articles always give the same bytes.
 */
final class ArticleArchive {

	private static final FileTime EPOCH = FileTime.fromMillis(0);

	/**
	 * Larger uploads are refused: the whole knowledge base is a few hundred kilobytes.
	 */
	static final int MAX_BYTES = 10 * 1024 * 1024;

	private static final int MAX_ENTRIES = 5_000;

	private ArticleArchive() {
	}

	static byte[] write(List<Article> articles) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
			for (Article article : articles.stream()
				.sorted(Comparator.comparing(Article::scope).thenComparing(Article::id))
				.toList()) {
				ZipEntry entry = new ZipEntry(article.scope() + "/" + article.id() + ".md");
				entry.setLastModifiedTime(EPOCH);
				zip.putNextEntry(entry);
				zip.write(ArticleMarkdown.write(article).getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	/**
	 * Every {@code .md} entry one folder deep, parsed with the Markdown rules.
	 * @throws KnowledgeLoadException naming every bad entry
	 */
	static List<Article> read(byte[] zipBytes) {
		List<Article> articles = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		int entries = 0;
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes), StandardCharsets.UTF_8)) {
			for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
				if (++entries > MAX_ENTRIES) {
					throw new KnowledgeLoadException(List.of("more than " + MAX_ENTRIES + " entries"));
				}
				String name = entry.getName().replace('\\', '/');
				if (entry.isDirectory() || !name.endsWith(".md")) {
					continue;
				}
				String[] parts = name.split("/");
				if (parts.length < 2) {
					problems.add(name + ": put articles in a folder ('national/' or the local folder's)");
					continue;
				}
				String scope = parts[parts.length - 2];
				String fileName = scope + "/" + parts[parts.length - 1];
				if (!ArticleParser.SLUG.matcher(scope).matches()) {
					problems.add(fileName + ": folder name is not a slug");
					continue;
				}
				try {
					articles.add(ArticleParser.parse(fileName, scope, decode(fileName, zip.readNBytes(MAX_BYTES))));
				}
				catch (ArticleParser.ArticleException ex) {
					problems.add(ex.getMessage());
				}
			}
		}
		catch (ZipException ex) {
			problems.add("the upload is not a readable zip file");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (problems.isEmpty() && articles.isEmpty()) {
			problems.add("the zip holds no articles (.md files in folders)");
		}
		if (!problems.isEmpty()) {
			throw new KnowledgeLoadException(problems);
		}
		return articles;
	}

	private static String decode(String name, byte[] bytes) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new ArticleParser.ArticleException(name, "is not UTF-8 text");
		}
	}

}
