package app.waymark.admin;

import java.time.LocalDate;
import java.util.List;

/**
 * An article as an admin sends it to create or edit. Lists may be omitted; {@code scope}
 * defaults to the deployment's local folder, {@code language} to English and
 * {@code lastReviewed} to today.
 */
record ArticleRequest(String scope, String id, String title, List<String> topics, List<String> keywords, String summary,
		String source, LocalDate lastReviewed, LocalDate reviewBy, String audience, String language,
		List<String> supersedes, String body, String changeNote) {
}
