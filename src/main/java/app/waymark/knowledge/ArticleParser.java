package app.waymark.knowledge;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import app.waymark.system.SmsText;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads one article file: YAML front matter between {@code ---} lines, then a Markdown
 * body. Every problem is reported with the file name, because admins fix these files by
 * hand.
 */
public final class ArticleParser {

	public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Set<String> KNOWN_KEYS = Set.of("id", "title", "topics", "keywords", "summary", "source",
			"last_reviewed", "review_by", "audience", "language", "supersedes");

	private static final Set<String> REQUIRED_KEYS = Set.of("id", "title", "summary", "source", "last_reviewed",
			"review_by");

	/**
	 * Longest summary that still fits two SMS segments once "reply MORE" is not counted.
	 */
	public static final int MAX_SUMMARY_SEGMENTS = 2;

	private ArticleParser() {
	}

	/**
	 * @param fileName the file's name, used in messages and checked against the id
	 * @param scope where it came from ("national" or the local folder's name)
	 * @param content the file's text
	 * @throws ArticleException naming the file and the reason
	 */
	public static Article parse(String fileName, String scope, String content) {
		String text = content.replace("\r\n", "\n").stripLeading();
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		if (!text.startsWith("---\n")) {
			throw new ArticleException(fileName, "does not start with a '---' front matter line");
		}
		int end = text.indexOf("\n---", 3);
		if (end < 0) {
			throw new ArticleException(fileName, "front matter is not closed by a '---' line");
		}
		String frontMatter = text.substring(4, end);
		int bodyStart = text.indexOf('\n', end + 4);
		String body = bodyStart < 0 ? "" : text.substring(bodyStart + 1).strip();
		Map<String, Object> fields = readYaml(fileName, frontMatter);
		List<String> problems = new ArrayList<>();
		for (String key : fields.keySet()) {
			if (!KNOWN_KEYS.contains(key)) {
				problems.add("unknown field '" + key + "'");
			}
		}
		for (String key : REQUIRED_KEYS) {
			Object value = fields.get(key);
			if (value == null || value.toString().isBlank()) {
				problems.add("missing '" + key + "'");
			}
		}
		if (!problems.isEmpty()) {
			throw new ArticleException(fileName, String.join("; ", problems));
		}
		String id = string(fields, "id");
		if (!SLUG.matcher(id).matches()) {
			problems.add("id '" + id + "' is not a slug (lower-case letters, digits and single hyphens)");
		}
		String expectedFile = id + ".md";
		if (!fileName.endsWith(expectedFile)) {
			problems.add("id '" + id + "' does not match the file name (expected " + expectedFile + ")");
		}
		String summary = string(fields, "summary");
		int segments = SmsText.segments(SmsText.toGsmFriendly(summary));
		if (segments > MAX_SUMMARY_SEGMENTS) {
			problems.add("summary needs " + segments + " SMS segments; at most " + MAX_SUMMARY_SEGMENTS + " allowed");
		}
		if (body.isEmpty()) {
			problems.add("body is empty");
		}
		LocalDate lastReviewed = date(fields, "last_reviewed", problems);
		LocalDate reviewBy = date(fields, "review_by", problems);
		if (!problems.isEmpty()) {
			throw new ArticleException(fileName, String.join("; ", problems));
		}
		String language = fields.containsKey("language") ? string(fields, "language") : "en";
		return new Article(id, string(fields, "title"), list(fields, "topics"), list(fields, "keywords"), summary,
				string(fields, "source"), lastReviewed, reviewBy,
				fields.containsKey("audience") ? string(fields, "audience") : "", language, list(fields, "supersedes"),
				body, scope);
	}

	private static Map<String, Object> readYaml(String fileName, String frontMatter) {
		try {
			Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(frontMatter);
			if (!(parsed instanceof Map<?, ?> map)) {
				throw new ArticleException(fileName, "front matter is not a set of 'key: value' lines");
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> fields = (Map<String, Object>) map;
			return fields;
		}
		catch (YAMLException ex) {
			String reason = ex.getMessage() == null ? "unreadable" : ex.getMessage().lines().findFirst().orElse("");
			throw new ArticleException(fileName, "front matter is not valid YAML: " + reason);
		}
	}

	private static String string(Map<String, Object> fields, String key) {
		Object value = fields.get(key);
		return value == null ? "" : value.toString().strip();
	}

	private static List<String> list(Map<String, Object> fields, String key) {
		Object value = fields.get(key);
		if (value == null) {
			return List.of();
		}
		if (value instanceof List<?> items) {
			return items.stream().map(Object::toString).map(String::strip).filter(s -> !s.isEmpty()).toList();
		}
		return List.of(value.toString().split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	private static LocalDate date(Map<String, Object> fields, String key, List<String> problems) {
		Object value = fields.get(key);
		if (value instanceof Date date) {
			return date.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
		}
		try {
			return LocalDate.parse(value.toString().strip());
		}
		catch (DateTimeParseException ex) {
			problems.add("'" + key + "' is not a date (YYYY-MM-DD): " + value);
			return null;
		}
	}

	/** A single file's problem, with its name first so the start-up log points at it. */
	public static class ArticleException extends RuntimeException {

		public ArticleException(String fileName, String reason) {
			super(fileName + ": " + reason);
		}

	}

}
