package app.waymark.admin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.waymark.knowledge.Article;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Translations of articles: one {@code article_translation} row per article and language,
 * a new {@code article_translation_version} row per change. A translation answers only
 * when it is published and the published version is the one a fluent speaker marked
 * reviewed; any later edit needs its own review. Changes that alter what answers bump
 * {@code knowledge_change}, like article changes.
 */
@Component
class TranslationStore {

	/** Whether a fluent speaker has checked the newest version. */
	enum TranslationStatus {

		REVIEWED, NEEDS_REVIEW

	}

	/**
	 * One translation as admins see it.
	 *
	 * @param answering whether young people get it now (published and that version
	 * reviewed)
	 */
	record Summary(String language, String title, String status, TranslationStatus translationStatus,
			int currentVersion, Integer publishedVersion, Integer reviewedVersion, boolean answering) {
	}

	/** The words of one translation version. */
	record Words(String title, List<String> keywords, String summary, String body) {
	}

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final Clock clock;

	TranslationStore(DatabaseClient db, TransactionalOperator transaction, Clock clock) {
		this.db = db;
		this.transaction = transaction;
		this.clock = clock;
	}

	Flux<Summary> list(String scope, String id) {
		return this.db
			.sql("select t.language, t.current_version, t.published_version, t.reviewed_version, t.status, v.title "
					+ "from article_translation t join article_translation_version v on v.scope = t.scope "
					+ "and v.id = t.id and v.language = t.language and v.version = t.current_version "
					+ "where t.scope = :scope and t.id = :id order by t.language")
			.bind("scope", scope)
			.bind("id", id)
			.map(TranslationStore::summary)
			.all();
	}

	/**
	 * Every translation of every article, for the translations screen: who last checked
	 * it and when, beside where it stands.
	 */
	record Listed(String scope, String id, Summary summary, String reviewedBy, OffsetDateTime reviewedAt,
			OffsetDateTime updatedAt) {
	}

	Flux<Listed> all() {
		return this.db
			.sql("select t.scope, t.id, t.language, t.current_version, t.published_version, t.reviewed_version, "
					+ "t.status, t.reviewed_by, t.reviewed_at, t.updated_at, v.title from article_translation t "
					+ "join article_translation_version v on v.scope = t.scope and v.id = t.id "
					+ "and v.language = t.language and v.version = t.current_version order by t.scope, t.id, t.language")
			.map(row -> new Listed(row.get("scope", String.class), row.get("id", String.class),
					TranslationStore.summary(row), row.get("reviewed_by", String.class),
					row.get("reviewed_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class)))
			.all();
	}

	/** The words of the newest version, to edit. */
	Mono<Words> current(String scope, String id, String language) {
		return this.db
			.sql("select v.title, v.keywords, v.summary, v.body from article_translation t "
					+ "join article_translation_version v on v.scope = t.scope and v.id = t.id "
					+ "and v.language = t.language and v.version = t.current_version "
					+ "where t.scope = :scope and t.id = :id and t.language = :language")
			.bind("scope", scope)
			.bind("id", id)
			.bind("language", language)
			.map(row -> new Words(row.get("title", String.class), ArticleStore.split(row.get("keywords", String.class)),
					row.get("summary", String.class), row.get("body", String.class)))
			.one();
	}

	Mono<Summary> summary(String scope, String id, String language) {
		return list(scope, id).filter(s -> s.language().equals(language)).next();
	}

	/** A new version of the translation (version 1 creates it, as a draft). */
	Mono<Integer> save(String scope, String id, String language, Words words, Long authorId, String author,
			String note) {
		return this.transaction
			.transactional(this.db
				.sql("select current_version from article_translation where scope = :scope and id = :id "
						+ "and language = :language for update")
				.bind("scope", scope)
				.bind("id", id)
				.bind("language", language)
				.map(row -> ((Number) row.get("current_version")).intValue())
				.one()
				.flatMap(
						current -> insertVersion(scope, id, language, current + 1, words, authorId, author, note)
							.then(this.db
								.sql("update article_translation set current_version = :v, updated_at = :now "
										+ "where scope = :scope and id = :id and language = :language")
								.bind("v", current + 1)
								.bind("now", now())
								.bind("scope", scope)
								.bind("id", id)
								.bind("language", language)
								.then())
							.thenReturn(current + 1))
				.switchIfEmpty(Mono.defer(() -> this.db
					.sql("insert into article_translation (scope, id, language, current_version, status, updated_at) "
							+ "values (:scope, :id, :language, 1, 'DRAFT', :now)")
					.bind("scope", scope)
					.bind("id", id)
					.bind("language", language)
					.bind("now", now())
					.then()
					.then(insertVersion(scope, id, language, 1, words, authorId, author, note))
					.thenReturn(1))));
	}

	/** Makes the newest version the published one. */
	Mono<Integer> publish(String scope, String id, String language) {
		return setVersion(scope, id, language, "published_version = current_version, status = 'PUBLISHED'");
	}

	/**
	 * Records that a fluent speaker (signed in as {@code by}) checked the newest version.
	 */
	Mono<Integer> markReviewed(String scope, String id, String language, String by) {
		return setVersion(scope, id, language,
				"reviewed_version = current_version, reviewed_by = :by, reviewed_at = :now", by);
	}

	private Mono<Integer> setVersion(String scope, String id, String language, String assignment) {
		return setVersion(scope, id, language, assignment, null);
	}

	private Mono<Integer> setVersion(String scope, String id, String language, String assignment, String by) {
		DatabaseClient.GenericExecuteSpec update = this.db.sql("update article_translation set " + assignment
				+ ", updated_at = :now " + "where scope = :scope and id = :id and language = :language");
		if (by != null) {
			update = update.bind("by", by);
		}
		return this.transaction.transactional(update.bind("now", now())
			.bind("scope", scope)
			.bind("id", id)
			.bind("language", language)
			.fetch()
			.rowsUpdated()
			.then(this.db.sql("update knowledge_change set counter = counter + 1 where id = 1").then())
			.then(summary(scope, id, language).map(Summary::currentVersion)));
	}

	/**
	 * Per language, the translations that answer questions: published, that version
	 * reviewed, and of an English article in {@code published} (which gives the id,
	 * topics, source and dates).
	 */
	Mono<Map<String, List<Article>>> answering(List<Article> published) {
		Map<String, Article> english = new HashMap<>();
		published.forEach(article -> english.put(article.scope() + "/" + article.id(), article));
		return this.db
			.sql("select v.scope, v.id, v.language, v.title, v.keywords, v.summary, v.body "
					+ "from article_translation t join article_translation_version v on v.scope = t.scope "
					+ "and v.id = t.id and v.language = t.language and v.version = t.published_version "
					+ "where t.status = 'PUBLISHED' and t.reviewed_version = t.published_version "
					+ "order by v.language, v.scope, v.id")
			.map(row -> {
				Article source = english.get(row.get("scope", String.class) + "/" + row.get("id", String.class));
				return source == null ? List.<Object>of()
						: List.<Object>of(row.get("language", String.class),
								new Article(source.id(), row.get("title", String.class), source.topics(),
										ArticleStore.split(row.get("keywords", String.class)),
										row.get("summary", String.class), source.source(), source.lastReviewed(),
										source.reviewBy(), source.audience(), row.get("language", String.class),
										source.supersedes(), row.get("body", String.class), source.scope()));
			})
			.all()
			.filter(pair -> !pair.isEmpty())
			.collectMultimap(pair -> (String) pair.get(0), pair -> (Article) pair.get(1))
			.map(multimap -> {
				Map<String, List<Article>> byLanguage = new HashMap<>();
				multimap.forEach((language, articles) -> byLanguage.put(language, List.copyOf(articles)));
				return byLanguage;
			});
	}

	private Mono<Void> insertVersion(String scope, String id, String language, int version, Words words, Long authorId,
			String author, String note) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into article_translation_version (scope, id, language, version, title, keywords, summary, "
					+ "body, author_id, author, created_at, change_note) values (:scope, :id, :language, :version, "
					+ ":title, :keywords, :summary, :body, :authorId, :author, :now, :note)")
			.bind("scope", scope)
			.bind("id", id)
			.bind("language", language)
			.bind("version", version)
			.bind("title", words.title())
			.bind("keywords", ArticleStore.join(words.keywords()))
			.bind("summary", words.summary())
			.bind("body", words.body())
			.bind("author", author)
			.bind("now", now())
			.bind("note", note == null ? "" : note);
		insert = authorId == null ? insert.bindNull("authorId", Long.class) : insert.bind("authorId", authorId);
		return insert.then();
	}

	private static Summary summary(Readable row) {
		int current = ((Number) row.get("current_version")).intValue();
		Integer published = row.get("published_version") == null ? null
				: ((Number) row.get("published_version")).intValue();
		Integer reviewed = row.get("reviewed_version") == null ? null
				: ((Number) row.get("reviewed_version")).intValue();
		String status = row.get("status", String.class);
		return new Summary(row.get("language", String.class), row.get("title", String.class), status,
				reviewed != null && reviewed == current ? TranslationStatus.REVIEWED : TranslationStatus.NEEDS_REVIEW,
				current, published, reviewed,
				"PUBLISHED".equals(status) && published != null && published.equals(reviewed));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
