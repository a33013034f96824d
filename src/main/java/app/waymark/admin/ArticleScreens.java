package app.waymark.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import app.waymark.knowledge.Article;
import app.waymark.knowledge.KnowledgeSettings;
import app.waymark.knowledge.LanguageAnalyzers;
import app.waymark.system.BadRequestException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The article screens: list, edit with preview, publish, versions with a diff and
 * restore, and translations. Every action goes through {@link ArticleController}, the
 * API's own methods, so the role checks, validation and audit are the API's: admins
 * change, managers read.
 */
@Controller
@RequestMapping("/admin/articles")
class ArticleScreens {

	private final ArticleController articles;

	private final ArticleStore store;

	private final TranslationStore translations;

	private final KnowledgeSettings knowledgeSettings;

	private final Clock clock;

	ArticleScreens(ArticleController articles, ArticleStore store, TranslationStore translations,
			KnowledgeSettings knowledgeSettings, Clock clock) {
		this.articles = articles;
		this.store = store;
		this.translations = translations;
		this.knowledgeSettings = knowledgeSettings;
		this.clock = clock;
	}

	@GetMapping
	Mono<Rendering> list(Authentication auth, @RequestParam(required = false) String q,
			@RequestParam(required = false) String status) {
		String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
		ArticleStatus wanted = status(status);
		LocalDate today = today();
		return this.articles.list(auth)
			.map(all -> all.stream()
				.filter(s -> wanted == null || s.status() == wanted)
				.filter(s -> needle.isEmpty() || s.title().toLowerCase(Locale.ROOT).contains(needle)
						|| s.id().contains(needle))
				.sorted(Comparator.comparing(ArticleStore.Summary::title, String.CASE_INSENSITIVE_ORDER))
				.map(s -> row(s, today))
				.toList())
			.map(rows -> Rendering.view("admin/articles")
				.modelAttribute("rows", rows)
				.modelAttribute("q", q == null ? "" : q)
				.modelAttribute("status", wanted == null ? "" : wanted.name())
				.modelAttribute("statuses", Arrays.stream(ArticleStatus.values()).map(Enum::name).toList())
				.build());
	}

	static AdminViews.ArticleRow row(ArticleStore.Summary s, LocalDate today) {
		return new AdminViews.ArticleRow(s.scope(), s.id(), s.title(), s.status().name(), label(s.status()),
				s.currentVersion(), s.publishedVersion(), AdminDates.day(s.reviewBy()),
				AdminDates.fromToday(s.reviewBy(), today), s.reviewBy() != null && s.reviewBy().isBefore(today),
				s.publishedVersion() != null && s.publishedVersion() != s.currentVersion());
	}

	static String label(ArticleStatus status) {
		return switch (status) {
			case DRAFT -> "Draft";
			case PUBLISHED -> "Published";
			case UNPUBLISHED -> "Unpublished";
			case RETIRED -> "Retired";
		};
	}

	private static ArticleStatus status(String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return ArticleStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("status", "Choose a status from the list.");
		}
	}

	/**
	 * A new article's form; from an unanswered question, its words start the keywords.
	 */
	@GetMapping("/new")
	Mono<Rendering> newForm(Authentication auth, @RequestParam(required = false) String wording) {
		Map<String, String> start = new HashMap<>();
		start.put("scope", this.knowledgeSettings.localFolder());
		start.put("reviewBy", today().plusMonths(6).toString());
		if (wording != null && !wording.isBlank()) {
			start.put("keywords",
					String.join(", ",
							Arrays.stream(wording.strip().split(" "))
								.filter(w -> !w.startsWith("[") && !w.isBlank())
								.toList()));
			start.put("changeNote", "From unanswered questions: " + wording.strip());
		}
		return this.articles.list(auth)
			.thenReturn(form(AdminViews.ArticleForm.of(start), true, Map.of(), null, HttpStatus.OK));
	}

	@PostMapping("/new")
	Mono<Rendering> create(Authentication auth, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(data -> {
			Map<String, String> fields = fields(data);
			AdminViews.ArticleForm typed = AdminViews.ArticleForm.of(fields);
			if ("preview".equals(fields.get("action"))) {
				return preview(auth, typed, true);
			}
			return request(typed).flatMap(request -> this.articles.create(auth, request))
				.map(saved -> redirect("/admin/articles/" + saved.scope() + "/" + saved.id() + "?saved=created"))
				.onErrorResume(BadRequestException.class, ex -> Mono.just(refused(typed, true, ex)));
		});
	}

	@GetMapping("/{scope}/{id}")
	Mono<Rendering> detail(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@RequestParam(required = false) String saved) {
		LocalDate today = today();
		return this.articles.get(auth, scope, id).map(detail -> {
			ArticleStore.Summary s = detail.article();
			List<AdminViews.VersionRow> versions = detail.versions()
				.stream()
				.map(v -> new AdminViews.VersionRow(v.version(), v.author(),
						AdminDates.moment(java.time.OffsetDateTime.parse(v.createdAt()), today), v.changeNote(),
						s.publishedVersion() != null && v.version() == s.publishedVersion(),
						v.version() == s.currentVersion()))
				.toList();
			return Rendering.view("admin/article")
				.modelAttribute("article", row(s, today))
				.modelAttribute("current", detail.current())
				.modelAttribute("versions", versions)
				.modelAttribute("translations",
						detail.translations()
							.stream()
							.map(t -> new AdminViews.TranslationRow(scope, id, t.language(), languageName(t.language()),
									t.title(), t.currentVersion(), stage(t),
									t.reviewedVersion() != null && t.reviewedVersion() == t.currentVersion(), null,
									null, t.answering(), null))
							.toList())
				.modelAttribute("languages", languages())
				.modelAttribute("saved", saved == null ? "" : saved)
				.build();
		});
	}

	@GetMapping("/{scope}/{id}/edit")
	Mono<Rendering> editForm(Authentication auth, @PathVariable String scope, @PathVariable String id) {
		return this.articles.get(auth, scope, id).map(detail -> {
			Article a = detail.current();
			AdminViews.ArticleForm typed = new AdminViews.ArticleForm(a.scope(), a.id(), a.title(),
					String.join(", ", a.topics()), String.join(", ", a.keywords()), a.summary(), a.source(),
					a.lastReviewed() == null ? "" : today().toString(),
					a.reviewBy() == null ? "" : a.reviewBy().toString(), a.audience(), a.language(),
					String.join(", ", a.supersedes()), a.body(), "");
			return form(typed, false, Map.of(), null, HttpStatus.OK);
		});
	}

	@PostMapping("/{scope}/{id}/edit")
	Mono<Rendering> edit(Authentication auth, @PathVariable String scope, @PathVariable String id,
			ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(data -> {
			Map<String, String> fields = fields(data);
			fields.put("scope", scope);
			fields.put("id", id);
			AdminViews.ArticleForm typed = AdminViews.ArticleForm.of(fields);
			if ("preview".equals(fields.get("action"))) {
				return preview(auth, typed, false);
			}
			boolean publish = "publish".equals(fields.get("action"));
			return request(typed).flatMap(request -> this.articles.edit(auth, scope, id, request))
				.flatMap(saved -> publish
						? this.articles.publish(auth, scope, id, saved.version()).thenReturn("published")
						: Mono.just("saved"))
				.map(done -> redirect("/admin/articles/" + scope + "/" + id + "?saved=" + done))
				.onErrorResume(BadRequestException.class, ex -> Mono.just(refused(typed, false, ex)));
		});
	}

	private Mono<Rendering> preview(Authentication auth, AdminViews.ArticleForm typed, boolean creating) {
		return request(typed).flatMap(request -> this.articles.preview(auth, request, "en"))
			.map(rendered -> form(typed, creating, Map.of(),
					new AdminViews.Preview(rendered.sms().stream().map(ReplyPreview.SmsPart::text).toList(),
							rendered.smsSegments(), rendered.rich()),
					HttpStatus.OK))
			.onErrorResume(BadRequestException.class, ex -> Mono.just(refused(typed, creating, ex)));
	}

	private Rendering refused(AdminViews.ArticleForm typed, boolean creating, BadRequestException ex) {
		return form(typed, creating, Map.of(ex.field() == null ? "form" : ex.field(), ex.getMessage()), null,
				HttpStatus.BAD_REQUEST);
	}

	private Rendering form(AdminViews.ArticleForm typed, boolean creating, Map<String, String> errors,
			AdminViews.Preview preview, HttpStatus status) {
		return Rendering.view("admin/article-form")
			.status(status)
			.modelAttribute("form", typed)
			.modelAttribute("creating", creating)
			.modelAttribute("errors", errors)
			.modelAttribute("preview", preview)
			.build();
	}

	@PostMapping("/{scope}/{id}/publish")
	Mono<Rendering> publish(Authentication auth, @PathVariable String scope, @PathVariable String id) {
		return this.articles.publish(auth, scope, id, null).thenReturn(detailRedirect(scope, id, "published"));
	}

	@PostMapping("/{scope}/{id}/unpublish")
	Mono<Rendering> unpublish(Authentication auth, @PathVariable String scope, @PathVariable String id) {
		return this.articles.unpublish(auth, scope, id).thenReturn(detailRedirect(scope, id, "unpublished"));
	}

	@PostMapping("/{scope}/{id}/retire")
	Mono<Rendering> retire(Authentication auth, @PathVariable String scope, @PathVariable String id) {
		return this.articles.retire(auth, scope, id).thenReturn(detailRedirect(scope, id, "retired"));
	}

	@PostMapping("/{scope}/{id}/versions/{version}/restore")
	Mono<Rendering> restore(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@PathVariable int version) {
		return this.articles.restore(auth, scope, id, version).thenReturn(detailRedirect(scope, id, "restored"));
	}

	/** Two versions side by side as one list of lines, older first. */
	@GetMapping("/{scope}/{id}/diff")
	Mono<Rendering> diff(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@RequestParam int from, @RequestParam int to) {
		int older = Math.min(from, to);
		int newer = Math.max(from, to);
		return this.articles.version(auth, scope, id, older)
			.zipWith(this.articles.version(auth, scope, id, newer))
			.map(both -> {
				Article a = both.getT1().article();
				Article b = both.getT2().article();
				List<Map<String, Object>> fields = List.of(field("Title", a.title(), b.title()),
						field("Summary (the SMS answer)", a.summary(), b.summary()),
						field("Topics", String.join(", ", a.topics()), String.join(", ", b.topics())),
						field("Keywords", String.join(", ", a.keywords()), String.join(", ", b.keywords())),
						field("Source", a.source(), b.source()),
						field("Review by", AdminDates.day(a.reviewBy()), AdminDates.day(b.reviewBy())),
						field("Audience", a.audience(), b.audience()), field("Text", a.body(), b.body()));
				return Rendering.view("admin/diff")
					.modelAttribute("scope", scope)
					.modelAttribute("id", id)
					.modelAttribute("title", b.title())
					.modelAttribute("older", both.getT1())
					.modelAttribute("newer", both.getT2())
					.modelAttribute("fields", fields)
					.build();
			});
	}

	private static Map<String, Object> field(String name, String before, String after) {
		List<TextDiff.Line> lines = TextDiff.lines(before == null ? "" : before, after == null ? "" : after);
		return Map.of("name", name, "lines", lines, "same", TextDiff.same(lines));
	}

	@GetMapping("/{scope}/{id}/translations/{language}")
	Mono<Rendering> translationForm(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@PathVariable String language) {
		String lang = language(language);
		return this.articles.get(auth, scope, id)
			.flatMap(detail -> this.translations.current(scope, id, lang)
				.map(words -> Map.of("title", words.title(), "keywords", String.join(", ", words.keywords()), "summary",
						words.summary(), "body", words.body()))
				.defaultIfEmpty(Map.of())
				.zipWith(this.translations.summary(scope, id, lang)
					.map(java.util.Optional::of)
					.defaultIfEmpty(java.util.Optional.empty()))
				.map(both -> translationPage(detail.current(), lang, both.getT1(), both.getT2().orElse(null), Map.of(),
						HttpStatus.OK)));
	}

	@PostMapping("/{scope}/{id}/translations/{language}")
	Mono<Rendering> saveTranslation(Authentication auth, @PathVariable String scope, @PathVariable String id,
			@PathVariable String language, ServerWebExchange exchange) {
		String lang = language(language);
		return exchange.getFormData().flatMap(data -> {
			Map<String, String> fields = fields(data);
			String action = fields.getOrDefault("action", "save");
			Mono<?> done = switch (action) {
				case "review" -> this.articles.reviewTranslation(auth, scope, id, lang);
				case "publish" -> this.articles.publishTranslation(auth, scope, id, lang);
				default -> this.articles.saveTranslation(auth, scope, id, lang,
						new TranslationRequest(fields.get("title"), list(fields.get("keywords")), fields.get("summary"),
								fields.get("body"), fields.get("changeNote")));
			};
			return done
				.thenReturn(
						redirect("/admin/articles/" + scope + "/" + id + "/translations/" + lang + "?saved=" + action))
				.onErrorResume(BadRequestException.class, ex -> this.articles.get(auth, scope, id)
					.zipWith(this.translations.summary(scope, id, lang)
						.map(java.util.Optional::of)
						.defaultIfEmpty(java.util.Optional.empty()))
					.map(both -> translationPage(both.getT1().current(), lang, fields, both.getT2().orElse(null),
							Map.of(ex.field() == null ? "form" : ex.field(), ex.getMessage()),
							HttpStatus.BAD_REQUEST)));
		});
	}

	private Rendering translationPage(Article english, String lang, Map<String, String> words,
			TranslationStore.Summary summary, Map<String, String> errors, HttpStatus status) {
		return Rendering.view("admin/translation")
			.status(status)
			.modelAttribute("english", english)
			.modelAttribute("language", lang)
			.modelAttribute("languageName", languageName(lang))
			.modelAttribute("words", words)
			.modelAttribute("summary", summary == null ? null
					: new AdminViews.TranslationRow(english.scope(), english.id(), lang, languageName(lang),
							summary.title(), summary.currentVersion(), stage(summary),
							summary.reviewedVersion() != null && summary.reviewedVersion() == summary.currentVersion(),
							null, null, summary.answering(), null))
			.modelAttribute("errors", errors)
			.build();
	}

	static String stage(TranslationStore.Summary t) {
		boolean reviewed = t.reviewedVersion() != null && t.reviewedVersion() == t.currentVersion();
		if (t.answering() && reviewed) {
			return "Published and reviewed: young people get it";
		}
		if (reviewed) {
			return "Reviewed, not yet published";
		}
		return "Draft: needs review by a fluent speaker";
	}

	static String languageName(String code) {
		String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.UK);
		return name.isBlank() || name.equals(code) ? code : name + " (" + code + ")";
	}

	static List<AdminViews.Choice> languages() {
		return new TreeSet<>(LanguageAnalyzers.TRANSLATION_LANGUAGES).stream()
			.map(code -> new AdminViews.Choice(code, languageName(code)))
			.toList();
	}

	private static String language(String language) {
		String lang = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
		if (!LanguageAnalyzers.supported(lang)) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Translations are for one of "
					+ new TreeSet<>(LanguageAnalyzers.TRANSLATION_LANGUAGES) + "; English is the article.");
		}
		return lang;
	}

	/**
	 * The typed fields as the API's request; a date that is not one is the form's fault.
	 */
	private static Mono<ArticleRequest> request(AdminViews.ArticleForm f) {
		try {
			return Mono.just(new ArticleRequest(f.scope(), f.id(), f.title(), list(f.topics()), list(f.keywords()),
					f.summary(), f.source(), date("lastReviewed", f.lastReviewed()), date("reviewBy", f.reviewBy()),
					f.audience(), f.language(), list(f.supersedes()), f.body(), f.changeNote()));
		}
		catch (BadRequestException ex) {
			return Mono.error(ex);
		}
	}

	private static LocalDate date(String field, String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException ex) {
			throw new BadRequestException(field, "Give the date as YYYY-MM-DD, for example 2027-03-31.");
		}
	}

	static List<String> list(String value) {
		return value == null ? List.of()
				: Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
	}

	static Map<String, String> fields(MultiValueMap<String, String> data) {
		Map<String, String> fields = new HashMap<>();
		data.forEach((name, values) -> fields.put(name, values.isEmpty() ? "" : values.get(0)));
		return fields;
	}

	static Rendering redirect(String to) {
		return Rendering.redirectTo(to).build();
	}

	private static Rendering detailRedirect(String scope, String id, String saved) {
		return redirect("/admin/articles/" + scope + "/" + id + "?saved=" + saved);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

}
