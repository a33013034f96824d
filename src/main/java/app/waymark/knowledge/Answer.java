package app.waymark.knowledge;

import java.util.List;
import java.util.Optional;

/**
 * The best article for a question, and whether the bot is sure enough to give it.
 *
 * @param best the top-ranked article, present even when not confident (admins see it)
 * @param score the top article's confidence score in 0..1, or 0 when nothing matched
 * @param confident whether {@code score} clears the configured threshold
 * @param ranked every ranked article, best first
 * @param choices when the bot is not sure enough to answer but two or three articles are
 * likely, those articles, likeliest first, to offer as "did you mean"; empty otherwise
 */
public record Answer(Optional<Article> best, double score, boolean confident, List<SearchHit> ranked,
		List<Article> choices) {

	public Answer {
		ranked = List.copyOf(ranked);
		choices = List.copyOf(choices);
	}

	public Answer(Optional<Article> best, double score, boolean confident, List<SearchHit> ranked) {
		this(best, score, confident, ranked, List.of());
	}

	public static Answer nothing() {
		return new Answer(Optional.empty(), 0, false, List.of());
	}

}
