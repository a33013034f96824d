package app.waymark.admin;

import java.util.List;

import app.waymark.system.BadRequestException;

/** Checks a translation's words; everything else comes from the English article. */
final class TranslationValidation {

	private TranslationValidation() {
	}

	static TranslationStore.Words check(TranslationRequest request) {
		String title = text(request.title());
		if (title.isEmpty() || title.length() > 300) {
			throw new BadRequestException("title", "Give the translation a title (at most 300 characters).");
		}
		String summary = text(request.summary());
		if (summary.isEmpty() || summary.length() > 1000) {
			throw new BadRequestException("summary", "Give a summary (at most 1000 characters).");
		}
		String body = text(request.body());
		if (body.isEmpty()) {
			throw new BadRequestException("body", "The translation has no text.");
		}
		List<String> keywords = request.keywords() == null ? List.of()
				: request.keywords()
					.stream()
					.filter(k -> k != null && !k.isBlank())
					.map(k -> k.replace(',', ' ').strip())
					.toList();
		if (String.join(",", keywords).length() > 2000) {
			throw new BadRequestException("keywords", "Too many keywords (at most 2000 characters in all).");
		}
		return new TranslationStore.Words(title, keywords, summary, body);
	}

	private static String text(String value) {
		return value == null ? "" : value.strip();
	}

}
