package app.waymark.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import app.waymark.system.BadRequestException;
import app.waymark.system.Uploads;
import app.waymark.knowledge.KnowledgeLoadException;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

/**
 * The admin dashboard and the screens over what young people ask: review queue,
 * unanswered questions, usage, translations awaiting review, import and export. Like
 * {@link ArticleScreens}, every read and change goes through the API controllers' own
 * methods and their role checks.
 */
@Controller
@RequestMapping("/admin")
class AdminScreens {

	/** Where an upload's outcome waits for the page the browser is sent to next. */
	static final String IMPORT_RESULT = "admin.import.result";

	private final ArticleController articles;

	private final InsightController insight;

	private final TranslationStore translations;

	private final Clock clock;

	AdminScreens(ArticleController articles, InsightController insight, TranslationStore translations, Clock clock) {
		this.articles = articles;
		this.insight = insight;
		this.translations = translations;
		this.clock = clock;
	}

	@GetMapping({ "", "/" })
	Mono<Rendering> dashboard(Authentication auth) {
		OffsetDateTime weekAgo = OffsetDateTime.now(this.clock).minusDays(7);
		return this.articles.review(auth)
			.zipWith(this.insight.unanswered(auth))
			.zipWith(this.translations.all().collectList())
			.zipWith(this.articles.list(auth))
			.zipWith(this.insight.unansweredSince(auth, weekAgo))
			.map(withWeek -> {
				var all = withWeek.getT1();
				var review = all.getT1().getT1().getT1();
				var unanswered = all.getT1().getT1().getT2();
				var translated = all.getT1().getT2();
				return Rendering.view("admin/dashboard")
					.modelAttribute("due",
							review.stream()
								.filter(r -> !"no source".equals(r.reason()))
								.map(r -> r.scope() + "/" + r.id())
								.distinct()
								.count())
					.modelAttribute("overdue", review.stream().filter(r -> "overdue".equals(r.reason())).count())
					.modelAttribute("unansweredWeek", withWeek.getT2())
					.modelAttribute("unansweredGroups", unanswered.size())
					.modelAttribute("awaitingReview", translated.stream()
						.filter(t -> t.summary().translationStatus() != TranslationStore.TranslationStatus.REVIEWED)
						.count())
					.modelAttribute("articleCount", all.getT2().size())
					.build();
			});
	}

	@GetMapping("/review")
	Mono<Rendering> review(Authentication auth) {
		LocalDate today = LocalDate.now(this.clock);
		return this.articles.review(auth)
			.map(items -> Rendering.view("admin/review")
				.modelAttribute("rows", items.stream()
					.map(i -> new AdminViews.ReviewRow(i.scope(), i.id(), i.title(), AdminDates.day(i.reviewBy()),
							AdminDates.fromToday(i.reviewBy(), today), i.reason()))
					.toList())
				.build());
	}

	@GetMapping("/unanswered")
	Mono<Rendering> unanswered(Authentication auth, @RequestParam(required = false) String done) {
		LocalDate today = LocalDate.now(this.clock);
		return this.insight.unanswered(auth)
			.zipWith(this.articles.list(auth))
			.map(both -> Rendering.view("admin/unanswered")
				.modelAttribute("groups",
						both.getT1()
							.stream()
							.map(g -> new AdminViews.GroupRow(g.wording(), g.example(), g.count(),
									AdminDates.moment(g.lastSeen(), today)))
							.toList())
				.modelAttribute("articles", both.getT2()
					.stream()
					.filter(s -> s.status() != ArticleStatus.RETIRED)
					.sorted(java.util.Comparator.comparing(ArticleStore.Summary::title, String.CASE_INSENSITIVE_ORDER))
					.map(s -> new AdminViews.Choice(s.scope() + "/" + s.id(), s.title()))
					.toList())
				.modelAttribute("done", done == null ? "" : done)
				.build());
	}

	@PostMapping("/unanswered/handled")
	Mono<Rendering> handled(Authentication auth, ServerWebExchange exchange) {
		return exchange.getFormData()
			.flatMap(data -> this.insight.handled(auth,
					new InsightController.WordingRequest(data.getFirst("wording"), null, null)))
			.thenReturn(ArticleScreens.redirect("/admin/unanswered?done=handled"));
	}

	@PostMapping("/unanswered/keywords")
	Mono<Rendering> keywords(Authentication auth, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(data -> {
			String article = data.getFirst("article");
			if (article == null || !article.contains("/")) {
				return Mono.error(new BadRequestException("article", "Choose the article to add the words to."));
			}
			String[] key = article.split("/", 2);
			return this.insight
				.keywords(auth, new InsightController.WordingRequest(data.getFirst("wording"), key[0], key[1]))
				.thenReturn(ArticleScreens.redirect("/admin/articles/" + key[0] + "/" + key[1] + "?saved=keywords"));
		});
	}

	@GetMapping("/usage")
	Mono<Rendering> usage(Authentication auth, @RequestParam(defaultValue = "8") int weeks) {
		LocalDate today = LocalDate.now(this.clock.withZone(AdminDates.LONDON));
		return this.insight.asked(auth, weeks)
			.map(asked -> UsageFigures.of(asked, weeks, today, AdminDates.LONDON, this.insight::topicOf))
			.map(figures -> Rendering.view("admin/usage")
				.modelAttribute("figures", figures)
				.modelAttribute("weeks", weeks)
				.modelAttribute("height", UsageFigures.HEIGHT)
				.build());
	}

	@GetMapping("/translations")
	Mono<Rendering> translations(Authentication auth) {
		LocalDate today = LocalDate.now(this.clock);
		return this.articles.list(auth).flatMap(articles -> this.translations.all().collectList().map(all -> {
			Map<String, String> titles = new java.util.HashMap<>();
			articles.forEach(a -> titles.put(a.scope() + "/" + a.id(), a.title()));
			List<AdminViews.TranslationRow> rows = all.stream()
				.map(t -> new AdminViews.TranslationRow(t.scope(), t.id(), t.summary().language(),
						ArticleScreens.languageName(t.summary().language()),
						titles.getOrDefault(t.scope() + "/" + t.id(), t.id()), t.summary().currentVersion(),
						ArticleScreens.stage(t.summary()),
						t.summary().translationStatus() == TranslationStore.TranslationStatus.REVIEWED, t.reviewedBy(),
						t.reviewedAt() == null ? null : AdminDates.moment(t.reviewedAt(), today),
						t.summary().answering(), AdminDates.moment(t.updatedAt(), today)))
				.sorted(java.util.Comparator.comparing(AdminViews.TranslationRow::reviewed)
					.thenComparing(AdminViews.TranslationRow::title))
				.toList();
			return Rendering.view("admin/translations")
				.modelAttribute("rows", rows)
				.modelAttribute("articles", articles.stream()
					.filter(a -> a.status() != ArticleStatus.RETIRED)
					.sorted(java.util.Comparator.comparing(ArticleStore.Summary::title, String.CASE_INSENSITIVE_ORDER))
					.map(a -> new AdminViews.Choice(a.scope() + "/" + a.id(), a.title()))
					.toList())
				.modelAttribute("languages", ArticleScreens.languages())
				.build();
		}));
	}

	/** Opens the translation form the admin picked from the two lists. */
	@GetMapping("/translations/open")
	Mono<Rendering> openTranslation(Authentication auth, @RequestParam String article, @RequestParam String language) {
		if (!article.contains("/")) {
			return Mono.error(new BadRequestException("article", "Choose an article."));
		}
		return this.articles.list(auth)
			.thenReturn(ArticleScreens.redirect("/admin/articles/" + article + "/translations/" + language));
	}

	/**
	 * Ask a question as a young person would and see the ranked articles and the exact
	 * replies, without anyone receiving them.
	 */
	@GetMapping("/try")
	Mono<Rendering> tryIt(Authentication auth, @RequestParam(required = false) String question,
			@RequestParam(defaultValue = "en") String language) {
		if (question == null || question.isBlank()) {
			return this.articles.list(auth)
				.thenReturn(Rendering.view("admin/try")
					.modelAttribute("question", "")
					.modelAttribute("language", language)
					.build());
		}
		return this.articles.tryIt(auth, new TryRequest(question, language, null, null, null))
			.map(tried -> Rendering.view("admin/try")
				.modelAttribute("question", question)
				.modelAttribute("language", language)
				.modelAttribute("tried", tried)
				.modelAttribute("ranked", tried.ranked()
					.stream()
					.map(r -> new AdminViews.Choice(r.scope() + "/" + r.id(),
							r.title() + " (score " + String.format(java.util.Locale.UK, "%.2f", r.score()) + ")"))
					.toList())
				.modelAttribute("reply",
						new AdminViews.Preview(
								tried.reply() == null ? List.of()
										: tried.reply().sms().stream().map(ReplyPreview.SmsPart::text).toList(),
								tried.reply() == null ? 0 : tried.reply().smsSegments(),
								tried.reply() == null ? "" : tried.reply().rich()))
				.build());
	}

	@GetMapping("/import-export")
	Mono<Rendering> importExport(Authentication auth, ServerWebExchange exchange) {
		return this.articles.list(auth)
			.zipWith(exchange.getSession())
			.map(both -> Rendering.view("admin/import-export")
				.modelAttribute("published",
						both.getT1().stream().filter(s -> s.status() == ArticleStatus.PUBLISHED).count())
				.modelAttribute("result", both.getT2().getAttributes().getOrDefault(IMPORT_RESULT, Map.of()))
				.build());
	}

	@GetMapping("/export.zip")
	Mono<ResponseEntity<byte[]>> export(Authentication auth) {
		return this.articles.export(auth);
	}

	/**
	 * The zip as the request body (sent by the page's script, the CSRF token in a header)
	 * or as the {@code file} part of the form posted without JavaScript; the outcome
	 * waits in the session for the page the browser is sent to next.
	 */
	@PostMapping("/import")
	Mono<ResponseEntity<Void>> importZip(Authentication auth, ServerWebExchange exchange) {
		return this.articles.importZip(auth, Uploads.content(exchange, "file"))
			.map(done -> Map.<String, Object>of("imported", done.get("imported"), "changed", done.get("changed")))
			.onErrorResume(BadRequestException.class,
					ex -> Mono.just(Map.<String, Object>of("problems", List.of(ex.getMessage().split("; ")))))
			.onErrorResume(KnowledgeLoadException.class,
					ex -> Mono.just(Map.<String, Object>of("problems", ex.problems())))
			.flatMap(result -> exchange.getSession().doOnNext(s -> s.getAttributes().put(IMPORT_RESULT, result)))
			.thenReturn(ResponseEntity.status(303).header("Location", "/admin/import-export#result").<Void>build());
	}

}
