package app.waymark.workerapp;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.codec.ServerSentEvent;
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
 * The worker pages over HTTP on a real database: who sees what, the RAG status, replies
 * through the outbound queue, acknowledging alerts, the export, and the audit trail.
 * Forms are posted as a browser does: with the session cookie and CSRF token from the
 * page.
 */
@SpringBootTest
@AutoConfigureWebTestClient
class WorkerAppIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("waymark.outbound.enabled", () -> "false");
		registry.add("waymark.workerapp.alert-poll", () -> "200ms");
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

	long annId;

	long bobId;

	long urgentYp;

	long quietYp;

	long fineYp;

	long bobsYp;

	@BeforeEach
	void caseloads() {
		this.fx = new Fixtures(this.db, this.sealer);
		counter++;
		String hash = this.encoder.encode(PASSWORD);
		this.ann = "ann" + counter + "@example.org";
		this.bob = "bob" + counter + "@example.org";
		this.annId = this.fx.worker(this.ann, "WORKER", "North" + counter, hash);
		this.bobId = this.fx.worker(this.bob, "WORKER", "South" + counter, hash);
		this.urgentYp = this.fx.youngPerson("U" + counter, "Uma Urgent", "North" + counter, this.annId);
		this.quietYp = this.fx.youngPerson("Q" + counter, "Quinn Quiet", "North" + counter, this.annId);
		this.fineYp = this.fx.youngPerson("F" + counter, "Fran Fine", "North" + counter, this.annId);
		this.bobsYp = this.fx.youngPerson("B" + counter, "Bea Bobs", "South" + counter, this.bobId);
		this.fx.alert(this.urgentYp, "URGENT", this.annId, "2026-11-20T10:00:00Z");
		this.fx.checkIn(this.quietYp, "NO_REPLY", null, "2026-11-10T10:00:00Z");
		this.fx.checkIn(this.fineYp, "ANSWERED", "GOOD", "2026-11-10T10:00:00Z");
		this.fx.message(this.fineYp, "sms", "IN", "all good thanks", "REPLIED", "2026-11-11T09:00:00Z");
	}

	@Test
	void caseloadShowsOwnYoungPeopleWithStatusAndIsAudited() {
		String page = get(this.ann, "/app").expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("lang=\"en\"")
			.contains("Uma Urgent")
			.contains("Quinn Quiet")
			.contains("Fran Fine")
			.doesNotContain("Bea Bobs");
		assertThat(rowOf(page, this.urgentYp)).contains("rag red");
		assertThat(rowOf(page, this.quietYp)).contains("rag amber");
		assertThat(rowOf(page, this.fineYp)).contains("rag green").contains("Good").contains("11 Nov");
		// red first by default
		assertThat(page.indexOf("Uma Urgent")).isLessThan(page.indexOf("Quinn Quiet"));
		assertThat(page.indexOf("Quinn Quiet")).isLessThan(page.indexOf("Fran Fine"));
		assertThat(audits("VIEW_CASELOAD", this.annId)).isEqualTo(1);
	}

	@Test
	void managersSeeTheirTeamAndDutyWorkersTheirCover() {
		String hash = this.encoder.encode(PASSWORD);
		String manager = "manager" + counter + "@example.org";
		this.fx.worker(manager, "MANAGER", "North" + counter, hash);
		String page = get(manager, "/app").expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("Uma Urgent").contains("Fran Fine").doesNotContain("Bea Bobs");
		get(manager, "/app/young-people/" + this.fineYp).expectStatus().isOk();
		get(manager, "/app/young-people/" + this.bobsYp).expectStatus().isForbidden();

		String duty = "duty" + counter + "@example.org";
		long dutyId = this.fx.worker(duty, "WORKER", "South" + counter, hash);
		this.db.sql("update worker set on_duty = true where id = :id").bind("id", dutyId).then().block();
		assertThat(get(duty, "/app").expectBody(String.class).returnResult().getResponseBody())
			.doesNotContain("Bea Bobs");
		this.db.sql("insert into worker_absence (worker_id, starts_on, ends_on) values (:id, :from, :to)")
			.bind("id", this.bobId)
			.bind("from", java.time.LocalDate.now().minusDays(1))
			.bind("to", java.time.LocalDate.now().plusDays(1))
			.then()
			.block();
		assertThat(get(duty, "/app").expectBody(String.class).returnResult().getResponseBody()).contains("Bea Bobs")
			.doesNotContain("Uma Urgent");
		get(duty, "/app/young-people/" + this.bobsYp).expectStatus().isOk();
	}

	@ParameterizedTest
	@CsvSource({ "status=red, Uma Urgent", "status=AMBER, Quinn Quiet", "status=green, Fran Fine",
			"name=fran, Fran Fine", "name=q, Quinn Quiet" })
	void caseloadFilters(String query, String only) {
		String page = get(this.ann, "/app?" + query).expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		List<String> names = List.of("Uma Urgent", "Quinn Quiet", "Fran Fine");
		names.forEach(name -> {
			if (name.equals(only)) {
				assertThat(page).contains(name);
			}
			else {
				assertThat(page).doesNotContain(name);
			}
		});
	}

	@Test
	void caseloadSortsByName() {
		String page = get(this.ann, "/app?sort=name").expectBody(String.class).returnResult().getResponseBody();
		assertThat(page.indexOf("Fran Fine")).isLessThan(page.indexOf("Quinn Quiet"));
		assertThat(page.indexOf("Quinn Quiet")).isLessThan(page.indexOf("Uma Urgent"));
		get(this.ann, "/app?status=purple").expectStatus().isBadRequest();
	}

	@Test
	void browsersMustSignIn() {
		this.web.get()
			.uri("/app")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.valueMatches("Location", ".*/login");
	}

	@ParameterizedTest
	@CsvSource({ "GET, /app/young-people/{id}", "GET, /app/young-people/{id}/voice.csv",
			"GET, /app/young-people/{id}/voice", "POST, /app/young-people/{id}/reply",
			"POST, /app/young-people/{id}/plan", "POST, /app/young-people/{id}/link-code" })
	void anotherWorkersYoungPersonIsForbiddenAndAnUnknownOneNotFound(String method, String path) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>(
				Map.of("text", List.of("hello"), "frequency", List.of("WEEKLY"), "channelOrder", List.of("sms")));
		this.fx.identity(this.bobsYp, "sms", "+447700900" + (500 + counter), true, false);
		send(this.ann, HttpMethod.valueOf(method), path.replace("{id}", String.valueOf(this.bobsYp)), form)
			.expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.value(body -> assertThat(body).doesNotContain("Bea").doesNotContain("Exception"));
		send(this.ann, HttpMethod.valueOf(method), path.replace("{id}", "999999"), form).expectStatus().isNotFound();
		assertThat(this.fx.count("select count(*) from outbound o join message m on m.id = o.message_id "
				+ "where m.young_person_id = :id", "id", this.bobsYp))
			.isZero();
		assertThat(this.fx.count("select count(*) from link_code where young_person_id = :id", "id", this.bobsYp))
			.isZero();
		assertThat(this.fx.count("select count(*) from check_in_plan where young_person_id = :id", "id", this.bobsYp))
			.isZero();
	}

	@Test
	void youngPersonPageShowsTheConversationDecryptedInTimeOrder() {
		this.fx.message(this.fineYp, "telegram", "OUT", "Hi Fran, how are things?", "SENT", "2026-11-10T10:00:00Z");
		this.fx.identity(this.fineYp, "sms", "+447700900" + (600 + counter), true, false);
		String page = get(this.ann, "/app/young-people/" + this.fineYp).expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("Hi Fran, how are things?").contains("all good thanks").contains("sms (opted in)");
		assertThat(page.indexOf("Hi Fran")).isLessThan(page.indexOf("all good thanks"));
		assertThat(page).contains("Answered: Good").contains("Create link code").contains("for=\"reply-text\"");
		assertThat(audits("VIEW", this.fineYp)).isEqualTo(1);
	}

	@Test
	void replyIsQueuedOnTheOptedInChannelAsAWorkerReply() {
		String optedOut = "+447700900" + (700 + counter);
		String optedIn = "+447700900" + (800 + counter);
		this.fx.identity(this.fineYp, "sms", optedOut, false, false);
		this.fx.identity(this.fineYp, "telegram", "9100" + counter, true, false);
		send(this.ann, HttpMethod.POST, "/app/young-people/" + this.fineYp + "/plan",
				form("frequency", "WEEKLY", "channelOrder", "sms,telegram"))
			.expectStatus()
			.isSeeOther();
		send(this.ann, HttpMethod.POST, "/app/young-people/" + this.fineYp + "/reply",
				form("text", "Shall we meet on Thursday?"))
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.valueMatches("Location", "/app/young-people/" + this.fineYp + "#conversation");
		// sms comes first in the plan but they opted out there, so Telegram it is
		assertThat(this.fx.string("select o.channel from outbound o join message m on m.id = o.message_id "
				+ "where m.young_person_id = :id and o.purpose = 'WORKER_REPLY'", "id", this.fineYp))
			.isEqualTo("telegram");
		String sealed = this.fx.string("select o.body_sealed from outbound o join message m on m.id = o.message_id "
				+ "where m.young_person_id = :id", "id", this.fineYp);
		assertThat(this.sealer.open(sealed)).isEqualTo("Shall we meet on Thursday?");
		assertThat(audits("REPLY", this.fineYp)).isEqualTo(1);
		assertThat(get(this.ann, "/app/young-people/" + this.fineYp).expectBody(String.class)
			.returnResult()
			.getResponseBody()).contains("Shall we meet on Thursday?").contains("Queued");
		assertThat(optedIn).isNotBlank();
	}

	@Test
	void replyWithoutAnOptedInChannelOrTextIsRefused() {
		this.fx.identity(this.quietYp, "sms", "+447700900" + (900 + counter), false, false);
		send(this.ann, HttpMethod.POST, "/app/young-people/" + this.quietYp + "/reply", form("text", "hello"))
			.expectStatus()
			.isEqualTo(409);
		send(this.ann, HttpMethod.POST, "/app/young-people/" + this.quietYp + "/reply", form("text", "   "))
			.expectStatus()
			.isBadRequest();
		send(this.ann, HttpMethod.POST, "/app/young-people/" + this.quietYp + "/reply", form("text", "x".repeat(1001)))
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void planChangesAndPausesShowOnTheCaseload() {
		send(this.ann, HttpMethod.POST, "/app/young-people/" + this.quietYp + "/plan",
				form("frequency", "PAUSED", "channelOrder", "telegram"))
			.expectStatus()
			.isSeeOther();
		assertThat(rowOf(get(this.ann, "/app").expectBody(String.class).returnResult().getResponseBody(), this.quietYp))
			.contains("paused");
		send(this.ann, HttpMethod.POST, "/app/young-people/" + this.quietYp + "/plan",
				form("frequency", "HOURLY", "channelOrder", "telegram"))
			.expectStatus()
			.isBadRequest();
		assertThat(
				this.fx.string("select frequency from check_in_plan where young_person_id = :id", "id", this.quietYp))
			.isEqualTo("PAUSED");
	}

	@Test
	void linkCodeIsShownOnce() {
		String page = send(this.ann, HttpMethod.POST, "/app/young-people/" + this.quietYp + "/link-code",
				new LinkedMultiValueMap<>())
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).containsPattern("id=\"link-code\">[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}<");
		assertThat(this.fx.count("select count(*) from link_code where young_person_id = :id", "id", this.quietYp))
			.isEqualTo(1);
	}

	@Test
	void alertsInboxListsOpenAlertsMostUrgentFirstAndAcknowledgesWithOneClick() {
		long normal = this.fx.alert(this.quietYp, "NORMAL", this.annId, "2026-11-21T10:00:00Z");
		long urgent = this.fx.alert(this.fineYp, "URGENT", this.annId, "2026-11-19T10:00:00Z");
		long bobs = this.fx.alert(this.bobsYp, "URGENT", this.bobId, "2026-11-22T10:00:00Z");
		String page = get(this.ann, "/app/alerts").expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("data-alert=\"" + urgent + "\"")
			.contains("data-alert=\"" + normal + "\"")
			.doesNotContain("data-alert=\"" + bobs + "\"");
		assertThat(page.indexOf("data-alert=\"" + urgent + "\""))
			.isLessThan(page.indexOf("data-alert=\"" + normal + "\""));

		send(this.ann, HttpMethod.POST, "/app/alerts/" + bobs + "/acknowledge", new LinkedMultiValueMap<>())
			.expectStatus()
			.isForbidden();
		send(this.ann, HttpMethod.POST, "/app/alerts/" + urgent + "/acknowledge", new LinkedMultiValueMap<>())
			.expectStatus()
			.isSeeOther();
		assertThat(this.fx.string("select status from alert where id = :id", "id", urgent)).isEqualTo("ACKNOWLEDGED");
		assertThat(this.fx.string("select status from alert where id = :id", "id", bobs)).isEqualTo("OPEN");
		assertThat(this.fx.count("select count(*) from alert_event where alert_id = :id and step = 'ACKNOWLEDGED'",
				"id", urgent))
			.isEqualTo(1);
		assertThat(get(this.ann, "/app/alerts/table").expectBody(String.class).returnResult().getResponseBody())
			.doesNotContain("data-alert=\"" + urgent + "\"");
	}

	@Test
	void formsWithoutTheCsrfTokenAreRefused() {
		long alert = this.fx.alert(this.quietYp, "URGENT", this.annId, "2026-11-21T10:00:00Z");
		this.web.post()
			.uri("/app/alerts/" + alert + "/acknowledge")
			.headers(h -> h.setBasicAuth(this.ann, PASSWORD))
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(this.fx.string("select status from alert where id = :id", "id", alert)).isEqualTo("OPEN");
	}

	@Test
	void alertStreamAnnouncesNewAlerts() {
		var events = as(this.ann).get()
			.uri("/app/alerts/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<ServerSentEvent<String>>() {
			})
			.getResponseBody();
		java.util.concurrent.atomic.AtomicBoolean raised = new java.util.concurrent.atomic.AtomicBoolean();
		List<ServerSentEvent<String>> seen = events.publishOn(reactor.core.scheduler.Schedulers.boundedElastic())
			.take(2)
			.doOnNext(event -> {
				if (!raised.getAndSet(true)) {
					this.fx.alert(this.fineYp, "URGENT", this.annId, "2026-11-23T10:00:00Z");
				}
			})
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(seen).extracting(ServerSentEvent::event).containsOnly("alerts");
		assertThat(seen).extracting(ServerSentEvent::data).containsExactly("1", "2");
	}

	@Test
	void voiceExportHasTheirWordsAndAnswersOnly() {
		this.fx.message(this.fineYp, "sms", "IN", "=HYPERLINK(\"x\"), I want to study", "REPLIED",
				"2026-11-12T09:00:00Z");
		this.fx.message(this.fineYp, "sms", "OUT", "worker words", "SENT", "2026-11-12T10:00:00Z");
		this.fx.message(this.fineYp, "sms", "IN", "too early", "REPLIED", "2026-10-01T09:00:00Z");
		String csv = get(this.ann, "/app/young-people/" + this.fineYp + "/voice.csv?from=2026-11-01&to=2026-11-30")
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/csv")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(csv.split("\r\n")).containsExactly("time,type,channel,text",
				"2026-11-10T11:00Z,CHECK_IN_ANSWER,sms,GOOD", "2026-11-11T09:00Z,OWN_WORDS,sms,all good thanks",
				"2026-11-12T09:00Z,OWN_WORDS,sms,\"'=HYPERLINK(\"\"x\"\"), I want to study\"");
		assertThat(get(this.ann, "/app/young-people/" + this.fineYp + "/voice?from=2026-11-01&to=2026-11-30")
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).contains("all good thanks").contains("Check-in answer").doesNotContain("worker words");
		assertThat(audits("EXPORT_VOICE", this.fineYp)).isEqualTo(2);
		get(this.ann, "/app/young-people/" + this.fineYp + "/voice.csv?from=yesterday").expectStatus().isBadRequest();
		get(this.ann, "/app/young-people/" + this.fineYp + "/voice.csv?from=2026-12-01&to=2026-11-01").expectStatus()
			.isBadRequest();
	}

	private static String rowOf(String page, long id) {
		int start = page.indexOf("data-id=\"" + id + "\"");
		assertThat(start).as("row for %s", id).isPositive();
		return page.substring(start, page.indexOf("</tr>", start));
	}

	private long audits(String action, long subject) {
		return this.fx.count("select count(*) from audit_event where action = :action and subject_id = :id", "action",
				action, "id", subject);
	}

	private WebTestClient as(String email) {
		return this.web.mutate().defaultHeaders(headers -> headers.setBasicAuth(email, PASSWORD)).build();
	}

	private WebTestClient.ResponseSpec get(String email, String path) {
		return as(email).get().uri(path).accept(MediaType.TEXT_HTML, MediaType.ALL).exchange();
	}

	private static MultiValueMap<String, String> form(String... pairs) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			form.add(pairs[i], pairs[i + 1]);
		}
		return form;
	}

	/** As a browser: fetch a page for the session cookie and token, then submit. */
	private WebTestClient.ResponseSpec send(String email, HttpMethod method, String path,
			MultiValueMap<String, String> form) {
		if (method == HttpMethod.GET) {
			return get(email, path);
		}
		var page = get(email, "/app").expectStatus().isOk().expectBody(String.class).returnResult();
		ResponseCookie session = page.getResponseCookies().getFirst("SESSION");
		Matcher token = CSRF.matcher(page.getResponseBody());
		assertThat(token.find()).isTrue();
		MultiValueMap<String, String> body = new LinkedMultiValueMap<>(form);
		body.add("_csrf", token.group(1));
		return as(email).post()
			.uri(path)
			.cookie(session.getName(), session.getValue())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(body))
			.exchange();
	}

}
