package app.waymark.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import app.waymark.knowledge.Article;
import app.waymark.knowledge.KnowledgeBase;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The live knowledge base in the database: one {@code article} row per article and a new
 * {@code article_version} row for every change. Every change of what answers questions
 * (publish, unpublish, retire, restore, import) bumps {@code knowledge_change} in the
 * same transaction, which is how other instances learn of it.
 */
@Component
class ArticleStore {

	static final String SYSTEM = "system";

	private static final String VERSION_COLUMNS = "v.scope, v.id, v.version, v.title, v.topics, v.keywords, v.summary, "
			+ "v.source, v.last_reviewed, v.review_by, v.audience, v.language, v.supersedes, v.body, v.author, "
			+ "v.created_at, v.change_note";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final Clock clock;

	ArticleStore(DatabaseClient db, TransactionalOperator transaction, Clock clock) {
		this.db = db;
		this.transaction = transaction;
		this.clock = clock;
	}

	/** One article's row: status and which versions are newest and answering. */
	record Summary(String scope, String id, String title, ArticleStatus status, int currentVersion,
			Integer publishedVersion, LocalDate reviewBy, String language, String source) {
	}

	/** One stored version. */
	record Version(Article article, int version, String author, OffsetDateTime createdAt, String changeNote) {
	}

	Mono<Long> changeCounter() {
		return this.db.sql("select counter from knowledge_change where id = 1")
			.map(row -> ((Number) row.get("counter")).longValue())
			.one();
	}

	Mono<Boolean> isEmpty() {
		return this.db.sql("select count(*) as n from article")
			.map(row -> ((Number) row.get("n")).longValue() == 0)
			.one();
	}

	/** Every article as version 1, published, by "system". */
	Mono<Void> seed(KnowledgeBase knowledge) {
		return this.transaction.transactional(Flux.fromIterable(knowledge.loaded())
			.concatMap(article -> insertArticle(article, ArticleStatus.PUBLISHED)
				.then(insertVersion(article, 1, null, SYSTEM, "Imported from the Markdown knowledge base")))
			.then(bump()));
	}

	Flux<Summary> list() {
		return this.db
			.sql("select a.scope, a.id, a.status, a.current_version, a.published_version, v.title, v.review_by, "
					+ "v.language, v.source from article a join article_version v "
					+ "on v.scope = a.scope and v.id = a.id and v.version = a.current_version order by a.scope, a.id")
			.map(row -> new Summary(row.get("scope", String.class), row.get("id", String.class),
					row.get("title", String.class), ArticleStatus.valueOf(row.get("status", String.class)),
					((Number) row.get("current_version")).intValue(),
					row.get("published_version") == null ? null : ((Number) row.get("published_version")).intValue(),
					row.get("review_by", LocalDate.class), row.get("language", String.class),
					row.get("source", String.class)))
			.all();
	}

	Mono<Summary> summary(String scope, String id) {
		return list().filter(s -> s.scope().equals(scope) && s.id().equals(id)).next();
	}

	Flux<Version> versions(String scope, String id) {
		return this.db
			.sql("select " + VERSION_COLUMNS + " from article_version v where v.scope = :scope and v.id = :id "
					+ "order by v.version desc")
			.bind("scope", scope)
			.bind("id", id)
			.map(ArticleStore::version)
			.all();
	}

	Mono<Version> version(String scope, String id, int version) {
		return this.db
			.sql("select " + VERSION_COLUMNS
					+ " from article_version v where v.scope = :scope and v.id = :id and v.version = :version")
			.bind("scope", scope)
			.bind("id", id)
			.bind("version", version)
			.map(ArticleStore::version)
			.one();
	}

	/** The versions that answer questions, national and local, for the search index. */
	Flux<Article> published() {
		return this.db
			.sql("select " + VERSION_COLUMNS + " from article a join article_version v on v.scope = a.scope "
					+ "and v.id = a.id and v.version = a.published_version where a.status = 'PUBLISHED' "
					+ "order by v.scope, v.id")
			.map(ArticleStore::version)
			.all()
			.map(Version::article);
	}

	/** A new article, as a draft at version 1. */
	Mono<Void> create(Article article, Long authorId, String author, String note) {
		return this.transaction.transactional(
				insertArticle(article, ArticleStatus.DRAFT).then(insertVersion(article, 1, authorId, author, note)));
	}

	/**
	 * A new version of an existing article. A published article keeps answering with its
	 * published version until the new one is published.
	 */
	Mono<Integer> edit(Article article, Long authorId, String author, String note) {
		return this.transaction.transactional(
				this.db.sql("select current_version, status from article where scope = :scope and id = :id for update")
					.bind("scope", article.scope())
					.bind("id", article.id())
					.map(row -> ((Number) row.get("current_version")).intValue())
					.one()
					.flatMap(current -> {
						int next = current + 1;
						return insertVersion(article, next, authorId, author, note).then(this.db
							.sql("update article set current_version = :v, updated_at = :now "
									+ "where scope = :scope and id = :id")
							.bind("v", next)
							.bind("now", now())
							.bind("scope", article.scope())
							.bind("id", article.id())
							.then()).thenReturn(next);
					}));
	}

	/** Makes the given version (default: the newest) the one that answers. */
	Mono<Void> publish(String scope, String id, int version) {
		return changeStatus(scope, id, ArticleStatus.PUBLISHED, version);
	}

	Mono<Void> setStatus(String scope, String id, ArticleStatus status) {
		return changeStatus(scope, id, status, null);
	}

	private Mono<Void> changeStatus(String scope, String id, ArticleStatus status, Integer publishedVersion) {
		String published = publishedVersion == null ? "" : ", published_version = :pv";
		DatabaseClient.GenericExecuteSpec update = this.db
			.sql("update article set status = :status, updated_at = :now" + published
					+ " where scope = :scope and id = :id")
			.bind("status", status.name())
			.bind("now", now())
			.bind("scope", scope)
			.bind("id", id);
		if (publishedVersion != null) {
			update = update.bind("pv", publishedVersion);
		}
		return this.transaction.transactional(update.fetch().rowsUpdated().then(bump()));
	}

	/**
	 * Imports articles, all or nothing: a new article is published at version 1; a
	 * changed one gets a new published version; one identical to its published version is
	 * left alone, so importing the same folder twice makes no versions.
	 * @return how many articles were new or changed
	 */
	Mono<Integer> importAll(List<Article> articles, Long authorId, String author) {
		return this.transaction.transactional(Flux.fromIterable(articles)
			.concatMap(article -> this.db
				.sql("select current_version, published_version, status from article where scope = :scope and id = :id")
				.bind("scope", article.scope())
				.bind("id", article.id())
				.map(row -> new int[] { ((Number) row.get("current_version")).intValue(),
						row.get("published_version") == null ? -1 : ((Number) row.get("published_version")).intValue(),
						"PUBLISHED".equals(row.get("status", String.class)) ? 1 : 0 })
				.one()
				.flatMap(state -> version(article.scope(), article.id(), state[0]).flatMap(current -> {
					boolean unchanged = state[2] == 1 && state[1] == state[0] && current.article().equals(article);
					return unchanged ? Mono.just(0) : importVersion(article, state[0] + 1, authorId, author);
				}))
				.switchIfEmpty(Mono.defer(() -> insertArticle(article, ArticleStatus.PUBLISHED)
					.then(insertVersion(article, 1, authorId, author, "Imported"))
					.thenReturn(1))))
			.reduce(0, Integer::sum)
			.flatMap(changed -> bump().thenReturn(changed)));
	}

	private Mono<Integer> importVersion(Article article, int version, Long authorId, String author) {
		return insertVersion(article, version, authorId, author, "Imported").then(this.db
			.sql("update article set current_version = :v, published_version = :v, status = 'PUBLISHED', "
					+ "updated_at = :now where scope = :scope and id = :id")
			.bind("v", version)
			.bind("now", now())
			.bind("scope", article.scope())
			.bind("id", article.id())
			.then()).thenReturn(1);
	}

	private Mono<Void> insertArticle(Article article, ArticleStatus status) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into article (scope, id, current_version, published_version, status, updated_at) "
					+ "values (:scope, :id, 1, :pv, :status, :now)")
			.bind("scope", article.scope())
			.bind("id", article.id())
			.bind("status", status.name())
			.bind("now", now());
		insert = status == ArticleStatus.PUBLISHED ? insert.bind("pv", 1) : insert.bindNull("pv", Integer.class);
		return insert.then();
	}

	private Mono<Void> insertVersion(Article a, int version, Long authorId, String author, String note) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into article_version (scope, id, version, title, topics, keywords, summary, source, "
					+ "last_reviewed, review_by, audience, language, supersedes, body, author_id, author, created_at, "
					+ "change_note) values (:scope, :id, :version, :title, :topics, :keywords, :summary, :source, "
					+ ":lastReviewed, :reviewBy, :audience, :language, :supersedes, :body, :authorId, :author, :now, :note)")
			.bind("scope", a.scope())
			.bind("id", a.id())
			.bind("version", version)
			.bind("title", a.title())
			.bind("topics", join(a.topics()))
			.bind("keywords", join(a.keywords()))
			.bind("summary", a.summary())
			.bind("source", a.source())
			.bind("lastReviewed", a.lastReviewed())
			.bind("reviewBy", a.reviewBy())
			.bind("audience", a.audience())
			.bind("language", a.language())
			.bind("supersedes", join(a.supersedes()))
			.bind("body", a.body())
			.bind("author", author)
			.bind("now", now())
			.bind("note", note == null ? "" : note);
		insert = authorId == null ? insert.bindNull("authorId", Long.class) : insert.bind("authorId", authorId);
		return insert.then();
	}

	private Mono<Void> bump() {
		return this.db.sql("update knowledge_change set counter = counter + 1 where id = 1").then();
	}

	private static Version version(Readable row) {
		Article article = new Article(row.get("id", String.class), row.get("title", String.class),
				split(row.get("topics", String.class)), split(row.get("keywords", String.class)),
				row.get("summary", String.class), row.get("source", String.class),
				row.get("last_reviewed", LocalDate.class), row.get("review_by", LocalDate.class),
				row.get("audience", String.class), row.get("language", String.class),
				split(row.get("supersedes", String.class)), row.get("body", String.class),
				row.get("scope", String.class));
		return new Version(article, ((Number) row.get("version")).intValue(), row.get("author", String.class),
				row.get("created_at", OffsetDateTime.class), row.get("change_note", String.class));
	}

	// Topics and keywords never hold commas: the Markdown parser splits on them too.
	static String join(List<String> values) {
		return String.join(",", values);
	}

	static List<String> split(String value) {
		if (value == null || value.isBlank()) {
			return List.of();
		}
		return new ArrayList<>(Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
