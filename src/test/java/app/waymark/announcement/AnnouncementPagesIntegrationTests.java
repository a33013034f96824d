package app.waymark.announcement;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The announcement pages' rules over HTTP: who may use them (admin, manager of a team;
 * never a worker), a manager kept to their team, the CSRF token required, and bad input
 * answered with a clear 4xx page, never a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "waymark.announcement.enabled=false", "waymark.outbound.enabled=false",
				"waymark.checkin.enabled=false" })
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementPagesIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	static final String WORKER = "wally@example.org";

	static final String MANAGER = "mona@example.org";

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	long southAnnouncement;

	long northYoungPerson;

	@BeforeAll
	void people() {
		long worker = Staff.createWorker(this.web, WORKER, "WORKER", "North");
		Staff.createWorker(this.web, MANAGER, "MANAGER", "North");
		this.northYoungPerson = Staff.createYoungPerson(this.web, "N1", "North", worker);
		Staff.createYoungPerson(this.web, "S1", "South", worker);
		this.southAnnouncement = Long.parseLong(post(ADMIN, form("South only", "South", "schedule")).expectStatus()
			.isSeeOther()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation()
			.getPath()
			.replaceAll(".*/", ""));
	}

	static List<String> pages() {
		return List.of("/admin/announcements", "/admin/announcements/new", "/admin/announcements/1");
	}

	/**
	 * {@code /admin/**} is for admins and managers: a worker's browser is refused before
	 * the pages run, with the app's 403 page.
	 */
	@ParameterizedTest
	@MethodSource("pages")
	void aWorkerIsTurnedAwayWithAPage(String page) {
		String body = Staff.as(this.web, WORKER)
			.get()
			.uri(page)
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("You do not have access to this page").doesNotContain("Exception", "at app.waymark");
	}

	@Test
	void aManagerWritesOnlyToTheirTeamAndSeesOnlyTheirTeamsAnnouncements() {
		String refused = post(MANAGER, form("Hi South", "South", "preview")).expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(refused).contains("You can write only to your own team.");
		String preview = post(MANAGER, form("Hi North", "", "preview")).expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		// everyone active in the manager's team: one young person, with no channel yet
		assertThat(preview).contains("(1 match: Active young people: team North)", "No linked channel, not sent:");
		Staff.as(this.web, MANAGER)
			.get()
			.uri("/admin/announcements/" + this.southAnnouncement)
			.exchange()
			.expectStatus()
			.isNotFound();
		assertThat(Staff.as(this.web, MANAGER)
			.get()
			.uri("/admin/announcements")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).doesNotContain("South only");
		assertThat(Staff.as(this.web, ADMIN)
			.get()
			.uri("/admin/announcements")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).contains("South only");
	}

	/**
	 * An admin's announcement shows on a manager's list once it is for their team or
	 * reached someone in it, marked read-only: no cancel button, and a cancel is refused.
	 */
	@Test
	void aManagerReadsButCannotCancelAnAdminsAnnouncementThatReachedTheirTeam() {
		long forNorth = created(post(ADMIN, form("North rights session", "North", "schedule")));
		long forAll = created(post(ADMIN, form("Rights session for everyone", "", "schedule")));
		long managersOwn = created(post(MANAGER, form("North drop-in from your manager", "", "schedule")));
		String list = page(MANAGER, "/admin/announcements");
		assertThat(list).contains("North rights session", "North drop-in from your manager")
			.doesNotContain("Rights session for everyone");
		assertThat(readOnlyRows(list)).containsExactly(forNorth);

		// sent to everyone, it reached a young person in the manager's team
		long send = this.db.sql("select id from announcement_send where announcement_id = :a and kind = 'MAIN'")
			.bind("a", forAll)
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
		this.db
			.sql("insert into announcement_recipient (send_id, young_person_id, due_at, status, reason) "
					+ "values (:send, :yp, current_timestamp, 'SKIPPED', 'no channel')")
			.bind("send", send)
			.bind("yp", this.northYoungPerson)
			.then()
			.block();
		assertThat(readOnlyRows(page(MANAGER, "/admin/announcements"))).containsExactlyInAnyOrder(forNorth, forAll);

		for (long id : new long[] { forNorth, forAll }) {
			assertThat(page(MANAGER, "/admin/announcements/" + id)).contains("id=\"read-only\"")
				.doesNotContain("Cancel announcement");
			post(MANAGER, "/admin/announcements/" + id + "/cancel", new LinkedMultiValueMap<>()).expectStatus()
				.isForbidden()
				.expectBody(String.class)
				.value(body -> assertThat(body).contains("only an admin can cancel it"));
			assertThat(page(ADMIN, "/admin/announcements/" + id)).contains("Cancel announcement")
				.doesNotContain("id=\"read-only\"");
		}
		assertThat(page(MANAGER, "/admin/announcements/" + managersOwn)).contains("Cancel announcement")
			.doesNotContain("id=\"read-only\"");
	}

	private static long created(WebTestClient.ResponseSpec response) {
		return Long.parseLong(response.expectStatus()
			.isSeeOther()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation()
			.getPath()
			.replaceAll(".*/", ""));
	}

	private String page(String email, String path) {
		return Staff.read(Staff.as(this.web, email), path, String.class);
	}

	/** The list's announcements marked read-only. */
	private static List<Long> readOnlyRows(String list) {
		List<Long> ids = new java.util.ArrayList<>();
		for (String item : list.split("<li ")) {
			Matcher id = Pattern.compile("^data-id=\"(\\d+)\"").matcher(item);
			if (id.find() && item.contains("class=\"ann-meta read-only\"")) {
				ids.add(Long.parseLong(id.group(1)));
			}
		}
		return ids;
	}

	@Test
	void aFormWithoutItsCsrfTokenIsRefused() {
		Staff.as(this.web, ADMIN)
			.post()
			.uri("/admin/announcements/new")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form("Hi", "", "schedule")))
			.exchange()
			.expectStatus()
			.isForbidden();
		Staff.as(this.web, ADMIN)
			.post()
			.uri("/admin/announcements/" + this.southAnnouncement + "/cancel")
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void badAddressesGetAClearPage() {
		Staff.as(this.web, ADMIN)
			.get()
			.uri("/admin/announcements/999999")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody(String.class)
			.value(body -> assertThat(body).contains("No such announcement."));
		Staff.as(this.web, ADMIN)
			.get()
			.uri("/admin/announcements/not-a-number")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(body -> assertThat(body).doesNotContain("Exception", "at app.waymark"));
	}

	@Test
	void cancellingTwiceIsHarmless() {
		// too far ahead: the form again, 400, with the reason
		post(ADMIN, later(form("Later on", "", "schedule"), "2099-01-01", "10:00")).expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(body -> assertThat(body).contains("Choose a time within a year."));
		MultiValueMap<String, String> tomorrow = later(form("Later on", "", "schedule"),
				java.time.LocalDate.now().plusDays(2).toString(), "10:00");
		String location = post(ADMIN, tomorrow).expectStatus()
			.isSeeOther()
			.returnResult(Void.class)
			.getResponseHeaders()
			.getLocation()
			.getPath();
		for (int i = 0; i < 2; i++) {
			post(ADMIN, location + "/cancel", new LinkedMultiValueMap<>()).expectStatus().isSeeOther();
		}
		Staff.as(this.web, ADMIN)
			.get()
			.uri(location)
			.exchange()
			.expectBody(String.class)
			.value(body -> assertThat(body).contains("Announcement: Cancelled").doesNotContain("Cancel announcement"));
	}

	static MultiValueMap<String, String> form(String body, String team, String action) {
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("body", body);
		form.add("team", team);
		form.add("when", "now");
		form.add("action", action);
		return form;
	}

	static MultiValueMap<String, String> later(MultiValueMap<String, String> form, String date, String time) {
		form.set("when", "later");
		form.add("sendDate", date);
		form.add("sendTime", time);
		return form;
	}

	private WebTestClient.ResponseSpec post(String email, MultiValueMap<String, String> form) {
		return post(email, "/admin/announcements/new", form);
	}

	/** A form post as a browser makes it: the page's session and CSRF token first. */
	private WebTestClient.ResponseSpec post(String email, String path, MultiValueMap<String, String> form) {
		WebTestClient signedIn = Staff.as(this.web, email);
		var page = signedIn.get()
			.uri("/admin/announcements/new")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		ResponseCookie session = page.getResponseCookies().getFirst("SESSION");
		Matcher token = CSRF.matcher(page.getResponseBody());
		assertThat(token.find()).as("a CSRF token in the form").isTrue();
		MultiValueMap<String, String> withToken = new LinkedMultiValueMap<>(form);
		withToken.add("_csrf", token.group(1));
		WebTestClient.RequestBodySpec request = signedIn.post().uri(path);
		if (session != null) {
			request = request.cookie(session.getName(), session.getValue());
		}
		return request.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(withToken))
			.exchange();
	}

}
