package app.waymark.people;

import java.time.Instant;
import java.util.Map;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.Inbox;
import app.waymark.channel.ReplyShaper;
import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The people API over real HTTP with HTTP Basic, on a fresh database, with the first
 * admin made from the environment settings.
 */
@SpringBootTest
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class PeopleApiIntegrationTests {

	/** Queues nothing: these cases read the receipt's reply themselves. */
	static final ReplyShaper IN_RESPONSE = new ReplyShaper.InResponseOnly("sms");

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	@Autowired
	WebTestClient web;

	@Autowired
	Inbox inbox;

	@Autowired
	DatabaseClient db;

	private static int counter;

	private String ann;

	private long annId;

	private String bob;

	@BeforeEach
	void workers() {
		counter++;
		this.ann = "ann" + counter + "@example.org";
		this.bob = "bob" + counter + "@example.org";
		this.annId = createWorker(this.ann, "WORKER", "North");
		createWorker(this.bob, "WORKER", "South");
	}

	@Test
	void apiNeedsSigningInAndAnswersJson() {
		this.web.get()
			.uri("/api/v1/young-people")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401)
			.jsonPath("$.message")
			.isNotEmpty();
		this.web.get()
			.uri("/api/v1/young-people")
			.headers(h -> h.setBasicAuth(ADMIN, "wrong password"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401);
		as(ADMIN).get().uri("/api/v1/young-people").exchange().expectStatus().isOk();
		// public routes stay public
		this.web.get().uri("/actuator/health").exchange().expectStatus().isOk();
		this.web.get().uri("/").exchange().expectStatus().isOk();
	}

	@Test
	void browsersAreSentToTheLoginForm() {
		this.web.get()
			.uri("/some/page")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.valueMatches("Location", ".*/login");
		this.web.get()
			.uri("/login")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(page -> assertThat(page).contains("name=\"password\"").contains("name=\"_csrf\""));
		// a form post without the CSRF token is refused; the API needs none
		this.web.post().uri("/login").exchange().expectStatus().isForbidden();
	}

	@Test
	void workersSeeTheirCaseloadAndNotOthers() {
		long id = createYoungPerson("R" + counter, this.annId);
		as(this.ann).get()
			.uri("/api/v1/young-people")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].id")
			.isEqualTo(id)
			.jsonPath("$.length()")
			.isEqualTo(1);
		as(this.ann).get()
			.uri("/api/v1/young-people/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.preferredName")
			.isEqualTo("Jo");
		as(this.bob).get()
			.uri("/api/v1/young-people/{id}", id)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403);
		as(this.bob).get().uri("/api/v1/young-people").exchange().expectBody().jsonPath("$.length()").isEqualTo(0);
		as(this.ann).get()
			.uri("/api/v1/young-people/{id}", 987654)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
		assertThat(audits("READ_YOUNG_PERSON", id)).isEqualTo(1);
	}

	@Test
	void onlyAdminsAndManagersCreateAndBadFieldsAreNamed() {
		as(this.ann).post()
			.uri("/api/v1/young-people")
			.bodyValue(Map.of("caseReference", "X" + counter, "name", "A B"))
			.exchange()
			.expectStatus()
			.isForbidden();
		as(ADMIN).post()
			.uri("/api/v1/young-people")
			.bodyValue(Map.of("caseReference", "X" + counter, "name", "A B", "dateOfBirth", "31/12/2005"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("dateOfBirth");
		as(ADMIN).post()
			.uri("/api/v1/young-people")
			.bodyValue(Map.of("name", "A B"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("caseReference");
		as(ADMIN).post()
			.uri("/api/v1/workers")
			.bodyValue(Map.of("name", "C", "email", "not-an-email"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("email");
		as(this.ann).post()
			.uri("/api/v1/workers")
			.bodyValue(Map.of("name", "C", "email", "c@example.org"))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

	@Test
	void patchAllocateAndAbsenceHandOverToTheDutyWorker() {
		long id = createYoungPerson("P" + counter, this.annId);
		as(this.ann).patch()
			.uri("/api/v1/young-people/{id}", id)
			.bodyValue(Map.of("preferredName", "Jojo", "preferredLanguage", "ar", "quietStart", "22:00"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.preferredName")
			.isEqualTo("Jojo")
			.jsonPath("$.preferredLanguage")
			.isEqualTo("ar");
		as(this.ann).patch()
			.uri("/api/v1/young-people/{id}", id)
			.bodyValue(Map.of("status", "GONE"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("status");
		String dee = "dee" + counter + "@example.org";
		long deeId = createWorker(dee, "WORKER", "North");
		as(ADMIN).patch()
			.uri("/api/v1/workers/{id}", deeId)
			.bodyValue(Map.of("onDuty", true, "alertChannels", "telegram,sms"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.alertChannels")
			.isEqualTo("TELEGRAM,SMS");
		as(dee).get().uri("/api/v1/young-people/{id}", id).exchange().expectStatus().isForbidden();
		as(ADMIN).post()
			.uri("/api/v1/workers/{id}/absences", this.annId)
			.bodyValue(Map.of("startsOn", java.time.LocalDate.now().minusDays(1).toString(), "endsOn",
					java.time.LocalDate.now().plusDays(1).toString()))
			.exchange()
			.expectStatus()
			.isCreated();
		as(dee).get().uri("/api/v1/young-people/{id}", id).exchange().expectStatus().isOk();
		as(ADMIN).post()
			.uri("/api/v1/allocations")
			.bodyValue(Map.of("youngPersonId", id, "workerId", deeId))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.workerId")
			.isEqualTo(deeId);
		as(dee).get()
			.uri("/api/v1/young-people/{id}/allocations", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length()")
			.isEqualTo(2)
			.jsonPath("$[0].endsAt")
			.isNotEmpty();
		as(ADMIN).post()
			.uri("/api/v1/allocations")
			.bodyValue(Map.of("youngPersonId", id))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("workerId");
	}

	@Test
	void managersAllocateOnlyWithinTheirTeamAndAdminsAnywhere() {
		String manager = "mgr" + counter + "@example.org";
		createWorker(manager, "MANAGER", "North");
		long northWorker = createWorker("nw" + counter + "@example.org", "WORKER", "North");
		long southWorker = createWorker("sw" + counter + "@example.org", "WORKER", "South");
		long id = createYoungPerson("TEAM" + counter, this.annId);
		// a North manager may not hand a North young person to a South worker
		as(manager).post()
			.uri("/api/v1/allocations")
			.bodyValue(Map.of("youngPersonId", id, "workerId", southWorker))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("workerId");
		as(manager).post()
			.uri("/api/v1/young-people")
			.bodyValue(Map.of("caseReference", "TEAMNEW" + counter, "name", "New Person", "workerId", southWorker))
			.exchange()
			.expectStatus()
			.isBadRequest();
		assertThat(count("select count(*) as n from young_person where case_reference = 'TEAMNEW" + counter + "'"))
			.isZero();
		assertThat(current(id)).isEqualTo(this.annId);
		// within the team is fine; an admin may cross teams
		as(manager).post()
			.uri("/api/v1/allocations")
			.bodyValue(Map.of("youngPersonId", id, "workerId", northWorker))
			.exchange()
			.expectStatus()
			.isCreated();
		as(ADMIN).post()
			.uri("/api/v1/allocations")
			.bodyValue(Map.of("youngPersonId", id, "workerId", southWorker))
			.exchange()
			.expectStatus()
			.isCreated();
		assertThat(current(id)).isEqualTo(southWorker);
	}

	@Test
	void anUnknownWorkerIs400AndStoresNothing() {
		String reference = "BADREF" + counter;
		as(ADMIN).post()
			.uri("/api/v1/young-people")
			.bodyValue(Map.of("caseReference", reference, "name", "Nobody's", "team", "North", "workerId", 987654321))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("workerId")
			.jsonPath("$.message")
			.value(message -> assertThat((String) message).doesNotContain("Exception"));
		assertThat(count("select count(*) as n from young_person where case_reference = '" + reference + "'")).isZero();
		// the same record with a real worker is then created as usual
		createYoungPerson(reference, this.annId);
		long id = this.db.sql("select id from young_person where case_reference = :ref")
			.bind("ref", reference)
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
		as(ADMIN).post()
			.uri("/api/v1/allocations")
			.bodyValue(Map.of("youngPersonId", id, "workerId", 987654321))
			.exchange()
			.expectStatus()
			.isBadRequest();
		assertThat(current(id)).isEqualTo(this.annId);
	}

	private long current(long youngPerson) {
		return this.db.sql("select worker_id from allocation where young_person_id = :id and ends_at is null")
			.bind("id", youngPerson)
			.map(row -> row.get("worker_id", Long.class))
			.one()
			.block();
	}

	private long count(String sql) {
		return this.db.sql(sql).map(row -> row.get("n", Long.class)).one().block();
	}

	@Test
	void linkCodeLinksAChatAndTheLogStaysFreeOfPersonalData(CapturedOutput output) {
		long id = createYoungPerson("L" + counter, this.annId);
		String code = Staff.linkCode(as(this.ann), "/api/v1/young-people/" + id + "/link-codes");
		assertThat(code).matches("[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}");
		as(this.bob).post().uri("/api/v1/young-people/{id}/link-codes", id).exchange().expectStatus().isForbidden();
		String phone = "+447700900" + (100 + counter);
		String secret = "my landlord changed the locks on purple tuesday";
		InboundMessage wrong = new InboundMessage("sms", phone, "ZZZZ-2222", null, Instant.now());
		assertThat(this.inbox.receive(wrong, "SMw" + counter, IN_RESPONSE).block().reply().topics())
			.containsExactly("link.invalid", "");
		InboundMessage linking = new InboundMessage("sms", phone, code.toLowerCase().replace("-", ""), null,
				Instant.now());
		var linked = this.inbox.receive(linking, "SMa" + counter, IN_RESPONSE).block();
		assertThat(linked.reply().topics()).containsExactly("link.linked", "Jo");
		var chat = this.inbox
			.receive(new InboundMessage("sms", phone, secret, null, Instant.now()), "SMb" + counter, IN_RESPONSE)
			.block();
		assertThat(chat.sender().youngPersonId()).isEqualTo(id);
		// the web chat answers a code with a phrase too
		this.web.post()
			.uri("/api/v1/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", code, "conversationId", "page-" + counter))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.reply")
			.value(reply -> assertThat((String) reply).contains("already been used").doesNotContain("Jo"));
		as(this.ann).get()
			.uri("/api/v1/young-people/{id}/messages", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].text")
			.isEqualTo(secret);
		as(this.bob).get().uri("/api/v1/young-people/{id}/messages", id).exchange().expectStatus().isForbidden();
		assertThat(audits("READ_MESSAGES", id)).isEqualTo(1);
		assertThat(this.db.sql("select count(*) as n from audit_event where detail like :secret")
			.bind("secret", "%landlord%")
			.map(row -> row.get("n", Long.class))
			.one()
			.block()).isZero();
		assertThat(output.getAll()).doesNotContain(phone)
			.doesNotContain(phone.substring(3))
			.doesNotContain("landlord")
			.doesNotContain(code)
			.doesNotContain(code.replace("-", "").toLowerCase());
	}

	@Test
	void caseloadImportIsForAdmins() {
		String csv = "case_reference,name,preferred_name,date_of_birth,preferred_language,left_care_on,team,"
				+ "worker_email,worker_name,worker_role\n" + "I" + counter + ",Ima Port,,,,,North," + this.ann
				+ ",Ann,\n" + "I" + counter + "b,,,,,,North," + this.ann + ",Ann,\n";
		importCaseload(ADMIN, csv).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.created")
			.isEqualTo(1)
			.jsonPath("$.errors[0].line")
			.isEqualTo(3)
			.jsonPath("$.errors[0].field")
			.isEqualTo("name");
		importCaseload(ADMIN, csv).expectBody().jsonPath("$.created").isEqualTo(0).jsonPath("$.unchanged").isEqualTo(1);
		importCaseload(this.ann, csv).expectStatus().isForbidden();
		importCaseload(ADMIN, "wrong,header\n").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("csv");
	}

	private long createWorker(String email, String role, String team) {
		return Staff.createWorker(this.web, email, role, team);
	}

	private long createYoungPerson(String reference, long workerId) {
		return Staff.createYoungPerson(this.web, reference, "North", workerId);
	}

	private WebTestClient.ResponseSpec importCaseload(String email, String csv) {
		return as(email).post()
			.uri("/api/v1/import/caseload")
			.contentType(MediaType.parseMediaType("text/csv"))
			.bodyValue(csv)
			.exchange();
	}

	private long audits(String action, long subject) {
		return this.db.sql("select count(*) as n from audit_event where action = :action and subject_id = :id")
			.bind("action", action)
			.bind("id", subject)
			.map(row -> row.get("n", Long.class))
			.one()
			.block();
	}

	private WebTestClient as(String email) {
		return Staff.as(this.web, email);
	}

}
