package app.waymark.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import app.waymark.channel.sms.TwilioStub;
import app.waymark.channel.telegram.TelegramStub;
import app.waymark.people.LinkedYoungPerson;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two whole Waymark instances on one PostgreSQL schema, as a deployment with two replicas
 * runs: both take webhooks, both run the outbound dispatcher and the check-in scheduler
 * on short real intervals, and WireMock stands in for Twilio's and Telegram's APIs. Every
 * message must be stored once and sent once whichever instance gets it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesIntegrationTests {

	/**
	 * Real time, shifted so that it is mid-morning in London today: check-ins are never
	 * sent in quiet hours, and the test must not depend on when it runs.
	 */
	static final Duration SHIFT = Duration.between(Instant.now(),
			LocalDate.now(ZoneOffset.UTC).atTime(11, 0).toInstant(ZoneOffset.UTC));

	static final AtomicInteger numbers = new AtomicInteger();

	static final String WHATSAPP_SENDER = "whatsapp:+447700900000";

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Sealer sealer;

	TestDatabase database;

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TelegramStub telegram = new TelegramStub();

	WholeApplication a;

	WholeApplication b;

	String baseA;

	String baseB;

	DatabaseClient db;

	@TestConfiguration(proxyBeanMethods = false)
	static class ShiftedClock {

		@Bean
		@Primary
		Clock shiftedClock() {
			return Clock.offset(Clock.systemUTC(), SHIFT);
		}

	}

	@BeforeAll
	void start() throws Exception {
		this.database = TestDatabase.create(TestDatabase.Kind.POSTGRES);
		this.db = this.database.client();
		this.sealer = new Sealer(this.database.sealingKey());
		twilio.acceptEverything();
		telegram.acceptEverything();
		// one after the other: the first admin account and the article seed are made once
		this.a = instance("a");
		this.baseA = this.a.base();
		this.b = instance("b");
		this.baseB = this.b.base();
	}

	WholeApplication instance(String name) {
		Map<String, String> properties = WholeApplication.settings(this.database, twilio, telegram);
		properties.put("waymark.people.admin-email", ADMIN);
		properties.put("waymark.people.admin-password", PASSWORD);
		// this test asks the chat again and again until an article shows up
		properties.put("waymark.limits.chat", "100000/1m");
		properties.put("waymark.whatsapp.from", WHATSAPP_SENDER);
		return WholeApplication.start(name, properties, ShiftedClock.class);
	}

	@AfterAll
	void stop() {
		WholeApplication.closeAll(this.database, this.a, this.b);
	}

	@Test
	void oneWebhookDeliveredFourTimesToTwoInstancesIsStoredOnceAndAnsweredOnce() throws Exception {
		String number = newNumber();
		Map<String, String> params = TwilioStub.sms(number, "council tax");
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (String base : List.of(this.baseA, this.baseB, this.baseA, this.baseB)) {
			calls.add(smsWebhook(base, params));
		}
		for (CompletableFuture<HttpResponse<String>> call : calls) {
			assertThat(call.get().statusCode()).as(call.get().body()).isEqualTo(200);
		}
		eventually(() -> smsTo(number).size() == 1);
		settle();
		assertThat(smsTo(number)).hasSize(1);
		assertThat(count("select count(*) from message where channel = 'sms' and direction = 'IN' "
				+ "and address_hash = '" + this.sealer.hash(number) + "'"))
			.isEqualTo(1);
		assertThat(count("select count(*) from outbound o join message m on m.id = o.message_id where "
				+ "m.address_hash = '" + this.sealer.hash(number) + "' and o.status = 'SENT'"))
			.isEqualTo(1);
	}

	@Test
	void oneWhatsAppMessageDeliveredFourTimesToTwoInstancesIsStoredOnceAndAnsweredOnce() throws Exception {
		String address = "whatsapp:" + newNumber();
		Map<String, String> params = TwilioStub.whatsApp(address, WHATSAPP_SENDER, "council tax");
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (String base : List.of(this.baseA, this.baseB, this.baseA, this.baseB)) {
			calls.add(this.http.sendAsync(TwilioStub.webhookRequest(base, "/webhooks/twilio/whatsapp", params).build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		for (CompletableFuture<HttpResponse<String>> call : calls) {
			assertThat(call.get().statusCode()).as(call.get().body()).isEqualTo(200);
		}
		eventually(() -> smsTo(address).size() == 1);
		settle();
		assertThat(smsTo(address)).singleElement()
			.satisfies(reply -> assertThat(reply.get("From")).isEqualTo(WHATSAPP_SENDER));
		assertThat(count("select count(*) from message where channel = 'whatsapp' and direction = 'IN' "
				+ "and address_hash = '" + this.sealer.hash(address) + "'"))
			.isEqualTo(1);
	}

	@Test
	void fiftyMessagesSpreadOverBothInstancesGetFiftyRepliesNoneTwice() throws Exception {
		List<String> phones = new ArrayList<>();
		List<String> chats = new ArrayList<>();
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			String base = i % 2 == 0 ? this.baseA : this.baseB;
			if (i % 5 == 4) {
				String chat = String.valueOf(880_000_000L + numbers.incrementAndGet());
				chats.add(chat);
				calls.add(telegramWebhook(base, chat, "can i get free bus travel?"));
			}
			else {
				String number = newNumber();
				phones.add(number);
				calls.add(smsWebhook(base, TwilioStub.sms(number, "council tax")));
			}
		}
		for (CompletableFuture<HttpResponse<String>> call : calls) {
			assertThat(call.get().statusCode()).as(call.get().body()).isEqualTo(200);
		}
		eventually(() -> phones.stream().allMatch(n -> !smsTo(n).isEmpty())
				&& chats.stream().allMatch(c -> !telegramTo(c).isEmpty()));
		settle();
		assertThat(phones).hasSize(40).allSatisfy(n -> assertThat(smsTo(n)).hasSize(1));
		assertThat(chats).hasSize(10).allSatisfy(c -> assertThat(telegramTo(c)).hasSize(1));
	}

	@Test
	void aDueCheckInIsSentOnceWithBothSchedulersRunning() throws Exception {
		String number = newNumber();
		OffsetDateTime now = OffsetDateTime.now(Clock.offset(Clock.systemUTC(), SHIFT))
			.withOffsetSameInstant(ZoneOffset.UTC);
		long id = LinkedYoungPerson.insert(this.db, this.sealer, "sms", number, now);
		eventually(() -> !smsTo(number).isEmpty());
		settle();
		assertThat(smsTo(number)).singleElement()
			.satisfies(sms -> assertThat(sms.get("Body")).startsWith("Hi Sam, how are things?"));
		assertThat(count("select count(*) from check_in where young_person_id = " + id)).isEqualTo(1);
	}

	@Test
	void anArticlePublishedOnOneInstanceAnswersOnTheOtherWithinSeconds() throws Exception {
		String question = "how do I get the pangolin allowance";
		assertThat(chat(this.baseB, question)).doesNotContain("\"articleId\":\"pangolin-allowance\"");
		String article = """
				{"scope":"city-of-london","id":"pangolin-allowance","title":"Pangolin allowance",
				"topics":["money"],"keywords":["pangolin","allowance"],
				"summary":"Care leavers can claim a pangolin allowance from the council.",
				"source":"https://example.org/pangolin","reviewBy":"%s",
				"body":"Care leavers can claim a pangolin allowance. Ask your personal adviser.",
				"changeNote":"two instances"}""".formatted(LocalDate.now().plusYears(1));
		assertThat(admin(this.baseA, "/api/v1/admin/articles", article).statusCode()).isEqualTo(201);
		assertThat(
				admin(this.baseA, "/api/v1/admin/articles/city-of-london/pangolin-allowance/publish", "").statusCode())
			.isEqualTo(200);
		long published = System.nanoTime();
		eventually(() -> chat(this.baseB, question).contains("\"articleId\":\"pangolin-allowance\""));
		long millis = (System.nanoTime() - published) / 1_000_000;
		System.out.println("Article published on A answered on B after " + millis + " ms");
		assertThat(millis).isLessThan(5_000);
	}

	/**
	 * A young person linked on the web chat has the page open on instance B, and another
	 * tab on A; their worker replies through A. Whichever instance's dispatcher sends it,
	 * both pages get it within seconds, once. A message only written to the database (as
	 * the other instance's queue leaves it, and nobody here is told) reaches B's page
	 * too.
	 */
	@Test
	void aWorkersReplyReachesAnOpenChatPageOnEitherInstance() throws Exception {
		String conversation = conversationId(chat(this.baseB, "council tax"));
		OffsetDateTime now = OffsetDateTime.now(Clock.offset(Clock.systemUTC(), SHIFT))
			.withOffsetSameInstant(ZoneOffset.UTC)
			.truncatedTo(ChronoUnit.MILLIS);
		long sam = LinkedYoungPerson.insert(this.db, this.sealer, "web", conversation, now);
		String events = "/api/v1/chat/" + conversation + "/events?after=0";
		try (EventStream onB = EventStream.open(this.baseB + events, Map.of());
				EventStream onA = EventStream.open(this.baseA + events, Map.of())) {
			assertThat(onB.status()).isEqualTo(200);
			assertThat(onA.status()).isEqualTo(200);
			HttpResponse<String> queued = admin(this.baseA, "/api/v1/young-people/" + sam + "/replies",
					"{\"text\":\"Hi Sam, see you at 4\"}");
			assertThat(queued.statusCode()).as(queued.body()).isEqualTo(202);
			assertThat(queued.body()).contains("\"channel\":\"web\"");
			for (EventStream page : List.of(onB, onA)) {
				EventStream.Event event = page.next(Duration.ofSeconds(5));
				assertThat(event).as("the worker's reply within 5 s").isNotNull();
				assertThat(event.data()).contains("\"from\":\"worker\"").contains("Hi Sam, see you at 4");
			}

			long id = this.db
				.sql("insert into message (channel, direction, address_hash, body_sealed, kind, status, segments, "
						+ "created_at, updated_at) values ('web', 'OUT', :hash, :body, 'WORKER_REPLY', 'SENT', 1, "
						+ ":now, :now)")
				.bind("hash", this.sealer.hash(conversation))
				.bind("body", this.sealer.seal("Only in the database"))
				.bind("now", OffsetDateTime.now(Clock.offset(Clock.systemUTC(), SHIFT)).truncatedTo(ChronoUnit.MILLIS))
				.filter(statement -> statement.returnGeneratedValues("id"))
				.map(row -> row.get("id", Long.class))
				.one()
				.block();
			EventStream.Event found = onB.next(Duration.ofSeconds(5));
			assertThat(found).as("found in the database within 5 s").isNotNull();
			assertThat(found.id()).isEqualTo(String.valueOf(id));
			assertThat(found.data()).contains("Only in the database");
			settle();
			assertThat(onB.during(Duration.ofSeconds(3))).as("nothing twice").isEmpty();
			assertThat(onA.during(Duration.ofMillis(500))).extracting(EventStream.Event::id)
				.containsExactly(String.valueOf(id));
		}
	}

	// --- helpers

	static String conversationId(String chatReply) {
		java.util.regex.Matcher id = java.util.regex.Pattern.compile("\"conversationId\":\"([^\"]+)\"")
			.matcher(chatReply);
		assertThat(id.find()).as(chatReply).isTrue();
		return id.group(1);
	}

	static String newNumber() {
		return "+447700" + (910_000 + numbers.incrementAndGet());
	}

	CompletableFuture<HttpResponse<String>> smsWebhook(String base, Map<String, String> params) {
		return this.http.sendAsync(TwilioStub.webhookRequest(base, params).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	CompletableFuture<HttpResponse<String>> telegramWebhook(String base, String chat, String text) {
		String update = TelegramStub.message(numbers.incrementAndGet() + 900_000, chat, text);
		return this.http.sendAsync(TelegramStub.webhookRequest(base, update).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> admin(String base, String path, String json) throws Exception {
		String basic = Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/json")
			.header("Authorization", "Basic " + basic)
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	String chat(String base, String text) {
		try {
			return this.http
				.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/chat"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\",\"language\":\"en\"}"))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What the Twilio stand-in received for this number, as form fields. */
	List<Map<String, String>> smsTo(String number) {
		return twilio.sentTo(number);
	}

	List<LoggedRequest> telegramTo(String chat) {
		return telegram.messagesTo(chat);
	}

	long count(String sql) {
		return this.db.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block();
	}

	/** Waits (up to 15 s) for something the instances do on their own schedules. */
	static void eventually(Supplier<Boolean> condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		while (!condition.get()) {
			assertThat(System.nanoTime()).as("timed out waiting").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	/** Gives both dispatchers several more polls in which a duplicate would show. */
	static void settle() throws InterruptedException {
		Thread.sleep(1_500);
	}

}
