package app.waymark.admin;

import java.util.List;

/**
 * A translation's words as an admin sends them; the English article gives everything else
 * (id, topics, source, dates).
 */
record TranslationRequest(String title, List<String> keywords, String summary, String body, String changeNote) {
}
