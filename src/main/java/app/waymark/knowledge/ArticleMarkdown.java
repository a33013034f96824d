package app.waymark.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes an article back as the Markdown file {@link ArticleParser} reads: YAML front
 * matter, then the body. {@code ArticleParser.parse(write(a))} gives {@code a} back,
 * which is what export and import rely on.
 */
public final class ArticleMarkdown {

	private ArticleMarkdown() {
	}

	public static String write(Article article) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("id", article.id());
		fields.put("title", article.title());
		fields.put("topics", List.copyOf(article.topics()));
		fields.put("keywords", List.copyOf(article.keywords()));
		fields.put("summary", article.summary());
		fields.put("source", article.source());
		// as text: SnakeYAML would otherwise write a timestamp with a time of day
		fields.put("last_reviewed", article.lastReviewed().toString());
		fields.put("review_by", article.reviewBy().toString());
		if (!article.audience().isEmpty()) {
			fields.put("audience", article.audience());
		}
		fields.put("language", article.language());
		if (!article.supersedes().isEmpty()) {
			fields.put("supersedes", List.copyOf(article.supersedes()));
		}
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setWidth(1_000);
		options.setAllowUnicode(true);
		String yaml = new Yaml(options).dump(fields);
		return "---\n" + yaml + "---\n\n" + article.body().strip() + "\n";
	}

}
