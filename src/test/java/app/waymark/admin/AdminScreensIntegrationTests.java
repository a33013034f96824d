package app.waymark.admin;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.MediaType;
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
 * The admin screens as a browser uses them, without one: signed-in sessions, pages, forms
 * with their CSRF token. Each action is checked for what it changes, what a refused form
 * shows, and that a manager may read but not change.
 */
@SpringBootTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminScreensIntegrationTests {

	static final String MANAGER = "screens-manager@example.org";

	static final String WORKER = "screens-worker@example.org";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	@Autowired
	WebTestClient web;

	@Autowired
	Clock clock;

	Signed admin;

	Signed manager;

	Signed worker;

	@BeforeAll
	void signIn() {
		Staff.createWorker(this.web, MANAGER, "MANAGER", "North");
		Staff.createWorker(this.web, WORKER, "WORKER", "North");
		this.admin = Signed.as(this.web, ADMIN);
		this.manager = Signed.as(this.web, MANAGER);
		this.worker = Signed.as(this.web, WORKER);
	}

	/** A browser's session: its cookie, and the CSRF token its pages carry. */
	record Signed(WebTestClient web, String session) {

		static Signed as(WebTestClient web, String email) {
			return new Signed(web, Staff.session(web, email, PASSWORD));
		}

		WebTestClient.ResponseSpec get(String path) {
			return this.web.get().uri(path).cookie("SESSION", this.session).exchange();
		}

		String page(String path) {
			return get(path).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
		}

		String token() {
			Matcher m = CSRF.matcher(page("/admin/try"));
			assertThat(m.find()).as("a CSRF token on the page").isTrue();
			return m.group(1);
		}

		WebTestClient.ResponseSpec post(String path, Map<String, String> fields) {
			MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
			fields.forEach(form::add);
			form.add("_csrf", token());
			return this.web.post()
				.uri(path)
				.cookie("SESSION", this.session)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.body(BodyInserters.fromFormData(form))
				.exchange();
		}

		/**
		 * The upload form posted as a browser without JavaScript does: multipart, the
		 * file as the {@code file} part, the token as the {@code _csrf} part (or none).
		 */
		WebTestClient.ResponseSpec multipart(String path, String fileName, String type, byte[] body,
				boolean withToken) {
			MultipartBodyBuilder parts = new MultipartBodyBuilder();
			if (withToken) {
				parts.part("_csrf", token());
			}
			parts.part("file", body).filename(fileName).contentType(MediaType.parseMediaType(type));
			return this.web.post()
				.uri(path)
				.cookie("SESSION", this.session)
				.contentType(MediaType.MULTIPART_FORM_DATA)
				.body(BodyInserters.fromMultipartData(parts.build()))
				.exchange();
		}

		WebTestClient.ResponseSpec upload(String path, byte[] body, String type) {
			return this.web.post()
				.uri(path)
				.cookie("SESSION", this.session)
				.header("X-CSRF-TOKEN", token())
				.contentType(MediaType.parseMediaType(type))
				.bodyValue(body)
				.exchange();
		}

	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/admin                                   | Admin dashboard
			/admin/articles                          | 16-25 Railcard
			/admin/articles?status=published&q=rail  | 16-25 Railcard
			/admin/articles/new                      | New article
			/admin/review                            | Review queue
			/admin/unanswered                        | Unanswered questions
			/admin/usage                             | Busiest hours
			/admin/translations                      | Translations
			/admin/import-export                     | Download knowledge.zip
			/admin/try?question=railcard             | The bot would answer
			/admin/workers                           | Workers and absences
			/admin/caseload-import                   | case_reference,name
			""")
	void everyScreenShowsToAdminsAndManagersButNotWorkers(String path, String content) {
		assertThat(this.admin.page(path)).contains(content).contains("name=\"_csrf\"");
		assertThat(this.manager.page(path)).contains(content);
		this.worker.get(path)
			.expectStatus()
			.isForbidden()
			.expectBody(String.class)
			.value(body -> assertThat(body).doesNotContain("Exception").doesNotContain("at app.waymark"));
	}

	@Test
	void managersReadButEveryChangeIsRefused() {
		assertThat(this.manager.page("/admin/articles")).contains("only an admin can change them");
		for (String path : List.of("/admin/articles/national/16-25-railcard/publish",
				"/admin/articles/national/16-25-railcard/retire",
				"/admin/articles/national/16-25-railcard/versions/1/restore", "/admin/unanswered/handled",
				"/admin/workers")) {
			this.manager.post(path, Map.of("wording", "x", "name", "Someone", "email", "someone@example.org"))
				.expectStatus()
				.isForbidden()
				.expectBody(String.class)
				.value(body -> assertThat(body).contains("You cannot do that").doesNotContain("Exception"));
		}
		this.manager.upload("/admin/caseload-import", "x".getBytes(), "text/csv").expectStatus().isForbidden();
		assertThat(this.admin.page("/admin/articles/national/16-25-railcard")).contains("Published")
			.doesNotContain("Retired");
	}

	@Test
	void aRefusedArticleComesBackWithTheProblemBesideItsField() {
		String body = this.admin.post("/admin/articles/new", article("quoll-grant", "2001-01-01"))
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("Not saved: fix this first")
			.contains("The review date is in the past.")
			.contains("href=\"#f-reviewBy\"")
			.contains("value=\"Quoll grant\"")
			.doesNotContain("Exception");
		this.admin.post("/admin/articles/new", Map.of("id", "Not A Slug", "title", "x"))
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(b -> assertThat(b).contains("The id must be a slug"));
		this.admin.post("/admin/articles/new", article("quoll-grant", "next year"))
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(b -> assertThat(b).contains("Give the date as YYYY-MM-DD"));
	}

	@Test
	void anAdminWritesPreviewsPublishesEditsComparesAndRestores() {
		String reviewBy = LocalDate.now(this.clock).plusMonths(6).toString();
		Map<String, String> form = new java.util.HashMap<>(article("wallaby-grant", reviewBy));
		form.put("action", "preview");
		assertThat(this.admin.post("/admin/articles/new", form)
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).contains("Preview (not saved)").contains("wallaby grant of 100 pounds");
		form.put("action", "save");
		this.admin.post("/admin/articles/new", form)
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, "/admin/articles/city-of-london/wallaby-grant?saved=created");
		String base = "/admin/articles/city-of-london/wallaby-grant";
		assertThat(this.admin.page(base)).contains("Draft").contains("Publish version 1");
		this.admin.post(base + "/publish", Map.of()).expectStatus().isSeeOther();
		assertThat(this.admin.page(base)).contains("version 1 answers questions");

		form.put("summary", "Care leavers can claim a wallaby grant of 250 pounds from the council.");
		form.put("action", "publish");
		form.put("changeNote", "grant went up");
		this.admin.post(base + "/edit", form)
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, base + "?saved=published");
		assertThat(this.admin.page(base)).contains("version 2 answers questions").contains("grant went up");

		String diff = this.admin.page(base + "/diff?from=1&to=2");
		assertThat(diff).contains("Changes from version 1 to 2")
			.contains("<del>100</del>")
			.contains("<ins>250</ins>")
			.contains("removed: ")
			.contains("added: ");
		this.admin.get(base + "/diff?from=1&to=9").expectStatus().isNotFound();
		this.admin.get(base + "/diff?from=one&to=2").expectStatus().isBadRequest();

		this.admin.post(base + "/versions/1/restore", Map.of()).expectStatus().isSeeOther();
		assertThat(this.admin.page(base)).contains("version 3 answers questions").contains("Restored version 1");
		assertThat(this.admin.page(base + "/diff?from=1&to=3")).doesNotContain("role=\"listitem\"");

		this.admin.post(base + "/unpublish", Map.of()).expectStatus().isSeeOther();
		assertThat(this.admin.page("/admin/articles?status=unpublished")).contains("Wallaby grant");
	}

	@Test
	void unansweredQuestionsBecomeKeywordsOrAreMarkedHandled() {
		for (String text : List.of("about the pangolin permit, call me", "call me about the pangolin permit")) {
			this.web.post()
				.uri("/api/v1/chat")
				.bodyValue(Map.of("text", text))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.confident")
				.isEqualTo(false);
		}
		String page = this.admin.page("/admin/unanswered");
		Matcher wording = Pattern.compile("name=\"wording\" value=\"([^\"]*pangolin[^\"]*)\"").matcher(page);
		assertThat(wording.find()).as(page).isTrue();
		assertThat(page).contains("2 times").contains("New article");
		assertThat(this.admin.page("/admin/articles/new?wording=" + wording.group(1).replace(" ", "+")))
			.contains("pangolin");
		this.admin.post("/admin/unanswered/keywords", Map.of("wording", wording.group(1), "article", "nowhere"))
			.expectStatus()
			.isBadRequest();
		this.admin
			.post("/admin/unanswered/keywords",
					Map.of("wording", wording.group(1), "article", "national/immigration-support"))
			.expectStatus()
			.isSeeOther();
		assertThat(this.admin.page("/admin/articles/national/immigration-support/edit")).contains("pangolin");
		this.admin.post("/admin/unanswered/handled", Map.of("wording", wording.group(1))).expectStatus().isSeeOther();
		assertThat(this.admin.page("/admin/unanswered")).doesNotContain("pangolin");
		assertThat(this.admin.page("/admin/usage")).contains("questions in the last 8 weeks").contains("<rect");
	}

	@Test
	void aTranslationStaysADraftUntilAFluentSpeakerReviewsIt() {
		String base = "/admin/articles/national/16-25-railcard/translations/fr";
		this.admin.post(base, Map.of("title", "", "summary", "x", "body", "y"))
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(b -> assertThat(b).contains("Give the translation a title"));
		this.admin
			.post(base, Map.of("title", "Carte de train 16-25", "summary", "Les jeunes peuvent avoir la carte.",
					"keywords", "carte, train", "body", "Demandez à votre conseiller."))
			.expectStatus()
			.isSeeOther();
		assertThat(this.admin.page(base)).contains("DRAFT").contains("needs review by a fluent speaker");
		assertThat(this.admin.page("/admin/translations")).contains("nobody yet");
		this.manager.post(base, Map.of("action", "review")).expectStatus().isForbidden();
		this.admin.post(base, Map.of("action", "review")).expectStatus().isSeeOther();
		this.admin.post(base, Map.of("action", "publish")).expectStatus().isSeeOther();
		assertThat(this.admin.page(base)).contains("Published and reviewed: young people get it");
		assertThat(this.admin.page("/admin/translations")).contains(ADMIN);
		this.admin.get("/admin/articles/national/16-25-railcard/translations/xx").expectStatus().isNotFound();
	}

	@Test
	void workersAreAddedAndAbsencesRecordedWithProblemsShownInTheForm() {
		this.admin.post("/admin/workers", Map.of("name", "Wanda Worker", "email", "not-an-email", "role", "WORKER"))
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(b -> assertThat(b).contains("Not saved").contains("value=\"Wanda Worker\""));
		this.admin
			.post("/admin/workers",
					Map.of("name", "Wanda Worker", "email", "wanda@example.org", "role", "WORKER", "team", "North"))
			.expectStatus()
			.isSeeOther();
		String page = this.admin.page("/admin/workers");
		assertThat(page).contains("Wanda Worker");
		Matcher id = Pattern.compile("<option value=\"(\\d+)\">Wanda Worker</option>").matcher(page);
		assertThat(id.find()).isTrue();
		String today = LocalDate.now(this.clock).toString();
		this.manager
			.post("/admin/workers/absences", Map.of("workerId", id.group(1), "startsOn", today, "endsOn", "2000-01-01"))
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(b -> assertThat(b).contains("The last day is before the first day."));
		this.manager
			.post("/admin/workers/absences",
					Map.of("workerId", id.group(1), "startsOn", today, "endsOn", today, "reason", "training"))
			.expectStatus()
			.isSeeOther();
		assertThat(this.admin.page("/admin/workers")).contains("training").contains(">away<");
	}

	@Test
	void aCaseloadUploadShowsEveryRefusedRowAndHowManyWereAccepted() {
		String csv = """
				case_reference,name,preferred_name,date_of_birth,preferred_language,left_care_on,team,worker_email,worker_name,worker_role
				SCR-1,Ada One,Ada,2007-01-02,en,2025-01-01,North,north-worker@example.org,Nia North,WORKER
				SCR-2,Ben Two,,31/02/2007,en,,North,north-worker@example.org,Nia North,WORKER
				SCR-3,Cy Three,,2007-03-04,en,,North,not-an-email,Nia North,WORKER
				""";
		this.admin.upload("/admin/caseload-import", csv.getBytes(), "text/csv")
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, "/admin/caseload-import#result");
		String page = this.admin.page("/admin/caseload-import");
		assertThat(page).contains("1 of 3 rows accepted").contains("2 rows skipped");
		assertThat(page).containsPattern("<td data-label=\"Line\">3</td><td data-label=\"Field\">date_of_birth</td>")
			.containsPattern("<td data-label=\"Line\">4</td><td data-label=\"Field\">worker_email</td>");
		this.admin.upload("/admin/caseload-import", "no,header\n".getBytes(), "text/csv").expectStatus().isSeeOther();
		assertThat(this.admin.page("/admin/caseload-import")).contains("Nothing was imported: The first line must be");
		this.web.post()
			.uri("/admin/caseload-import")
			.cookie("SESSION", this.admin.session())
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv)
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void theExportImportsBackWithNothingChangedAndABadZipIsExplained() {
		byte[] zip = this.admin.get("/admin/export.zip")
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(zip).isNotEmpty();
		this.admin.upload("/admin/import", zip, "application/zip").expectStatus().isSeeOther();
		assertThat(this.admin.page("/admin/import-export")).containsPattern("\\d+ articles read; 0 new or changed");
		this.admin.upload("/admin/import", "not a zip".getBytes(), "application/zip").expectStatus().isSeeOther();
		assertThat(this.admin.page("/admin/import-export")).contains("Nothing was imported");
	}

	/**
	 * Both upload forms posted without JavaScript: a multipart form whose {@code _csrf}
	 * part carries the token is taken (no header), one without the token is refused.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					/admin/import          | knowledge.zip | application/zip | /admin/import-export   | \\d+ articles read; 0 new or changed
					/admin/caseload-import | caseload.csv  | text/csv        | /admin/caseload-import | 1 of 1 row accepted: 1 added
					""")
	void anUploadFormWorksWithoutJavaScriptAndNeedsItsToken(String path, String fileName, String type, String page,
			String shows) {
		byte[] file = fileName.endsWith(".zip")
				? this.admin.get("/admin/export.zip")
					.expectStatus()
					.isOk()
					.expectBody(byte[].class)
					.returnResult()
					.getResponseBody()
				: """
						case_reference,name,preferred_name,date_of_birth,preferred_language,left_care_on,team,worker_email,worker_name,worker_role
						MP-1,Mo Part,,2007-05-06,en,,North,mp-worker@example.org,Mina Part,WORKER
						"""
					.getBytes();
		this.admin.multipart(path, fileName, type, file, false).expectStatus().isForbidden();
		assertThat(this.admin.page(page)).doesNotContainPattern(shows);
		this.admin.multipart(path, fileName, type, file, true)
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, page + "#result");
		assertThat(this.admin.page(page)).containsPattern(shows);
		// a form with the token but no file is explained on the page, not a failure
		MultipartBodyBuilder noFile = new MultipartBodyBuilder();
		noFile.part("_csrf", this.admin.token());
		this.web.post()
			.uri(path)
			.cookie("SESSION", this.admin.session())
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.body(BodyInserters.fromMultipartData(noFile.build()))
			.exchange()
			.expectStatus()
			.isSeeOther();
		assertThat(this.admin.page(page)).contains("Nothing was imported");
		// a manager's is refused even with the token
		this.manager.multipart(path, fileName, type, file, true).expectStatus().isForbidden();
	}

	/**
	 * The CSRF check reads a multipart body before anyone is known: one with more parts
	 * than an upload form has, or a part larger than any upload, is refused as carrying
	 * no token (403), signed in or not, never a server error.
	 */
	@Test
	void aMultipartBodyPastTheLimitsIsRefusedAsWithoutAToken() {
		MultipartBodyBuilder many = new MultipartBodyBuilder();
		for (int i = 0; i < 20; i++) {
			many.part("p" + i, "x");
		}
		many.part("_csrf", this.admin.token());
		MultipartBodyBuilder huge = new MultipartBodyBuilder();
		huge.part("file", new byte[12 * 1024 * 1024]).filename("huge.zip");
		huge.part("_csrf", this.admin.token());
		for (MultipartBodyBuilder parts : List.of(many, huge)) {
			for (String session : new String[] { this.admin.session(), null }) {
				WebTestClient.RequestBodySpec post = this.web.post().uri("/admin/import");
				if (session != null) {
					post = post.cookie("SESSION", session);
				}
				post.contentType(MediaType.MULTIPART_FORM_DATA)
					.body(BodyInserters.fromMultipartData(parts.build()))
					.exchange()
					.expectStatus()
					.isForbidden();
			}
		}
	}

	@Test
	void anAdminEditsAWorkerAndADeactivatedWorkerCannotSignIn() {
		String email = "edited-worker@example.org";
		long id = Staff.createWorker(this.web, email, "WORKER", "North");
		String edit = "/admin/workers/" + id;
		assertThat(this.admin.page("/admin/workers")).contains("href=\"" + edit + "\"");
		assertThat(this.manager.page("/admin/workers")).doesNotContain("href=\"" + edit + "\"")
			.contains("only an admin can add, edit or deactivate workers");
		assertThat(this.admin.page(edit)).contains("value=\"Worker\"").contains("value=\"North\"");

		this.admin.post(edit, Map.of("name", "", "team", "South", "role", "MANAGER"))
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(b -> assertThat(b).contains("Give the worker&#39;s name.").contains("value=\"South\""));
		this.admin.post(edit, Map.of("name", "Eddie Edited", "team", "South", "role", "MANAGER"))
			.expectStatus()
			.isSeeOther()
			.expectHeader()
			.valueEquals(HttpHeaders.LOCATION, edit + "?done=saved");
		var saved = Staff.read(Staff.as(this.web, ADMIN), "/api/v1/workers/" + id, Map.class);
		assertThat(saved).containsEntry("name", "Eddie Edited")
			.containsEntry("team", "South")
			.containsEntry("role", "MANAGER")
			.containsEntry("email", email);

		String session = Staff.session(this.web, email, PASSWORD);
		this.admin.post(edit + "/active", Map.of("active", "false")).expectStatus().isSeeOther();
		assertThat(this.admin.page(edit)).contains("Deactivated: cannot sign in");
		assertThat(this.admin.page("/admin/workers")).contains("deactivated: cannot sign in");
		// signed out at once, and the form and HTTP Basic both refuse the password
		this.web.get()
			.uri("/api/v1/workers/" + id)
			.cookie("SESSION", session)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		Staff.signIn(this.web, email, PASSWORD, null)
			.expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.valueMatches(HttpHeaders.LOCATION, ".*/login\\?error");
		Staff.as(this.web, email).get().uri("/api/v1/workers/" + id).exchange().expectStatus().isUnauthorized();

		this.admin.post(edit + "/active", Map.of("active", "true")).expectStatus().isSeeOther();
		assertThat(Staff.session(this.web, email, PASSWORD)).isNotBlank();
	}

	@Test
	void onlyAnAdminChangesWorkersAndNotTheirOwnRoleOrAccess() {
		long id = Staff.createWorker(this.web, "kept-worker@example.org", "WORKER", "North");
		String edit = "/admin/workers/" + id;
		this.manager.get(edit).expectStatus().isForbidden();
		this.worker.get(edit).expectStatus().isForbidden();
		for (var change : List.of(Map.of("path", edit, "name", "Hacked", "team", "North", "role", "ADMIN"),
				Map.of("path", edit + "/active", "active", "false"))) {
			Map<String, String> fields = new java.util.HashMap<>(change);
			String path = fields.remove("path");
			this.manager.post(path, fields).expectStatus().isForbidden();
		}
		assertThat(Staff.read(Staff.as(this.web, ADMIN), "/api/v1/workers/" + id, Map.class))
			.containsEntry("name", "Worker")
			.containsEntry("role", "WORKER")
			.containsEntry("active", true);
		this.admin.get("/admin/workers/999999").expectStatus().isNotFound();
		this.admin.post(edit + "/active", Map.of("active", "maybe")).expectStatus().isBadRequest();

		long self = java.util.Arrays.stream(Staff.read(Staff.as(this.web, ADMIN), "/api/v1/workers", Map[].class))
			.filter(w -> ADMIN.equals(w.get("email")))
			.map(w -> ((Number) w.get("id")).longValue())
			.findFirst()
			.orElseThrow();
		assertThat(this.admin.page("/admin/workers/" + self)).contains("This is your own account")
			.doesNotContain("id=\"deactivate\"");
		this.admin.post("/admin/workers/" + self + "/active", Map.of("active", "false"))
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(b -> assertThat(b).contains("You cannot deactivate your own account"));
		this.admin.post("/admin/workers/" + self, Map.of("name", "Admin", "team", "", "role", "WORKER"))
			.expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(b -> assertThat(b).contains("You cannot change your own role"));
	}

	@Test
	void theWeeksUnansweredCountLeavesOutGroupsMarkedHandled() {
		int before = count(this.admin.page("/admin"), "count-unanswered");
		for (String text : List.of("about the okapi licence, call me", "call me about the okapi licence")) {
			this.web.post()
				.uri("/api/v1/chat")
				.bodyValue(Map.of("text", text))
				.exchange()
				.expectBody()
				.jsonPath("$.confident")
				.isEqualTo(false);
		}
		assertThat(count(this.admin.page("/admin"), "count-unanswered")).isEqualTo(before + 2);
		Matcher wording = Pattern.compile("name=\"wording\" value=\"([^\"]*okapi[^\"]*)\"")
			.matcher(this.admin.page("/admin/unanswered"));
		assertThat(wording.find()).isTrue();
		this.admin.post("/admin/unanswered/handled", Map.of("wording", wording.group(1))).expectStatus().isSeeOther();
		assertThat(count(this.admin.page("/admin"), "count-unanswered")).isEqualTo(before);
		// asked again after it was handled: counted again
		this.web.post()
			.uri("/api/v1/chat")
			.bodyValue(Map.of("text", "call me about the okapi licence"))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(count(this.admin.page("/admin"), "count-unanswered")).isEqualTo(before + 1);
	}

	@Test
	void theDashboardCountsWhatIsWaiting() {
		String page = this.admin.page("/admin");
		assertThat(page).containsPattern("id=\"count-review\">\\d+</strong>")
			.containsPattern("id=\"count-translations\">\\d+</strong>");
		int before = count(page, "count-unanswered");
		this.web.post()
			.uri("/api/v1/chat")
			.bodyValue(Map.of("text", "call me about the axolotl permit"))
			.exchange()
			.expectBody()
			.jsonPath("$.confident")
			.isEqualTo(false);
		assertThat(count(this.admin.page("/admin"), "count-unanswered")).isEqualTo(before + 1);
		// a stranger in the web chat is in no team: a manager's count leaves them out
		assertThat(count(this.manager.page("/admin"), "count-unanswered")).isZero();
	}

	private static int count(String page, String id) {
		Matcher m = Pattern.compile("id=\"" + id + "\">(\\d+)</strong>").matcher(page);
		assertThat(m.find()).isTrue();
		return Integer.parseInt(m.group(1));
	}

	static Map<String, String> article(String id, String reviewBy) {
		return Map.of("scope", "city-of-london", "id", id, "title",
				id.startsWith("quoll") ? "Quoll grant" : "Wallaby grant", "topics", "money", "keywords",
				"wallaby, grant", "summary", "Care leavers can claim a wallaby grant of 100 pounds from the council.",
				"source", "https://example.org/wallaby", "reviewBy", reviewBy, "body",
				"Care leavers can claim a **wallaby grant** of 100 pounds.\nAsk your personal adviser.", "changeNote",
				"first draft");
	}

}
