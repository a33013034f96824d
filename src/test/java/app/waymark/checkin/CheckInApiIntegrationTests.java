package app.waymark.checkin;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The check-in plan and history API over real HTTP with HTTP Basic. */
@SpringBootTest(properties = { "waymark.checkin.enabled=false", "waymark.outbound.enabled=false" })
@AutoConfigureWebTestClient
class CheckInApiIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	private String ann;

	private String bob;

	private long person;

	@BeforeEach
	void people() {
		String suffix = UUID.randomUUID().toString().substring(0, 8);
		this.ann = "ann-" + suffix + "@example.org";
		this.bob = "bob-" + suffix + "@example.org";
		long annId = worker(this.ann, "North");
		worker(this.bob, "South");
		this.person = Staff.createYoungPerson(this.web, "R" + suffix, "North", annId);
	}

	record Call(String label, String who, HttpMethod method, String path, Object body, int status, String field) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static List<Call> calls() {
		return List
			.of(new Call("own worker reads the default plan", "ann", HttpMethod.GET, "/check-in-plan", null, 200, null),
					new Call("own worker sets a plan", "ann", HttpMethod.PUT, "/check-in-plan",
							Map.of("frequency", "WEEKLY", "channelOrder", List.of("sms", "telegram")), 200, null),
					new Call("own worker reads the history", "ann", HttpMethod.GET, "/check-ins", null, 200, null),
					new Call("admin may too", "admin", HttpMethod.GET, "/check-in-plan", null, 200, null),
					new Call("another team's worker may not read", "bob", HttpMethod.GET, "/check-in-plan", null, 403,
							null),
					new Call("another team's worker may not change", "bob", HttpMethod.PUT, "/check-in-plan",
							Map.of("frequency", "PAUSED"), 403, null),
					new Call("another team's worker may not read history", "bob", HttpMethod.GET, "/check-ins", null,
							403, null),
					new Call("nobody signed in", null, HttpMethod.GET, "/check-in-plan", null, 401, null),
					new Call("unknown frequency", "ann", HttpMethod.PUT, "/check-in-plan", Map.of("frequency", "DAILY"),
							400, "frequency"),
					new Call("missing frequency", "ann", HttpMethod.PUT, "/check-in-plan",
							Map.of("channelOrder", List.of("sms")), 400, "frequency"),
					new Call("unknown channel", "ann", HttpMethod.PUT, "/check-in-plan",
							Map.of("frequency", "WEEKLY", "channelOrder", List.of("pigeon")), 400, "channelOrder"));
	}

	@ParameterizedTest
	@MethodSource("calls")
	void access(Call call) {
		WebTestClient client = call.who() == null ? this.web
				: as(call.who().equals("admin") ? ADMIN : call.who().equals("ann") ? this.ann : this.bob);
		WebTestClient.RequestBodySpec request = client.method(call.method())
			.uri("/api/v1/young-people/" + this.person + call.path());
		WebTestClient.ResponseSpec response = call.body() == null ? request.exchange()
				: request.bodyValue(call.body()).exchange();
		response.expectStatus().isEqualTo(call.status());
		if (call.field() != null) {
			response.expectBody(Map.class)
				.value(body -> assertThat(body.toString()).contains(call.field()).doesNotContain("Exception"));
		}
	}

	@Test
	void planRoundTripsAndUnknownYoungPersonIs404() {
		as(this.ann).put()
			.uri("/api/v1/young-people/" + this.person + "/check-in-plan")
			.bodyValue(Map.of("frequency", "fortnightly", "channelOrder", List.of("SMS", "telegram", "sms")))
			.exchange()
			.expectStatus()
			.isOk();
		Map<?, ?> plan = Staff.read(as(this.ann), "/api/v1/young-people/" + this.person + "/check-in-plan", Map.class);
		assertThat(plan.get("frequency")).isEqualTo("FORTNIGHTLY");
		assertThat(plan.get("channelOrder")).isEqualTo(List.of("sms", "telegram"));
		assertThat(plan.get("nextDueAt")).isNotNull();
		as(ADMIN).get().uri("/api/v1/young-people/999999/check-in-plan").exchange().expectStatus().isNotFound();
	}

	@Test
	void historyListsCheckInsNewestFirst() {
		for (String status : List.of("NO_REPLY", "ANSWERED")) {
			this.db.sql(
					"insert into check_in (young_person_id, channel, status, sent_at) values (:id, 'sms', :status, :at)")
				.bind("id", this.person)
				.bind("status", status)
				.bind("at", OffsetDateTime.now().plusMinutes(status.equals("ANSWERED") ? 1 : 0))
				.then()
				.block();
		}
		as(this.ann).get()
			.uri("/api/v1/young-people/" + this.person + "/check-ins")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBodyList(Map.class)
			.value(rows -> assertThat(rows).extracting(row -> row.get("status"))
				.containsExactly("ANSWERED", "NO_REPLY"));
	}

	private long worker(String email, String team) {
		return Staff.createWorker(this.web, email, "WORKER", team);
	}

	private WebTestClient as(String email) {
		return Staff.as(this.web, email);
	}

}
