package app.waymark.admin;

import java.util.List;
import java.util.Map;

/**
 * What the admin screens' templates read: plain values already in words, so templates
 * hold no date or status logic.
 */
public final class AdminViews {

	private AdminViews() {
	}

	public record ArticleRow(String scope, String id, String title, String status, String statusLabel,
			int currentVersion, Integer publishedVersion, String reviewBy, String reviewWords, boolean overdue,
			boolean unpublishedChanges) {
	}

	public record VersionRow(int version, String author, String when, String note, boolean published, boolean current) {
	}

	/** An article form's fields as typed, so a refused form comes back as it was. */
	public record ArticleForm(String scope, String id, String title, String topics, String keywords, String summary,
			String source, String lastReviewed, String reviewBy, String audience, String language, String supersedes,
			String body, String changeNote) {

		static ArticleForm of(Map<String, String> form) {
			return new ArticleForm(form.getOrDefault("scope", ""), form.getOrDefault("id", ""),
					form.getOrDefault("title", ""), form.getOrDefault("topics", ""), form.getOrDefault("keywords", ""),
					form.getOrDefault("summary", ""), form.getOrDefault("source", ""),
					form.getOrDefault("lastReviewed", ""), form.getOrDefault("reviewBy", ""),
					form.getOrDefault("audience", ""), form.getOrDefault("language", "en"),
					form.getOrDefault("supersedes", ""), form.getOrDefault("body", ""),
					form.getOrDefault("changeNote", ""));
		}

	}

	public record ReviewRow(String scope, String id, String title, String reviewBy, String reviewWords, String reason) {
	}

	public record GroupRow(String wording, String example, int count, String lastSeen) {
	}

	public record TranslationRow(String scope, String id, String language, String languageName, String title,
			int version, String stage, boolean reviewed, String reviewedBy, String reviewedAt, boolean answering,
			String updated) {
	}

	public record Preview(List<String> sms, int segments, String rich) {
	}

	public record Choice(String value, String label) {
	}

}
