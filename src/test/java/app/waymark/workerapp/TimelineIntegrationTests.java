package app.waymark.workerapp;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The young person's timeline, private notes, canned replies and the alert cards over
 * HTTP on a real database, with a short page so paging shows.
 */
@SpringBootTest
@AutoConfigureWebTestClient
class TimelineIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	/** An ISO instant as the pages used to show them: never again. */
	static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

	static final int PAGE = 6;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		properties(registry, database);
	}

	/**
	 * The application on this database; {@link TimelinePostgresIntegrationTests} runs
	 * every case here again on PostgreSQL.
	 */
	static void properties(DynamicPropertyRegistry registry, TestDatabase on) {
		on.register(registry);
		registry.add("waymark.outbound.enabled", () -> "false");
		registry.add("waymark.workerapp.conversation-length", () -> String.valueOf(PAGE));
	}

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	@Autowired
	Sealer sealer;

	@Autowired
	PasswordEncoder encoder;

	Fixtures fx;

	static int counter;

	String ann;

	String bob;

	String manager;

	String admin;

	long annId;

	long sam;

	long bobsYp;

	@BeforeEach
	void people() {
		this.fx = new Fixtures(this.db, this.sealer);
		counter++;
		String hash = this.encoder.encode(PASSWORD);
		this.ann = "t-ann" + counter + "@example.org";
		this.bob = "t-bob" + counter + "@example.org";
		this.manager = "t-manager" + counter + "@example.org";
		this.admin = "t-admin" + counter + "@example.org";
		this.annId = this.fx.worker(this.ann, "WORKER", "North" + counter, hash);
		long bobId = this.fx.worker(this.bob, "WORKER", "South" + counter, hash);
		this.fx.worker(this.manager, "MANAGER", "North" + counter, hash);
		this.fx.worker(this.admin, "ADMIN", "Council" + counter, hash);
		this.sam = this.fx.youngPerson("S" + counter, "Sam Timeline", "North" + counter, this.annId);
		this.bobsYp = this.fx.youngPerson("BB" + counter, "Bea Elsewhere", "South" + counter, bobId);
	}

	@Test
	void timelineShowsBothSidesCheckInsAlertsAndNotesInTimeOrder() {
		OffsetDateTime now = OffsetDateTime.now();
		message(this.sam, "IN", null, null, "can I get help with rent", now.minusHours(5));
		message(this.sam, "OUT", "ANSWER", null, "Here is how the setting up home allowance works",
				now.minusHours(5).plusSeconds(2));
		message(this.sam, "IN", null, null, "I want to hurt myself tonight", now.minusHours(4));
		message(this.sam, "OUT", "CRISIS", null, "You can call Samaritans free on 116 123",
				now.minusHours(4).plusSeconds(1));
		message(this.sam, "OUT", "ALERT", this.annId, "ALERT for the worker only", now.minusHours(4).plusSeconds(3));
		long alert = alert(this.sam, "URGENT", "CRISIS", "self-harm", null, now.minusHours(4).plusSeconds(2));
		this.db.sql("insert into alert_event (alert_id, step, worker_id, at) values (:a, 'ACKNOWLEDGED', :w, :at)")
			.bind("a", alert)
			.bind("w", this.annId)
			.bind("at", now.minusHours(3))
			.then()
			.block();
		message(this.sam, "OUT", "WORKER_REPLY", this.annId, "I'm calling you now", now.minusHours(3).plusSeconds(5));
		this.fx.checkIn(this.sam, "ANSWERED", "NEED_HELP", now.minusHours(2).toInstant().toString());
		retired(this.sam, now.minusHours(1));

		send(this.ann, "/app/young-people/" + this.sam + "/notes", form("text", "Spoke to Sam, safe with a friend"))
			.expectStatus()
			.isSeeOther();
		String page = timeline(this.ann, "");
		List<String> inOrder = List.of("can I get help with rent", "setting up home allowance",
				"I want to hurt myself tonight", "Samaritans free", "Urgent alert: Self-harm", "Alert acknowledged by",
				"calling you now", "Check-in sent", "Answered: I need help", "removed after 365 days",
				"Spoke to Sam, safe with a friend");
		// the newest PAGE entries only; the rest is a link away
		String all = timeline(this.ann, older(page)) + page;
		int at = -1;
		for (String words : inOrder) {
			int next = all.indexOf(words, at + 1);
			assertThat(next).as(words + " after the one before").isGreaterThan(at);
			at = next;
		}
		assertThat(all).contains("Waymark: Crisis reply")
			.contains("Reply from Worker " + this.ann)
			.contains("Private note by Worker " + this.ann)
			.doesNotContain("ALERT for the worker only");
		assertThat(entryWith(all, "Samaritans free")).contains("marked");
		assertThat(ISO.matcher(all).find()).as("no ISO times").isFalse();
		assertThat(audits("VIEW", this.sam)).isEqualTo(2);
		assertThat(audits("ADD_NOTE", this.sam)).isEqualTo(1);
	}

	@Test
	void longHistoriesArePagedWithEveryEntryShownOnce() {
		OffsetDateTime start = OffsetDateTime.now().minusDays(3);
		int total = PAGE * 2 + 3;
		for (int i = 0; i < total; i++) {
			// four at each moment, so a page of six splits a moment
			message(this.sam, "IN", null, null, "message number " + (100 + i), start.plusMinutes(i / 4));
		}
		List<String> seen = new ArrayList<>();
		String cursor = "";
		for (int pages = 0; pages < 10; pages++) {
			String page = timeline(this.ann, cursor);
			Matcher words = Pattern.compile("message number (\\d+)").matcher(page);
			int onPage = 0;
			while (words.find()) {
				seen.add(words.group(1));
				onPage++;
			}
			assertThat(onPage).isLessThanOrEqualTo(PAGE);
			cursor = older(page);
			if (cursor == null) {
				break;
			}
		}
		assertThat(seen).hasSize(total).doesNotHaveDuplicates();
	}

	@Test
	void notesAreForWorkersWhoMaySeeThemAndNeverSent() {
		send(this.ann, "/app/young-people/" + this.sam + "/notes", form("text", "Prefers calls after 4pm"))
			.expectStatus()
			.isSeeOther();
		assertThat(timeline(this.manager, "")).contains("Prefers calls after 4pm");
		get(this.bob, "/app/young-people/" + this.sam).expectStatus().isForbidden();
		send(this.bob, "/app/young-people/" + this.sam + "/notes", form("text", "sneaky")).expectStatus().isForbidden();
		send(this.ann, "/app/young-people/" + this.bobsYp + "/notes", form("text", "not mine")).expectStatus()
			.isForbidden();
		send(this.ann, "/app/young-people/" + this.sam + "/notes", form("text", "   ")).expectStatus().isBadRequest();
		assertThat(this.fx.count("select count(*) from worker_note where young_person_id in (:a, :b)", "a", this.sam,
				"b", this.bobsYp))
			.isEqualTo(1);
		assertThat(this.fx.count("select count(*) from message where young_person_id = :id", "id", this.sam))
			.as("a note is not a message")
			.isZero();
		String sealed = this.fx.string("select body_sealed from worker_note where young_person_id = :id", "id",
				this.sam);
		assertThat(sealed).doesNotContain("4pm");
		assertThat(this.sealer.open(sealed)).isEqualTo("Prefers calls after 4pm");
	}

	@ParameterizedTest
	@ValueSource(strings = { "WORKER", "MANAGER" })
	void onlyAnAdminEditsCannedReplies(String role) {
		String who = role.equals("WORKER") ? this.ann : this.manager;
		get(who, "/app/canned-replies").expectStatus().isForbidden();
		send(who, "/app/canned-replies", form("title", "Nope", "body", "Nope")).expectStatus().isForbidden();
		long seeded = this.fx.count("select min(id) from canned_reply");
		send(who, "/app/canned-replies/" + seeded + "/delete", form()).expectStatus().isForbidden();
		assertThat(this.fx.count("select count(*) from canned_reply where title = 'Nope'")).isZero();
	}

	@ParameterizedTest(name = "{0}: admin {1}, canned replies {2}")
	@CsvSource({ "WORKER, false, false", "MANAGER, true, false", "ADMIN, true, true" })
	void theNavigationShowsWhatTheRoleMayUse(String role, boolean admin, boolean canned) {
		String who = switch (role) {
			case "WORKER" -> this.ann;
			case "MANAGER" -> this.manager;
			default -> this.admin;
		};
		String page = get(who, "/app").expectBody(String.class).returnResult().getResponseBody();
		String nav = page.substring(page.indexOf("<nav"), page.indexOf("</nav>"));
		assertThat(nav).contains("href=\"/app\"").contains("href=\"/app/alerts\"");
		assertThat(nav.contains("href=\"/admin\"")).isEqualTo(admin);
		assertThat(nav.contains("href=\"/admin/announcements\"")).isEqualTo(admin);
		assertThat(nav.contains("href=\"/app/canned-replies\"")).isEqualTo(canned);
	}

	@Test
	void anAdminListsAddsChangesAndDeletesCannedReplies() {
		String list = get(this.admin, "/app/canned-replies").expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(list).contains("I&#39;ve seen this and will call you today").contains("Canned replies");
		send(this.admin, "/app/canned-replies",
				form("title", "Running late " + counter, "body", "Running late, sorry."))
			.expectStatus()
			.isSeeOther();
		long id = this.fx.count("select id from canned_reply where title = :t", "t", "Running late " + counter);
		send(this.admin, "/app/canned-replies/" + id,
				form("title", "Late " + counter, "body", "Running 10 minutes late, sorry."))
			.expectStatus()
			.isSeeOther();
		assertThat(this.fx.string("select body from canned_reply where id = :id", "id", id))
			.isEqualTo("Running 10 minutes late, sorry.");
		send(this.admin, "/app/canned-replies", form("title", "", "body", "x")).expectStatus().isBadRequest();
		send(this.admin, "/app/canned-replies/999999", form("title", "a", "body", "b")).expectStatus().isNotFound();
		send(this.admin, "/app/canned-replies/" + id + "/delete", form()).expectStatus().isSeeOther();
		assertThat(this.fx.count("select count(*) from canned_reply where id = :id", "id", id)).isZero();
	}

	@Test
	void aCannedReplyIsOfferedAndSentWithoutAScript() {
		this.fx.identity(this.sam, "sms", "+447700901" + (100 + counter), true, false);
		long canned = this.fx.count("select min(id) from canned_reply");
		String body = this.fx.string("select body from canned_reply where id = :id", "id", canned);
		String page = timeline(this.ann, "");
		assertThat(page).contains("id=\"canned\"").contains("value=\"" + canned + "\"").contains("/js/timeline.js");
		send(this.ann, "/app/young-people/" + this.sam + "/reply", form("text", "", "canned", String.valueOf(canned)))
			.expectStatus()
			.isSeeOther();
		String sealed = this.fx.string("select o.body_sealed from outbound o join message m on m.id = o.message_id "
				+ "where m.young_person_id = :id", "id", this.sam);
		assertThat(this.sealer.open(sealed)).isEqualTo(body);
		send(this.ann, "/app/young-people/" + this.sam + "/reply", form("text", "", "canned", "nonsense"))
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void repeatAlertsAreOneCardAcknowledgedTogether() {
		OffsetDateTime now = OffsetDateTime.now();
		long words = message(this.sam, "IN", null, null,
				"I have nowhere to sleep tonight and my landlord changed the locks while I was out at college today",
				now.minusMinutes(30));
		long a1 = alert(this.sam, "URGENT", "CRISIS", "no-safe-place-tonight", words, now.minusMinutes(30));
		long a2 = alert(this.sam, "NORMAL", "CONCERN", "no-safe-place-tonight", null, now.minusMinutes(20));
		long a3 = alert(this.sam, "URGENT", "CRISIS", "no-safe-place-tonight", null, now.minusMinutes(12));
		long other = alert(this.sam, "NORMAL", "NO_CHANNEL", null, null, now.minusMinutes(5));
		String page = get(this.ann, "/app/alerts").expectBody(String.class).returnResult().getResponseBody();
		String card = card(page, a3);
		assertThat(card).contains("Nowhere safe tonight")
			.contains("3 alerts")
			.contains("12 min ago")
			.contains("Escalates in")
			.contains("I have nowhere to sleep tonight")
			.contains("…")
			.doesNotContain("college today")
			.contains("name=\"also\" value=\"" + a2 + "\"")
			.contains("name=\"also\" value=\"" + a1 + "\"");
		assertThat(card(page, other)).contains("No way to reach them").doesNotContain("alerts<");
		assertThat(page).doesNotContain("data-alert=\"" + a1 + "\"").doesNotContain("CRISIS<");
		assertThat(ISO.matcher(page).find()).isFalse();

		send(this.ann, "/app/alerts/" + a3 + "/acknowledge",
				form("also", String.valueOf(a2), "also", String.valueOf(a1)))
			.expectStatus()
			.isSeeOther();
		assertThat(this.fx.count("select count(*) from alert where id in (:a, :b, :c) and status = 'ACKNOWLEDGED'", "a",
				a1, "b", a2, "c", a3))
			.isEqualTo(3);
		assertThat(this.fx.string("select status from alert where id = :id", "id", other)).isEqualTo("OPEN");
		// one card's ids cannot smuggle in someone else's alert
		long bobs = alert(this.bobsYp, "URGENT", "CRISIS", "self-harm", null, now);
		send(this.ann, "/app/alerts/" + other + "/acknowledge", form("also", String.valueOf(bobs))).expectStatus()
			.isForbidden();
		assertThat(this.fx.string("select status from alert where id = :id", "id", bobs)).isEqualTo("OPEN");
	}

	@Test
	void theCaseloadShowsTimesInWords() {
		OffsetDateTime now = OffsetDateTime.now();
		message(this.sam, "IN", null, null, "hello", now.minusMinutes(1));
		this.db
			.sql("insert into check_in_plan (young_person_id, frequency, channel_order, next_due_at, updated_at) "
					+ "values (:id, 'WEEKLY', 'sms', :due, :now)")
			.bind("id", this.sam)
			.bind("due", now.plusDays(3))
			.bind("now", now)
			.then()
			.block();
		String page = get(this.ann, "/app").expectBody(String.class).returnResult().getResponseBody();
		assertThat(page).contains("data-label=\"Next check-in\"")
			.contains("data-label=\"Last contact\"")
			.contains(">today ")
			.contains(new TimeWords(java.time.Clock.systemUTC(), TimeWordsTests.LONDON).at(now.plusDays(3)));
		assertThat(ISO.matcher(page).find()).as("no ISO times on the caseload").isFalse();
	}

	private String card(String page, long id) {
		int start = page.indexOf("data-alert=\"" + id + "\"");
		assertThat(start).as("card for alert %s", id).isPositive();
		return page.substring(start, page.indexOf("</li>", start));
	}

	private static String entryWith(String page, String words) {
		int at = page.indexOf(words);
		return page.substring(page.lastIndexOf("<li", at), at);
	}

	/** The "older" link's cursor, or null on the first page of history. */
	private static String older(String page) {
		Matcher link = Pattern.compile("before=(\\d+)").matcher(page);
		return link.find() ? link.group(1) : null;
	}

	private String timeline(String who, String before) {
		if (before == null) {
			return null;
		}
		return get(who, "/app/young-people/" + this.sam + (before.isEmpty() ? "" : "?before=" + before)).expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private long message(long youngPerson, String direction, String kind, Long worker, String text, OffsetDateTime at) {
		return new Fixtures(this.db, this.sealer).said(youngPerson, direction, kind, worker, text, at);
	}

	/** A message past retention: its text is gone. */
	private void retired(long youngPerson, OffsetDateTime at) {
		long id = message(youngPerson, "IN", null, null, "gone", at);
		this.db.sql("update message set body_sealed = null where id = :id").bind("id", id).then().block();
	}

	private long alert(long youngPerson, String level, String reason, String category, Long messageId,
			OffsetDateTime at) {
		var insert = this.db
			.sql("insert into alert (young_person_id, level, reason, category, message_id, status, worker_id, "
					+ "created_at, last_raised_at, escalate_at) values (:yp, :level, :reason, :category, :message, "
					+ "'OPEN', :worker, :at, :at, :escalate)")
			.bind("yp", youngPerson)
			.bind("level", level)
			.bind("reason", reason)
			.bind("worker", this.annId)
			.bind("at", at);
		insert = category == null ? insert.bindNull("category", String.class) : insert.bind("category", category);
		insert = messageId == null ? insert.bindNull("message", Long.class) : insert.bind("message", messageId);
		insert = level.equals("URGENT") ? insert.bind("escalate", at.plusMinutes(45))
				: insert.bindNull("escalate", OffsetDateTime.class);
		return insert.filter(s -> s.returnGeneratedValues("id")).map(row -> row.get("id", Long.class)).one().block();
	}

	private long audits(String action, long subject) {
		return this.fx.count("select count(*) from audit_event where action = :action and subject_id = :id", "action",
				action, "id", subject);
	}

	private WebTestClient.ResponseSpec get(String email, String path) {
		return this.web.mutate()
			.defaultHeaders(headers -> headers.setBasicAuth(email, PASSWORD))
			.build()
			.get()
			.uri(path)
			.accept(MediaType.TEXT_HTML, MediaType.ALL)
			.exchange();
	}

	private static MultiValueMap<String, String> form(String... pairs) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			form.add(pairs[i], pairs[i + 1]);
		}
		return form;
	}

	/** As a browser: a page for the session cookie and token, then the form. */
	private WebTestClient.ResponseSpec send(String email, String path, MultiValueMap<String, String> form) {
		var page = get(email, "/app").expectStatus().isOk().expectBody(String.class).returnResult();
		ResponseCookie session = page.getResponseCookies().getFirst("SESSION");
		Matcher token = CSRF.matcher(page.getResponseBody());
		assertThat(token.find()).isTrue();
		MultiValueMap<String, String> body = new LinkedMultiValueMap<>(form);
		body.add("_csrf", token.group(1));
		return this.web.mutate()
			.defaultHeaders(headers -> headers.setBasicAuth(email, PASSWORD))
			.build()
			.post()
			.uri(path)
			.cookie(session.getName(), session.getValue())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(body))
			.exchange();
	}

}
