package app.waymark.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import app.waymark.channel.Replies;
import app.waymark.channel.OutboundDispatcher;
import app.waymark.channel.sms.TwilioStub;
import app.waymark.channel.telegram.TelegramStub;
import app.waymark.system.MutableClock;
import app.waymark.system.MutableClockConfiguration;
import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import app.waymark.system.Answering;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts end to end: signed Twilio and Telegram webhooks over real HTTP into the running
 * app, a real database, the real outbound queue and dispatcher. WireMock stands in only
 * for Twilio's and Telegram's servers, a local SMTP stub for the mail server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(MutableClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class AlertsIntegrationTests {

	static final String OUT_OF_HOURS = "+447700900999";

	static final String CRISIS = "i want to kill myself tonight";

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TelegramStub telegram = new TelegramStub();

	static final SmtpStub smtp = new SmtpStub();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	static final AtomicInteger counter = new AtomicInteger(100);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
		twilio.register(registry);
		telegram.register(registry);
		registry.add("waymark.outbound.enabled", () -> "false");
		registry.add("waymark.alert.public-base-url", () -> TwilioStub.PUBLIC + "/");
		registry.add("waymark.alert.out-of-hours-phone", () -> OUT_OF_HOURS);
		registry.add("waymark.alert.escalation-interval", () -> "0s");
		registry.add("waymark.alert.smtp.host", () -> "127.0.0.1");
		registry.add("waymark.alert.smtp.port", () -> String.valueOf(smtp.port()));
		registry.add("waymark.alert.smtp.from", () -> "alerts@waymark.example");
	}

	@AfterAll
	static void stop() throws Exception {
		smtp.close();
	}

	@Autowired
	MeterRegistry meters;

	@Autowired
	WebTestClient web;

	@Autowired
	OutboundDispatcher dispatcher;

	@Autowired
	AlertEscalation escalation;

	@Autowired
	DatabaseClient db;

	@Autowired
	MutableClock clock;

	private final List<String> secrets = new ArrayList<>();

	@BeforeEach
	void providersAcceptEverything() {
		twilio.acceptEverything();
		telegram.acceptEverything();
		// a weekday morning, with every earlier test's alerts long settled
		this.clock.set(Instant.parse("2026-11-24T10:00:00Z").plus(Duration.ofDays(7L * counter.get())));
		this.clock.set(nextWeekday(this.clock.instant(), 10));
		this.escalation.escalateDue().block();
		this.dispatcher.dispatchOnce().block();
	}

	@AfterEach
	void nothingPersonalInTheLogs(CapturedOutput output) {
		for (String secret : this.secrets) {
			assertThat(output.getAll()).doesNotContain(secret);
		}
		assertThat(output.getAll()).doesNotContain(CRISIS).doesNotContain("kill myself");
	}

	/** A team: Ann holds Jo, Dee is on duty, Max manages; all take alerts by SMS. */
	record Team(String name, Worker ann, Worker dee, Worker max, long jo, String joPhone) {
	}

	record Worker(long id, String email, String phone) {
	}

	Team team() {
		String name = "T" + counter.incrementAndGet();
		Worker ann = worker(name, "ann", "WORKER", false, "SMS,TELEGRAM");
		Worker dee = worker(name, "dee", "WORKER", true, "SMS");
		Worker max = worker(name, "max", "MANAGER", false, "SMS");
		String joPhone = newNumber();
		long jo = youngPerson(name, ann.id(), joPhone);
		// the link greetings go out now, so each test sees only its own messages
		dispatch();
		twilio.resetRequests();
		telegram.resetRequests();
		return new Team(name, ann, dee, max, jo, joPhone);
	}

	Worker worker(String team, String who, String role, boolean onDuty, String channels) {
		String email = who + "-" + team.toLowerCase() + "@example.org";
		long id = Staff.createWorker(this.web, email, role, team);
		as(ADMIN).patch()
			.uri("/api/v1/workers/" + id)
			.bodyValue(Map.of("alertChannels", channels, "onDuty", onDuty))
			.exchange()
			.expectStatus()
			.isOk();
		String phone = newNumber();
		sms(phone, linkCode("/api/v1/workers/" + id + "/link-codes"));
		return new Worker(id, email, phone);
	}

	long youngPerson(String team, long workerId, String phone) {
		long id = Staff.createYoungPerson(this.web, "R-" + team, team, workerId);
		if (phone != null) {
			sms(phone, linkCode("/api/v1/young-people/" + id + "/link-codes"));
		}
		return id;
	}

	String linkCode(String uri) {
		return Staff.linkCode(as(ADMIN), uri);
	}

	@Test
	void crisisSmsIsAlertedEscalatedAndAcknowledgedBySms() {
		Team team = team();
		String annChat = String.valueOf(900000 + counter.incrementAndGet());
		telegramUpdate(message(annChat, "/start " + linkCode("/api/v1/workers/" + team.ann().id() + "/link-codes")));
		this.secrets.add(annChat);
		dispatch();
		telegram.resetRequests();
		twilio.resetRequests();

		sms(team.joPhone(), CRISIS);
		Map<?, ?> alert = awaitAlert(team.ann(), team.jo(), 2);
		long id = ((Number) alert.get("id")).longValue();
		assertThat(alert.get("level")).isEqualTo("URGENT");
		assertThat(alert.get("reason")).isEqualTo("CRISIS");
		assertThat(alert.get("status")).isEqualTo("OPEN");
		dispatch();
		assertThat(smsTo(team.joPhone())).as("the crisis reply").singleElement();
		assertThat(smsTo(team.ann().phone())).singleElement()
			.satisfies(body -> assertThat(body).contains("URGENT alert " + id)
				.contains("Jo")
				.contains(CRISIS)
				.contains(TwilioStub.PUBLIC + "/app/young-people/" + team.jo())
				.endsWith("Reply ACK " + id));
		List<LoggedRequest> toChat = telegram.messages();
		assertThat(toChat).singleElement()
			.satisfies(request -> assertThat(request.getBodyAsString()).contains("\"chat_id\":\"" + annChat + "\"")
				.contains("ack:" + id));
		assertThat(smsTo(team.dee().phone())).isEmpty();

		this.clock.advance(Duration.ofMinutes(15));
		this.escalation.escalateDue().block();
		dispatch();
		assertThat(smsTo(team.dee().phone())).singleElement()
			.satisfies(body -> assertThat(body).contains("ESCALATED").contains("Reply ACK " + id));
		assertThat(smsTo(team.max().phone())).hasSize(1);
		assertThat(smsTo(OUT_OF_HOURS)).as("in working hours").isEmpty();

		this.clock.advance(Duration.ofMinutes(2));
		sms(team.ann().phone(), "ack " + id);
		dispatch();
		assertThat(smsTo(team.ann().phone())).last().isEqualTo("Alert " + id + " acknowledged. Thank you.");
		sms(team.dee().phone(), "ACK " + id);
		dispatch();
		assertThat(smsTo(team.dee().phone())).last().isEqualTo("Alert " + id + " was already acknowledged.");

		Map<?, ?> done = Staff.read(as(team.ann().email()), "/api/v1/alerts/" + id, Map.class);
		assertThat(done.get("status")).isEqualTo("ACKNOWLEDGED");
		assertThat(((Number) done.get("acknowledgedBy")).longValue()).isEqualTo(team.ann().id());
		assertThat(((List<?>) done.get("steps")).stream().map(step -> (String) ((Map<?, ?>) step).get("step")).toList())
			.containsExactly("RAISED", "SENT", "SENT", "SENT", "SENT", "ESCALATED", "ACKNOWLEDGED");
	}

	@Test
	void telegramButtonAcknowledges() {
		Team team = team();
		String annChat = String.valueOf(900000 + counter.incrementAndGet());
		this.secrets.add(annChat);
		telegramUpdate(message(annChat, "/start " + linkCode("/api/v1/workers/" + team.ann().id() + "/link-codes")));
		dispatch();
		sms(team.joPhone(), CRISIS);
		long id = ((Number) awaitAlert(team.ann(), team.jo(), 2).get("id")).longValue();
		dispatch();
		assertThat(telegram.messages())
			.anySatisfy(request -> assertThat(request.getBodyAsString()).contains("\"callback_data\":\"ack:" + id));
		telegramUpdate(TelegramStub.callback(counter.incrementAndGet(), annChat, "ack:" + id));
		dispatch();
		assertThat(status(team.ann(), id)).isEqualTo("ACKNOWLEDGED");
		assertThat(telegram.messages())
			.anySatisfy(request -> assertThat(request.getBodyAsString()).contains("Alert " + id + " acknowledged"));
	}

	@Test
	void askingForAPersonAlertsTheWorkerAndSaysSo() {
		Team team = team();
		sms(team.joPhone(), "Worker");
		Map<?, ?> alert = awaitAlert(team.ann(), team.jo(), 1);
		assertThat(alert.get("reason")).isEqualTo("ASKED_FOR_WORKER");
		assertThat(alert.get("level")).isEqualTo("NORMAL");
		dispatch();
		assertThat(smsTo(team.joPhone())).anySatisfy(body -> assertThat(body).startsWith("I've asked your worker"));
		assertThat(smsTo(team.ann().phone())).singleElement()
			.satisfies(body -> assertThat(body).containsIgnoringCase("asked for worker"));
	}

	@Test
	void aStrangerAskingForAPersonIsToldHowToReachOneAndNobodyIsAlerted() {
		String stranger = "+447700900999";
		long before = this.db.sql("select count(*) as n from alert").map(row -> row.get("n", Long.class)).one().block();
		sms(stranger, "WORKER");
		dispatch();
		assertThat(smsTo(stranger)).isNotEmpty().noneSatisfy(body -> assertThat(body).contains("I've asked"));
		long after = this.db.sql("select count(*) as n from alert").map(row -> row.get("n", Long.class)).one().block();
		assertThat(after).isEqualTo(before);
	}

	@Test
	void workerOnLeaveMeansTheDutyWorkerIsAlerted() {
		Team team = team();
		as(ADMIN).post()
			.uri("/api/v1/workers/" + team.ann().id() + "/absences")
			.bodyValue(Map.of("startsOn", "2026-01-01", "endsOn", "2099-12-31", "reason", "leave"))
			.exchange()
			.expectStatus()
			.isCreated();
		sms(team.joPhone(), CRISIS);
		Map<?, ?> alert = awaitAlert(team.dee(), team.jo(), 1);
		assertThat(((Number) alert.get("workerId")).longValue()).isEqualTo(team.dee().id());
		dispatch();
		assertThat(smsTo(team.dee().phone())).singleElement().satisfies(body -> assertThat(body).contains(CRISIS));
		assertThat(smsTo(team.ann().phone())).isEmpty();
	}

	@Test
	void outOfHoursEscalationGoesToTheOutOfHoursContact() {
		Team team = team();
		this.clock.set(this.clock.instant().plus(Duration.ofHours(10)));
		sms(team.joPhone(), CRISIS);
		long id = ((Number) awaitAlert(team.ann(), team.jo(), 1).get("id")).longValue();
		dispatch();
		twilio.resetRequests();
		this.clock.advance(Duration.ofMinutes(16));
		this.escalation.escalateDue().block();
		dispatch();
		assertThat(smsTo(OUT_OF_HOURS)).singleElement().satisfies(body -> assertThat(body).contains("alert " + id));
		assertThat(smsTo(team.dee().phone())).isEmpty();
		assertThat(smsTo(team.max().phone())).isEmpty();
		assertThat(status(team.ann(), id)).isEqualTo("ESCALATED");
	}

	@Test
	void emailAlertsGoThroughSmtp() {
		Team team = team();
		Worker eve = worker(team.name(), "eve", "WORKER", false, "EMAIL");
		long eveJo = youngPerson(team.name() + "e", eve.id(), null);
		int before = smtp.messages.size();
		// raised the way check-ins and delivery failures raise theirs
		this.alerts.raise(new NewAlert(eveJo, AlertLevel.NORMAL, "NOT_HEARD_FROM", null, null)).block();
		await(() -> smtp.messages.size() > before);
		String mail = smtp.messages.get(smtp.messages.size() - 1);
		assertThat(mail).contains("To: " + eve.email())
			.contains("From: alerts@waymark.example")
			.contains("Subject: Waymark NORMAL alert")
			.contains("Jo - not heard from")
			.contains(TwilioStub.PUBLIC + "/app/young-people/" + eveJo);
	}

	@Autowired
	Alerts alerts;

	@Test
	void workerReplyReachesTheYoungPersonsPhone() {
		Team team = team();
		sms(team.joPhone(), "thanks");
		dispatch();
		twilio.resetRequests();
		as(team.ann().email()).post()
			.uri("/api/v1/young-people/" + team.jo() + "/replies")
			.bodyValue(Map.of("text", "Hi Jo, I will call you at 3"))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.channel")
			.isEqualTo("sms");
		dispatch();
		assertThat(smsTo(team.joPhone())).containsExactly("Hi Jo, I will call you at 3");
		long row = this.db
			.sql("select count(*) as n from message where kind = 'WORKER_REPLY' and worker_id = :w "
					+ "and young_person_id = :y")
			.bind("w", team.ann().id())
			.bind("y", team.jo())
			.map(r -> r.get("n", Long.class))
			.one()
			.block();
		assertThat(row).isEqualTo(1);
		long audited = this.db
			.sql("select count(*) as n from audit_event where action = 'REPLY' and actor_id = :w "
					+ "and subject_type = 'YOUNG_PERSON' and subject_id = :y")
			.bind("w", team.ann().id())
			.bind("y", team.jo())
			.map(r -> r.get("n", Long.class))
			.one()
			.block();
		assertThat(audited).as("a reply through the API is audited as one from the worker app is").isEqualTo(1);
	}

	record ReplyCase(String label, String who, String text, boolean linked, int status) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static Stream<ReplyCase> replyRefusals() {
		return Stream.of(new ReplyCase("no reachable channel", "ann", "hello", false, 409),
				new ReplyCase("another team's worker", "other", "hello", true, 403),
				new ReplyCase("blank text", "ann", "  ", true, 400),
				new ReplyCase("too long", "ann", "x".repeat(Replies.MAX_LENGTH + 1), true, 400));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("replyRefusals")
	void workerRepliesAreRefusedClearly(ReplyCase row) {
		Team team = team();
		Worker other = worker(team.name() + "x", "oli", "WORKER", false, "SMS");
		long target = row.linked() ? team.jo() : youngPerson(team.name() + "n", team.ann().id(), null);
		as(row.who().equals("ann") ? team.ann().email() : other.email()).post()
			.uri("/api/v1/young-people/" + target + "/replies")
			.bodyValue(Map.of("text", row.text()))
			.exchange()
			.expectStatus()
			.isEqualTo(row.status())
			.expectBody()
			.jsonPath("$.message")
			.isNotEmpty();
	}

	record Visibility(String who, boolean lists, int get, int acknowledge) {

		@Override
		public String toString() {
			return this.who;
		}

	}

	static Stream<Visibility> visibility() {
		return Stream.of(new Visibility("own worker", true, 200, 200), new Visibility("other worker", false, 403, 403),
				new Visibility("team manager", true, 200, 200), new Visibility("other team's manager", false, 403, 403),
				new Visibility("admin", true, 200, 200));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("visibility")
	void alertApiShowsEachWorkerWhatTheyMaySee(Visibility row) {
		Team team = team();
		Worker bob = worker(team.name(), "bob", "WORKER", false, "SMS");
		Worker otherManager = worker(team.name() + "o", "mia", "MANAGER", false, "SMS");
		Alert alert = this.alerts.raise(new NewAlert(team.jo(), AlertLevel.NORMAL, "CONCERN", null, null)).block();
		String email = switch (row.who()) {
			case "own worker" -> team.ann().email();
			case "other worker" -> bob.email();
			case "team manager" -> team.max().email();
			case "other team's manager" -> otherManager.email();
			default -> ADMIN;
		};
		List<?> listed = Staff.read(as(email), "/api/v1/alerts?status=OPEN", List.class);
		assertThat(listed.stream().anyMatch(a -> ((Number) ((Map<?, ?>) a).get("id")).longValue() == alert.id()))
			.isEqualTo(row.lists());
		as(email).get().uri("/api/v1/alerts/" + alert.id()).exchange().expectStatus().isEqualTo(row.get());
		as(email).post()
			.uri("/api/v1/alerts/" + alert.id() + "/acknowledge")
			.exchange()
			.expectStatus()
			.isEqualTo(row.acknowledge());
		assertThat(status(team.ann(), alert.id())).isEqualTo(row.acknowledge() == 200 ? "ACKNOWLEDGED" : "OPEN");
	}

	@Test
	void afterReallocationOnlyTheNewWorkerMayReadOrAcknowledgeTheOpenAlert() {
		Team team = team();
		Worker bob = worker(team.name(), "bob", "WORKER", false, "SMS");
		dispatch();
		twilio.resetRequests();
		sms(team.joPhone(), CRISIS);
		long id = ((Number) awaitAlert(team.ann(), team.jo(), 1).get("id")).longValue();
		dispatch();
		twilio.resetRequests();
		// the manager moves Jo from Ann to Bob while the alert is open
		as(team.max().email()).post()
			.uri("/api/v1/allocations")
			.bodyValue(Map.of("youngPersonId", team.jo(), "workerId", bob.id()))
			.exchange()
			.expectStatus()
			.isCreated();
		// Ann can no longer read it, list it or acknowledge it (API or SMS) ...
		as(team.ann().email()).get().uri("/api/v1/alerts/" + id).exchange().expectStatus().isForbidden();
		assertThat(Staff.read(as(team.ann().email()), "/api/v1/alerts", List.class)).isEmpty();
		as(team.ann().email()).post()
			.uri("/api/v1/alerts/" + id + "/acknowledge")
			.exchange()
			.expectStatus()
			.isForbidden();
		sms(team.ann().phone(), "ACK " + id);
		dispatch();
		assertThat(smsTo(team.ann().phone())).last().isEqualTo("There is no alert " + id + " for you.");
		assertThat(status(bob, id)).as("still waiting for someone, so it still escalates").isEqualTo("OPEN");
		// ... and it is Bob's now: addressed and sent to him
		await(() -> {
			dispatch();
			return smsTo(bob.phone()).stream().anyMatch(body -> body.contains("URGENT alert " + id));
		});
		Map<?, ?> moved = Staff.read(as(bob.email()), "/api/v1/alerts/" + id, Map.class);
		assertThat(((Number) moved.get("workerId")).longValue()).isEqualTo(bob.id());
		assertThat(((List<?>) moved.get("steps")).stream().map(step -> (String) ((Map<?, ?>) step).get("step")))
			.contains("REASSIGNED");
		as(bob.email()).post().uri("/api/v1/alerts/" + id + "/acknowledge").exchange().expectStatus().isOk();
		assertThat(status(bob, id)).isEqualTo("ACKNOWLEDGED");
	}

	@Test
	void alertApiRefusesBadInput() {
		as(ADMIN).get().uri("/api/v1/alerts?status=NOPE").exchange().expectStatus().isBadRequest();
		as(ADMIN).get().uri("/api/v1/alerts/99999999").exchange().expectStatus().isNotFound();
		as(ADMIN).get().uri("/api/v1/alerts/abc").exchange().expectStatus().isBadRequest();
		this.web.get().uri("/api/v1/alerts").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void listIsUrgentFirstThenNewest() {
		Team team = team();
		Alert normal = this.alerts.raise(new NewAlert(team.jo(), AlertLevel.NORMAL, "CONCERN", null, null)).block();
		this.clock.advance(Duration.ofSeconds(1));
		Alert urgent = this.alerts.raise(new NewAlert(team.jo(), AlertLevel.URGENT, "CRISIS", null, null)).block();
		this.clock.advance(Duration.ofSeconds(1));
		Alert newer = this.alerts.raise(new NewAlert(team.jo(), AlertLevel.NORMAL, "CONCERN", null, null)).block();
		List<?> listed = Staff.read(as(team.ann().email()), "/api/v1/alerts", List.class);
		assertThat(listed.stream().map(a -> ((Number) ((Map<?, ?>) a).get("id")).longValue()))
			.containsExactly(urgent.id(), newer.id(), normal.id());
	}

	// --- helpers

	String status(Worker worker, long id) {
		return (String) Staff.read(as(worker.email()), "/api/v1/alerts/" + id, Map.class).get("status");
	}

	/**
	 * Waits for the alert about this young person and for its deliveries to be queued.
	 */
	Map<?, ?> awaitAlert(Worker worker, long youngPerson, int sends) {
		List<Map<?, ?>> found = new ArrayList<>();
		await(() -> {
			found.clear();
			List<?> listed = as(worker.email()).get()
				.uri("/api/v1/alerts")
				.exchange()
				.expectBody(List.class)
				.returnResult()
				.getResponseBody();
			for (Object item : listed) {
				Map<?, ?> a = (Map<?, ?>) item;
				if (a.get("youngPersonId") != null && ((Number) a.get("youngPersonId")).longValue() == youngPerson) {
					found.add(a);
				}
			}
			if (found.isEmpty()) {
				return false;
			}
			long id = ((Number) found.get(0).get("id")).longValue();
			return this.db.sql("select count(*) as n from alert_event where alert_id = :id and step = 'SENT'")
				.bind("id", id)
				.map(row -> row.get("n", Long.class))
				.one()
				.block() >= sends;
		});
		return found.get(0);
	}

	static void await(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("timed out");
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	/**
	 * Sends what is queued; the clock moves on past Telegram's one-message-a-second per
	 * chat.
	 */
	void dispatch() {
		this.clock.advance(Duration.ofSeconds(2));
		this.dispatcher.dispatchOnce().block();
	}

	String newNumber() {
		String number = "+4477009" + String.format("%05d", counter.incrementAndGet());
		this.secrets.add(number);
		this.secrets.add(number.substring(1));
		return number;
	}

	List<String> smsTo(String number) {
		return twilio.sentTo(number).stream().map(sms -> sms.get("Body")).toList();
	}

	void sms(String from, String body) {
		TwilioStub.deliver(this.web, from, body).expectStatus().isOk();
		Answering.settled(this.meters);
	}

	String message(String chat, String text) {
		return TelegramStub.message(counter.incrementAndGet(), chat, text);
	}

	void telegramUpdate(String json) {
		TelegramStub.deliver(this.web, json).expectStatus().isOk();
		Answering.settled(this.meters);
	}

	static Instant nextWeekday(Instant instant, int hour) {
		java.time.ZonedDateTime day = instant.atZone(java.time.ZoneOffset.UTC).withHour(hour).withMinute(0);
		while (day.getDayOfWeek() == java.time.DayOfWeek.SATURDAY || day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
			day = day.plusDays(1);
		}
		return day.toInstant();
	}

	WebTestClient as(String email) {
		return Staff.as(this.web, email);
	}

}
