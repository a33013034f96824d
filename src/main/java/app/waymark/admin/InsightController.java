package app.waymark.admin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import app.waymark.knowledge.Article;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.people.CaseloadAccess;
import app.waymark.people.Role;
import app.waymark.system.BadRequestException;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * What young people ask that the bot could not answer, and how much it is used. Only
 * redacted text and counts leave here.
 */
@RestController
@RequestMapping("/api/v1/admin")
class InsightController {

	private final Unanswered unanswered;

	private final ArticleStore store;

	private final KnowledgeSearch search;

	private final DatabaseClient db;

	private final Clock clock;

	private final CaseloadAccess access;

	InsightController(Unanswered unanswered, ArticleStore store, @Lazy KnowledgeSearch search, DatabaseClient db,
			Clock clock, CaseloadAccess access) {
		this.access = access;
		this.unanswered = unanswered;
		this.store = store;
		this.search = search;
		this.db = db;
		this.clock = clock;
	}

	record WordingRequest(String wording, String scope, String id) {
	}

	record Usage(Map<String, Map<String, Integer>> questionsPerTopicPerWeek, int questions, double confidentRate,
			Map<Integer, Integer> questionsPerHour, List<Integer> busiestHours) {
	}

	/**
	 * An admin sees every question; a manager only those of their own team's young people
	 * (not strangers', nor other teams').
	 */
	@GetMapping("/unanswered")
	Mono<List<Unanswered.Group>> unanswered(Authentication auth) {
		return require(auth, "ROLE_ADMIN", "ROLE_MANAGER").then(this.access.caller(auth))
			.flatMap(caller -> caller.role() == Role.ADMIN ? this.unanswered.groups()
					: this.unanswered.groupsForTeam(caller.team()));
	}

	/**
	 * How many questions went unanswered since then, as {@link #unanswered} counts them.
	 */
	Mono<Integer> unansweredSince(Authentication auth, OffsetDateTime since) {
		return require(auth, "ROLE_ADMIN", "ROLE_MANAGER").then(this.access.caller(auth))
			.flatMap(caller -> this.unanswered.countSince(since, caller.team(), caller.role() == Role.ADMIN));
	}

	@PostMapping("/unanswered/handled")
	Mono<Map<String, String>> handled(Authentication auth, @RequestBody WordingRequest request) {
		String wording = wording(request);
		return require(auth, "ROLE_ADMIN").then(this.unanswered.markHandled(wording, auth.getName()))
			.thenReturn(Map.of("wording", wording, "status", "HANDLED"));
	}

	/** Adds the wording's words to an article's keywords, as a new draft version. */
	@PostMapping("/unanswered/keywords")
	Mono<Map<String, Object>> keywords(Authentication auth, @RequestBody WordingRequest request) {
		String wording = wording(request);
		if (request.scope() == null || request.id() == null) {
			return Mono.error(new BadRequestException("id", "Name the article (scope and id) to add the words to."));
		}
		return require(auth, "ROLE_ADMIN").then(this.store.summary(request.scope(), request.id()))
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such article.")))
			.flatMap(summary -> this.store.version(request.scope(), request.id(), summary.currentVersion()))
			.flatMap(current -> {
				Article a = current.article();
				Set<String> keywords = new LinkedHashSet<>(a.keywords());
				for (String word : wording.split(" ")) {
					if (!word.startsWith("[")) {
						keywords.add(word);
					}
				}
				Article edited = new Article(a.id(), a.title(), a.topics(), List.copyOf(keywords), a.summary(),
						a.source(), a.lastReviewed(), a.reviewBy(), a.audience(), a.language(), a.supersedes(),
						a.body(), a.scope());
				return this.store.edit(edited, null, auth.getName(), "Keywords from unanswered: " + wording);
			})
			.map(version -> Map.<String, Object>of("scope", request.scope(), "id", request.id(), "version", version,
					"status", "DRAFT"));
	}

	/**
	 * Questions per topic per ISO week, the confident-answer rate and busiest hours
	 * (UTC).
	 */
	@GetMapping("/usage")
	Mono<Usage> usage(Authentication auth, @RequestParam(defaultValue = "12") int weeks) {
		if (weeks < 1 || weeks > 104) {
			throw new BadRequestException("weeks", "Give between 1 and 104 weeks.");
		}
		OffsetDateTime since = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC).minusWeeks(weeks);
		return require(auth, "ROLE_ADMIN", "ROLE_MANAGER").then(this.db
			.sql("select article_id, confident, created_at from message where direction = 'IN' "
					+ "and confident is not null and created_at >= :since")
			.bind("since", since)
			.map(row -> new Object[] { row.get("article_id", String.class), row.get("confident", Boolean.class),
					row.get("created_at", OffsetDateTime.class) })
			.all()
			.collectList()
			.map(this::usage));
	}

	/**
	 * The questions of the last {@code weeks} weeks (and a day, so a week starting in
	 * London before midnight UTC is whole) for the usage screen, with the same role check
	 * as {@link #usage}.
	 */
	Mono<List<UsageFigures.Asked>> asked(Authentication auth, int weeks) {
		if (weeks < 1 || weeks > 104) {
			return Mono.error(new BadRequestException("weeks", "Give between 1 and 104 weeks."));
		}
		OffsetDateTime since = OffsetDateTime.now(this.clock)
			.withOffsetSameInstant(ZoneOffset.UTC)
			.minusWeeks(weeks)
			.minusDays(8);
		return require(auth, "ROLE_ADMIN", "ROLE_MANAGER").then(this.db
			.sql("select article_id, confident, created_at from message where direction = 'IN' "
					+ "and confident is not null and created_at >= :since")
			.bind("since", since)
			.map(row -> new UsageFigures.Asked(row.get("article_id", String.class),
					Boolean.TRUE.equals(row.get("confident", Boolean.class)),
					row.get("created_at", OffsetDateTime.class)))
			.all()
			.collectList());
	}

	/** An article's first topic, as the usage figures group questions. */
	String topicOf(String articleId) {
		return this.search.knowledge()
			.find(articleId)
			.flatMap(article -> article.topics().stream().findFirst())
			.orElse("(other)");
	}

	private Usage usage(List<Object[]> rows) {
		Map<String, Map<String, Integer>> perTopic = new TreeMap<>();
		Map<Integer, Integer> perHour = new TreeMap<>();
		int confident = 0;
		for (Object[] row : rows) {
			OffsetDateTime at = ((OffsetDateTime) row[2]).withOffsetSameInstant(ZoneOffset.UTC);
			String week = at.get(IsoFields.WEEK_BASED_YEAR) + "-W"
					+ String.format("%02d", at.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
			String topic = row[0] == null ? "(none)"
					: this.search.knowledge()
						.find((String) row[0])
						.flatMap(article -> article.topics().stream().findFirst())
						.orElse("(other)");
			perTopic.computeIfAbsent(topic, t -> new TreeMap<>()).merge(week, 1, Integer::sum);
			perHour.merge(at.getHour(), 1, Integer::sum);
			if (Boolean.TRUE.equals(row[1])) {
				confident++;
			}
		}
		List<Integer> busiest = new ArrayList<>(perHour.keySet());
		busiest.sort((a, b) -> perHour.get(b) - perHour.get(a));
		double rate = rows.isEmpty() ? 0 : Math.round(1000.0 * confident / rows.size()) / 1000.0;
		return new Usage(perTopic, rows.size(), rate, perHour, busiest.subList(0, Math.min(3, busiest.size())));
	}

	private static String wording(WordingRequest request) {
		if (request == null || request.wording() == null || request.wording().isBlank()) {
			throw new BadRequestException("wording", "Give the wording as listed by /api/v1/admin/unanswered.");
		}
		return request.wording().strip();
	}

	private static Mono<Void> require(Authentication auth, String... roles) {
		if (auth == null || auth.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.noneMatch(Set.of(roles)::contains)) {
			return Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "Your role may not do this."));
		}
		return Mono.empty();
	}

}
