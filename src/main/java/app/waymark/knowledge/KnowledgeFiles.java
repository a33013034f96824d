package app.waymark.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A search-only file of the knowledge base ({@code search-terms/fa.yml},
 * {@code questions/en.yml}): read from the knowledge folder when that holds the file's
 * folder, else from the copy inside the jar.
 */
final class KnowledgeFiles {

	private KnowledgeFiles() {
	}

	/**
	 * @param root the knowledge folder, or null to read the copy inside the jar
	 * @param relative the file's path under it
	 * @return its text, or empty where there is no such file
	 */
	static Optional<String> read(Path root, String relative) {
		try {
			if (root != null && Files.isDirectory(root.resolve(relative).getParent())) {
				Path file = root.resolve(relative);
				return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
			}
			try (InputStream in = KnowledgeFiles.class.getClassLoader().getResourceAsStream("knowledge/" + relative)) {
				return in == null ? Optional.empty()
						: Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read knowledge file " + relative, ex);
		}
	}

}
