package app.waymark.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import app.waymark.knowledge.Article;
import app.waymark.knowledge.KnowledgeBase;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.system.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;

/**
 * Keeps this instance's {@link KnowledgeSearch} in step with the published articles in
 * the database. At start an empty database is seeded from the Markdown the search was
 * loaded from; after that the database wins. A poll of the {@code knowledge_change}
 * counter (every two seconds by default) reloads the index when any instance published.
 * Polling works the same on H2 and PostgreSQL; on PostgreSQL, LISTEN/NOTIFY would cut the
 * delay to milliseconds and is the natural refinement.
 */
public class KnowledgeSync implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(KnowledgeSync.class);

	private final ArticleStore store;

	private final KnowledgeSearch search;

	private final AdminSettings settings;

	private final AtomicLong seen = new AtomicLong(-1);

	private final Periodic polling;

	private volatile boolean running;

	private final TranslationStore translations;

	KnowledgeSync(ArticleStore store, KnowledgeSearch search, AdminSettings settings) {
		this(store, null, search, settings);
	}

	/** With {@code translations} null, only the English articles are loaded. */
	KnowledgeSync(ArticleStore store, TranslationStore translations, KnowledgeSearch search, AdminSettings settings) {
		this.translations = translations;
		this.store = store;
		this.search = search;
		this.settings = settings;
		this.polling = new Periodic(settings.pollInterval(), log, "Knowledge poll failed", this::poll);
	}

	@Override
	public void start() {
		this.store.isEmpty()
			.flatMap(empty -> empty ? this.store.seed(this.search.knowledge())
				.doOnSuccess(done -> log.info("Seeded the article tables with {} articles from Markdown",
						this.search.knowledge().loaded().size()))
				.thenReturn(true) : Mono.just(false))
			.then(reload())
			.block();
		this.running = true;
		if (!this.settings.pollInterval().isZero() && !this.settings.pollInterval().isNegative()) {
			this.polling.start();
		}
	}

	/** Reloads when the change counter moved since the last load; true if it reloaded. */
	public Mono<Boolean> poll() {
		return this.store.changeCounter()
			.flatMap(counter -> counter == this.seen.get() ? Mono.just(false) : reload().thenReturn(true));
	}

	/** Rebuilds the knowledge base from published rows and swaps it into the search. */
	Mono<Void> reload() {
		return this.store.changeCounter()
			.flatMap(counter -> this.store.published()
				.collectList()
				.flatMap(articles -> (this.translations == null ? Mono.just(Map.<String, List<Article>>of())
						: this.translations.answering(articles))
					.map(translated -> {
						this.search.load(build(articles));
						this.search.loadTranslations(translated);
						this.seen.set(counter);
						log.info(
								"Knowledge base reloaded from the database: {} published articles, "
										+ "reviewed translations in {} (change {})",
								articles.size(), translated.keySet(), counter);
						return counter;
					})))
			.then();
	}

	static KnowledgeBase build(List<Article> articles) {
		List<Article> national = new ArrayList<>();
		List<Article> local = new ArrayList<>();
		for (Article article : articles) {
			(KnowledgeBase.NATIONAL.equals(article.scope()) ? national : local).add(article);
		}
		return KnowledgeBase.of(national, local);
	}

	@Override
	public void stop() {
		this.polling.stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// before the web server (which starts late) takes traffic
		return Integer.MIN_VALUE + 1000;
	}

}
