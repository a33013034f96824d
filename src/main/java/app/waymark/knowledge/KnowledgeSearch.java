package app.waymark.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * Finds the article that answers a question, and says how sure it is.
 *
 * <p>
 * Confidence combines two things: how much of the question the article covers (so one
 * shared common word is not enough) and how strongly Lucene ranked it. Answers are cached
 * by the normalised question; {@link #load} swaps in new articles and clears the cache
 * together.
 */
public class KnowledgeSearch implements AutoCloseable {

	private static final int RANKED = 5;

	private static final Timer SEARCH_TIME = Timer.builder("waymark.knowledge.search")
		.description("Time to rank articles for one question")
		.publishPercentileHistogram()
		.register(Metrics.globalRegistry);

	/**
	 * Longest question worth analysing; the rest of a very long message adds only noise.
	 */
	static final int MAX_QUESTION_CHARS = 1_000;

	private final KnowledgeSettings settings;

	private final ArticleIndex index;

	private final Cache<String, Answer> answers;

	private volatile KnowledgeBase knowledge;

	public KnowledgeSearch(KnowledgeSettings settings, KnowledgeBase knowledge) {
		this(settings, knowledge, TextAnalysis.defaultSynonyms());
	}

	KnowledgeSearch(KnowledgeSettings settings, KnowledgeBase knowledge, SynonymMap synonyms) {
		this.settings = settings;
		this.index = new ArticleIndex(synonyms);
		this.answers = Caffeine.newBuilder().maximumSize(settings.cacheSize()).build();
		load(knowledge);
	}

	/** Replaces the articles searched, with no moment where search finds nothing. */
	public final synchronized void load(KnowledgeBase knowledge) {
		this.index.replaceAll(knowledge);
		this.knowledge = knowledge;
		this.answers.invalidateAll();
	}

	public KnowledgeBase knowledge() {
		return this.knowledge;
	}

	public Answer answer(String question) {
		String key = normalise(question);
		if (key.isEmpty()) {
			return Answer.nothing();
		}
		return this.answers.get(key, normalised -> rank(normalised, false));
	}

	/** Ranked articles with a passage of each body that matched; not cached. */
	public List<SearchHit> search(String question) {
		String key = normalise(question);
		return key.isEmpty() ? List.of() : rank(key, true).ranked();
	}

	private Answer rank(String question, boolean withSnippets) {
		List<ArticleIndex.Hit> hits = SEARCH_TIME.record(() -> this.index.search(question, RANKED, withSnippets));
		if (hits.isEmpty()) {
			return Answer.nothing();
		}
		List<SearchHit> ranked = hits.stream()
			.map(hit -> new SearchHit(hit.articleId(), hit.title(), confidence(hit), hit.snippet()))
			.sorted((a, b) -> Double.compare(b.score(), a.score()))
			.toList();
		SearchHit top = ranked.get(0);
		Optional<Article> best = this.knowledge.find(top.id());
		return new Answer(best, top.score(), best.isPresent() && top.score() >= this.settings.confidenceThreshold(),
				ranked);
	}

	private double confidence(ArticleIndex.Hit hit) {
		double strength = 1 - Math.exp(-hit.score() / this.settings.scoreScale());
		return Math.round(hit.coverage() * strength * 1000) / 1000.0;
	}

	static String normalise(String question) {
		String text = question == null ? "" : question;
		if (text.length() > MAX_QUESTION_CHARS) {
			text = text.substring(0, MAX_QUESTION_CHARS);
		}
		return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
	}

	@Override
	public void close() {
		try {
			this.index.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
