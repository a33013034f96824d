package app.waymark.admin;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

import app.waymark.system.SmsText;
import app.waymark.knowledge.Article;
import app.waymark.knowledge.ArticleMarkdown;
import app.waymark.knowledge.ArticleParser;
import app.waymark.system.BadRequestException;

/**
 * Checks an admin's article field by field, so each problem names its field, then runs
 * the Markdown parser's own rules over the article as it would be exported, so the
 * database never holds an article the files could not.
 */
final class ArticleValidation {

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

	private static final Pattern LETTER = Pattern.compile("\\p{L}");

	private ArticleValidation() {
	}

	static Article check(ArticleRequest request, String defaultScope, LocalDate today) {
		String scope = blank(request.scope()) ? defaultScope : request.scope().strip();
		String id = text(request.id());
		if (id.isEmpty()) {
			throw new BadRequestException("id", "Give the article an id.");
		}
		if (!ArticleParser.SLUG.matcher(id).matches() || id.length() > 100) {
			throw new BadRequestException("id",
					"The id must be a slug: lower-case letters, digits and single hyphens, such as 'council-tax'.");
		}
		if (!ArticleParser.SLUG.matcher(scope).matches()) {
			throw new BadRequestException("scope", "The scope must be 'national' or a local folder's name.");
		}
		if (blank(request.title())) {
			throw new BadRequestException("title", "Give the article a title.");
		}
		String summary = text(request.summary());
		if (summary.isEmpty()) {
			throw new BadRequestException("summary", "Give a summary: it is what an SMS reply says.");
		}
		int segments = SmsText.segments(SmsText.toGsmFriendly(summary));
		if (segments > ArticleParser.MAX_SUMMARY_SEGMENTS) {
			throw new BadRequestException("summary", "The summary needs " + segments + " SMS segments; at most "
					+ ArticleParser.MAX_SUMMARY_SEGMENTS + " are allowed. Shorten it.");
		}
		String source = text(request.source());
		if (!isSource(source)) {
			throw new BadRequestException("source",
					"The source must be a web address (https://...) or the title of a document.");
		}
		if (request.reviewBy() == null) {
			throw new BadRequestException("reviewBy", "Give a review date (YYYY-MM-DD).");
		}
		if (request.reviewBy().isBefore(today)) {
			throw new BadRequestException("reviewBy", "The review date is in the past.");
		}
		if (blank(request.body())) {
			throw new BadRequestException("body", "The article has no text.");
		}
		String language = blank(request.language()) ? "en" : request.language().strip();
		if (!LANGUAGE.matcher(language).matches()) {
			throw new BadRequestException("language", "The language must be a code such as 'en', 'ar' or 'ckb'.");
		}
		Article article = new Article(id, request.title().strip(), list(request.topics()), list(request.keywords()),
				summary, source, request.lastReviewed() == null ? today : request.lastReviewed(), request.reviewBy(),
				text(request.audience()), language, list(request.supersedes()), request.body().strip(), scope);
		try {
			return ArticleParser.parse(scope + "/" + id + ".md", scope, ArticleMarkdown.write(article));
		}
		catch (ArticleParser.ArticleException ex) {
			throw new BadRequestException(null, ex.getMessage());
		}
	}

	/** A web address with a host, or a document title: some words, not a broken link. */
	static boolean isSource(String source) {
		if (source.isEmpty()) {
			return false;
		}
		String lower = source.toLowerCase(java.util.Locale.ROOT);
		if (lower.contains("://") || lower.startsWith("www.") || lower.startsWith("http")) {
			try {
				URI uri = new URI(source);
				return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
						&& uri.getHost().contains(".");
			}
			catch (URISyntaxException ex) {
				return false;
			}
		}
		return source.length() >= 5 && LETTER.matcher(source).find();
	}

	private static List<String> list(List<String> values) {
		return values == null ? List.of()
				: values.stream()
					.filter(v -> v != null && !v.isBlank())
					.map(v -> v.replace(",", " ").strip())
					.distinct()
					.toList();
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static String text(String value) {
		return value == null ? "" : value.strip();
	}

}
