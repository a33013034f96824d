package app.waymark.knowledge;

import java.time.LocalDate;
import java.util.List;

/**
 * One curated, sourced and dated answer. {@code scope} says where it came from (the
 * national folder or the deployment's local folder) so a local article can stand in for a
 * national one.
 */
public record Article(String id, String title, List<String> topics, List<String> keywords, String summary,
		String source, LocalDate lastReviewed, LocalDate reviewBy, String audience, String language,
		List<String> supersedes, String body, String scope) {

	public Article {
		topics = List.copyOf(topics);
		keywords = List.copyOf(keywords);
		supersedes = List.copyOf(supersedes);
	}

	/** The body as plain text: Markdown emphasis, headings and link syntax removed. */
	public String plainBody() {
		return MarkdownText.toPlain(body);
	}

}
