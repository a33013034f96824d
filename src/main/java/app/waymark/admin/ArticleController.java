package app.waymark.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import app.waymark.knowledge.Article;
import app.waymark.knowledge.KnowledgeBase;
import app.waymark.knowledge.KnowledgeLoadException;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.knowledge.KnowledgeSettings;
import app.waymark.knowledge.LanguageAnalyzers;
import app.waymark.people.CaseloadAccess;
import app.waymark.system.BadRequestException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.annotation.Lazy;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Article management: admins write and publish, managers may read. Every change is a new
 * version; publishing swaps this instance's index at once and the others' within a poll.
 */
@RestController
@RequestMapping("/api/v1/admin")
class ArticleController {

	private static final Set<String> READERS = Set.of("ROLE_ADMIN", "ROLE_MANAGER");

	private static final Set<String> WRITERS = Set.of("ROLE_ADMIN");

	private final ArticleStore store;

	private final KnowledgeSync sync;

	private final KnowledgeSearch search;

	private final ReplyPreview preview;

	private final KnowledgeSettings knowledgeSettings;

	private final AdminSettings settings;

	private final DatabaseClient db;

	private final Clock clock;

	private final CaseloadAccess audit;

	private final TranslationStore translations;

	ArticleController(ArticleStore store, KnowledgeSync sync, @Lazy KnowledgeSearch search, ReplyPreview preview,
			KnowledgeSettings knowledgeSettings, AdminSettings settings, DatabaseClient db, Clock clock,
			CaseloadAccess audit, TranslationStore translations) {
		this.audit = audit;
		this.translations = translations;
		this.store = store;
		this.sync = sync;
		this.search = search;
		this.preview = preview;
		this.knowledgeSettings = knowledgeSettings;
		this.settings = settings;
		this.db = db;
		this.clock = clock;
	}

	record VersionInfo(int version, String author, String createdAt, String changeNote) {
	}

	record ArticleDetail(ArticleStore.Summary article, Article current, Article published, List<VersionInfo> versions,
			List<TranslationStore.Summary> translations) {
	}

	record TranslationSaved(String scope, String id, String language, int version, String status,
			TranslationStore.TranslationStatus translationStatus, boolean answering) {
	}

	record VersionDetail(int version, String author, String createdAt, String changeNote, Article article) {
	}

	record Saved(String scope, String id, int version, String status) {
	}

	record ReviewItem(String scope, String id, String title, LocalDate reviewBy, String reason) {
	}

	@GetMapping("/articles")
	Mono<List<ArticleStore.Summary>> list(Authentication auth) {
		return require(auth, READERS).then(this.store.list().collectList());
	}

	@GetMapping("/articles/{scope}/{id}")
	Mono<ArticleDetail> get(Authentication auth, @PathVariable String scope, @PathVariable String id) {
		return require(auth, READERS).then(existing(scope, id))
			.flatMap(summary -> this.store.versions(scope, id)
				.collectList()
				.zipWith(this.translations.list(scope, id).collectList())
				.map(both -> {
					List<ArticleStore.Version> versions = both.getT1();
					Article current = versions.get(0).article();
					Article published = versions.stream()
						.filter(v -> summary.publishedVersion() != null && v.version() == summary.publishedVersion())
						.map(ArticleStore.Version::article)
						.findFirst()
						.orElse(null);
					return new ArticleDetail(summary, current, published, versions.stream()
						.map(v -> new VersionInfo(v.version(), v.author(), v.createdAt().toString(), v.changeNote()))
						.toList(), both.getT2());
				}));
	}

	@GetMapping("/articles/{scope}/{id}/versions/{version}")
	Mono<VersionDetail> version(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@PathVariable int version) {
		return require(auth, READERS).then(findVersion(scope, id, version))
			.map(v -> new VersionDetail(v.version(), v.author(), v.createdAt().toString(), v.changeNote(),
					v.article()));
	}

	@PostMapping("/articles")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Saved> create(Authentication auth, @RequestBody ArticleRequest request) {
		return require(auth, WRITERS).flatMap(author -> {
			Article article = ArticleValidation.check(request, this.knowledgeSettings.localFolder(), today());
			return this.store.summary(article.scope(), article.id())
				.flatMap(found -> Mono.<Saved>error(new BadRequestException("id",
						"An article with the id '" + article.id() + "' already exists in " + article.scope() + ".")))
				.switchIfEmpty(Mono
					.defer(() -> this.store.create(article, author.id(), author.email(), note(request, "Created"))
						.then(audit(author, "ARTICLE_CREATE", article.scope(), article.id(), 1))
						.thenReturn(new Saved(article.scope(), article.id(), 1, ArticleStatus.DRAFT.name()))));
		});
	}

	@PutMapping("/articles/{scope}/{id}")
	Mono<Saved> edit(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@RequestBody ArticleRequest request) {
		return require(auth, WRITERS).flatMap(author -> existing(scope, id).flatMap(summary -> {
			Article article = ArticleValidation.check(withKey(request, scope, id), scope, today());
			return this.store.edit(article, author.id(), author.email(), note(request, "Edited"))
				.flatMap(version -> audit(author, "ARTICLE_EDIT", scope, id, version).thenReturn(version))
				.map(version -> new Saved(scope, id, version, summary.status().name()));
		}));
	}

	/** What SMS and rich channels would send for an article as given, saving nothing. */
	@PostMapping("/articles/preview")
	Mono<ReplyPreview.Rendered> preview(Authentication auth, @RequestBody ArticleRequest request,
			@RequestParam(defaultValue = "en") String language) {
		return require(auth, READERS).map(caller -> this.preview
			.article(ArticleValidation.check(request, this.knowledgeSettings.localFolder(), today()), language));
	}

	@PostMapping("/articles/{scope}/{id}/publish")
	Mono<Saved> publish(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@RequestParam(required = false) Integer version) {
		return require(auth, WRITERS).flatMap(author -> existing(scope, id).flatMap(summary -> {
			int chosen = version == null ? summary.currentVersion() : version;
			return findVersion(scope, id, chosen).flatMap(v -> checkPublishable(v.article(), true))
				.then(this.store.publish(scope, id, chosen))
				.then(audit(author, "ARTICLE_PUBLISH", scope, id, chosen))
				.then(this.sync.reload())
				.thenReturn(new Saved(scope, id, chosen, ArticleStatus.PUBLISHED.name()));
		}));
	}

	@PostMapping("/articles/{scope}/{id}/unpublish")
	Mono<Saved> unpublish(Authentication auth, @PathVariable String scope, @PathVariable String id) {
		return withdraw(auth, scope, id, ArticleStatus.UNPUBLISHED);
	}

	@PostMapping("/articles/{scope}/{id}/retire")
	Mono<Saved> retire(Authentication auth, @PathVariable String scope, @PathVariable String id) {
		return withdraw(auth, scope, id, ArticleStatus.RETIRED);
	}

	/** Copies an old version as the newest and publishes it. */
	@PostMapping("/articles/{scope}/{id}/versions/{version}/restore")
	Mono<Saved> restore(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@PathVariable int version) {
		return require(auth, WRITERS).flatMap(author -> findVersion(scope, id, version)
			.flatMap(old -> checkPublishable(old.article(), true)
				.then(this.store.edit(old.article(), author.id(), author.email(), "Restored version " + version)))
			.flatMap(next -> this.store.publish(scope, id, next)
				.then(audit(author, "ARTICLE_RESTORE", scope, id, next))
				.then(this.sync.reload())
				.thenReturn(new Saved(scope, id, next, ArticleStatus.PUBLISHED.name()))));
	}

	/**
	 * A new version of the article's translation into {@code language}. It needs a fluent
	 * reviewer ({@code NEEDS_REVIEW}) until one marks it reviewed, and answers only once
	 * published and reviewed.
	 */
	@PutMapping("/articles/{scope}/{id}/translations/{language}")
	Mono<TranslationSaved> saveTranslation(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@PathVariable String language, @RequestBody TranslationRequest request) {
		return require(auth, WRITERS).flatMap(author -> existing(scope, id).flatMap(summary -> {
			String lang = translationLanguage(language);
			TranslationStore.Words words = TranslationValidation.check(request);
			String note = request.changeNote() == null || request.changeNote().isBlank() ? "Translated"
					: request.changeNote().strip().substring(0, Math.min(500, request.changeNote().strip().length()));
			return this.translations.save(scope, id, lang, words, author.id(), author.email(), note)
				.flatMap(version -> audit(author, "TRANSLATION_EDIT", scope, id + "/" + lang, version))
				.then(translationSaved(scope, id, lang));
		}));
	}

	@PostMapping("/articles/{scope}/{id}/translations/{language}/publish")
	Mono<TranslationSaved> publishTranslation(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@PathVariable String language) {
		return changeTranslation(auth, scope, id, language, "TRANSLATION_PUBLISH");
	}

	/** A fluent speaker checked the newest version. */
	@PostMapping("/articles/{scope}/{id}/translations/{language}/review")
	Mono<TranslationSaved> reviewTranslation(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@PathVariable String language) {
		return changeTranslation(auth, scope, id, language, "TRANSLATION_REVIEW");
	}

	private Mono<TranslationSaved> changeTranslation(Authentication auth, String scope, String id, String language,
			String action) {
		return require(auth, WRITERS).flatMap(author -> {
			String lang = translationLanguage(language);
			return this.translations.summary(scope, id, lang)
				.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such translation.")))
				.flatMap(found -> ("TRANSLATION_PUBLISH".equals(action) ? this.translations.publish(scope, id, lang)
						: this.translations.markReviewed(scope, id, lang, author.email())))
				.flatMap(version -> audit(author, action, scope, id + "/" + lang, version))
				.then(this.sync.reload())
				.then(translationSaved(scope, id, lang));
		});
	}

	private Mono<TranslationSaved> translationSaved(String scope, String id, String language) {
		return this.translations.summary(scope, id, language)
			.map(t -> new TranslationSaved(scope, id, language, t.currentVersion(), t.status(), t.translationStatus(),
					t.answering()));
	}

	private static String translationLanguage(String language) {
		String lang = language == null ? "" : language.strip().toLowerCase(java.util.Locale.ROOT);
		if (!LanguageAnalyzers.supported(lang)) {
			throw new BadRequestException("language", "Translations are for one of "
					+ new java.util.TreeSet<>(LanguageAnalyzers.TRANSLATION_LANGUAGES) + "; English is the article.");
		}
		return lang;
	}

	@GetMapping("/articles/export")
	Mono<ResponseEntity<byte[]>> export(Authentication auth) {
		return require(auth, READERS).then(this.store.published().collectList())
			.map(articles -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType("application/zip"))
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"knowledge.zip\"")
				.body(ArticleArchive.write(articles)));
	}

	/** A zip laid out like {@code knowledge/}, as the request body; all or nothing. */
	@PostMapping("/articles/import")
	Mono<Map<String, Object>> importZip(Authentication auth, ServerHttpRequest request) {
		return importZip(auth, request.getBody());
	}

	/** The same from the zip's bytes however they came (the admin screen's upload). */
	Mono<Map<String, Object>> importZip(Authentication auth, reactor.core.publisher.Flux<DataBuffer> zip) {
		return require(auth, WRITERS)
			.flatMap(author -> DataBufferUtils.join(zip, ArticleArchive.MAX_BYTES).map(buffer -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return bytes;
			})
				.switchIfEmpty(Mono.error(new BadRequestException("file", "Send the zip file as the request body.")))
				.flatMap(bytes -> {
					List<Article> articles;
					try {
						articles = ArticleArchive.read(bytes);
					}
					catch (KnowledgeLoadException ex) {
						return Mono.error(new BadRequestException("file", String.join("; ", ex.problems())));
					}
					return this.store.published().collectList().flatMap(published -> {
						List<Article> combined = new ArrayList<>(articles);
						published.stream()
							.filter(p -> articles.stream()
								.noneMatch(a -> a.scope().equals(p.scope()) && a.id().equals(p.id())))
							.forEach(combined::add);
						return buildable(combined);
					})
						.then(this.store.importAll(articles, author.id(), author.email()))
						.flatMap(changed -> this.audit
							.auditAdminChange(author.id(), "ARTICLE_IMPORT", "ARTICLE",
									"articles=" + articles.size() + " changed=" + changed)
							.thenReturn(changed))
						.flatMap(changed -> this.sync.reload()
							.thenReturn(Map.<String, Object>of("imported", articles.size(), "changed", changed)));
				}))
			.onErrorMap(org.springframework.core.io.buffer.DataBufferLimitException.class,
					ex -> new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "The upload is too large."));
	}

	/**
	 * Ranked articles and the exact replies for a question; with a version given, that
	 * version answers in place of the article's published one.
	 */
	@PostMapping("/try")
	Mono<ReplyPreview.Tried> tryIt(Authentication auth, @RequestBody TryRequest request) {
		if (request.question() == null || request.question().isBlank()) {
			return Mono.error(new BadRequestException("question", "Give a question to try."));
		}
		String language = request.language() == null || request.language().isBlank() ? "en" : request.language();
		Mono<KnowledgeBase> knowledge = request.version() == null ? Mono.empty()
				: findVersion(request.scope(), request.id(), request.version()).flatMap(v -> this.store.published()
					.collectList()
					.map(published -> withArticle(published, v.article()))
					.flatMap(ArticleController::buildable));
		return require(auth, READERS).then(knowledge.map(Optional::of).defaultIfEmpty(Optional.empty()))
			.publishOn(Schedulers.boundedElastic())
			.map(kb -> this.preview.ask(this.search, kb.orElse(null), request.question(), language));
	}

	/** Articles due for review soon or already overdue, and those without a source. */
	@GetMapping("/review")
	Mono<List<ReviewItem>> review(Authentication auth) {
		LocalDate horizon = today().plusDays(this.settings.reviewWindowDays());
		return require(auth, READERS)
			.then(this.store.list().filter(s -> s.status() != ArticleStatus.RETIRED).flatMapIterable(s -> {
				List<ReviewItem> items = new ArrayList<>();
				if (s.reviewBy() != null && !s.reviewBy().isAfter(horizon)) {
					items.add(new ReviewItem(s.scope(), s.id(), s.title(), s.reviewBy(),
							s.reviewBy().isBefore(today()) ? "overdue" : "due soon"));
				}
				if (s.source() == null || s.source().isBlank()) {
					items.add(new ReviewItem(s.scope(), s.id(), s.title(), s.reviewBy(), "no source"));
				}
				return items;
			}).sort((a, b) -> a.reviewBy().compareTo(b.reviewBy())).collectList());
	}

	private Mono<Saved> withdraw(Authentication auth, String scope, String id, ArticleStatus status) {
		return require(auth, WRITERS).flatMap(author -> existing(scope, id).flatMap(summary -> this.store.published()
			.filter(a -> !(a.scope().equals(scope) && a.id().equals(id)))
			.collectList()
			.flatMap(ArticleController::buildable)
			.then(this.store.setStatus(scope, id, status))
			.then(audit(author, status == ArticleStatus.RETIRED ? "ARTICLE_RETIRE" : "ARTICLE_UNPUBLISH", scope, id,
					summary.currentVersion()))
			.then(this.sync.reload())
			.thenReturn(new Saved(scope, id, summary.currentVersion(), status.name()))));
	}

	/** Refuses a publish that would leave the knowledge base unloadable. */
	private Mono<Void> checkPublishable(Article article, boolean publish) {
		return this.store.published()
			.collectList()
			.map(published -> withArticle(published, article))
			.flatMap(ArticleController::buildable)
			.then();
	}

	private static List<Article> withArticle(List<Article> published, Article article) {
		List<Article> combined = new ArrayList<>(published.stream()
			.filter(p -> !(p.scope().equals(article.scope()) && p.id().equals(article.id())))
			.toList());
		combined.add(article);
		return combined;
	}

	private static Mono<KnowledgeBase> buildable(List<Article> articles) {
		try {
			return Mono.just(KnowledgeSync.build(articles));
		}
		catch (KnowledgeLoadException ex) {
			return Mono.error(new BadRequestException(null, String.join("; ", ex.problems())));
		}
	}

	private Mono<ArticleStore.Summary> existing(String scope, String id) {
		return this.store.summary(scope, id)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such article.")));
	}

	private Mono<ArticleStore.Version> findVersion(String scope, String id, int version) {
		if (scope == null || id == null) {
			return Mono.error(new BadRequestException("id", "Give the article's scope and id with the version."));
		}
		return this.store.version(scope, id, version)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such version.")));
	}

	record Author(Long id, String email) {
	}

	/**
	 * Every change is in the audit log: who, what and which version, never the content.
	 */
	private Mono<Void> audit(Author author, String action, String scope, String id, int version) {
		return this.audit.auditAdminChange(author.id(), action, "ARTICLE", scope + "/" + id + "/" + version);
	}

	/** The signed-in worker, if their role is allowed; 403 otherwise. */
	private Mono<Author> require(Authentication auth, Set<String> roles) {
		if (auth == null) {
			return Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in first."));
		}
		boolean allowed = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(roles::contains);
		if (!allowed) {
			return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "Your role may not do this."));
		}
		return this.db.sql("select id from worker where email = :email")
			.bind("email", auth.getName())
			.map(row -> ((Number) row.get("id")).longValue())
			.one()
			.map(id -> new Author(id, auth.getName()))
			.defaultIfEmpty(new Author(null, auth.getName()));
	}

	private static ArticleRequest withKey(ArticleRequest r, String scope, String id) {
		return new ArticleRequest(scope, id, r.title(), r.topics(), r.keywords(), r.summary(), r.source(),
				r.lastReviewed(), r.reviewBy(), r.audience(), r.language(), r.supersedes(), r.body(), r.changeNote());
	}

	private static String note(ArticleRequest request, String fallback) {
		String note = request.changeNote();
		if (note == null || note.isBlank()) {
			return fallback;
		}
		return note.strip().length() > 500 ? note.strip().substring(0, 500) : note.strip();
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
