package app.waymark.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import app.waymark.channel.sms.TwilioStub;
import app.waymark.channel.telegram.TelegramStub;
import app.waymark.people.LinkedYoungPerson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL goes away while messages flow, and comes back: the application reaches it
 * through a {@link TcpProxy} that drops every connection and refuses new ones for a few
 * seconds, as a database restart does (the shared server itself is never touched).
 * Webhooks during the outage must get a 503 the provider retries; afterwards every
 * message is stored once and answered once, the crisis alerts are raised and delivered,
 * and the dispatcher, the alert sweep and the check-in scheduler are still running,
 * without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class DatabaseOutageIntegrationTests {

	static final String OUT_OF_HOURS = "+447700900999";

	static final String CRISIS = "i want to kill myself tonight";

	static final List<String> QUESTIONS = List.of("council tax", "can i get free bus travel?", "help with rent",
			"how do i see a dentist");

	static final Duration OUTAGE = Duration.ofSeconds(4);

	static final String WHATSAPP_SENDER = "whatsapp:+447700900000";

	/**
	 * Real time, shifted to mid-morning in London today (check-ins keep quiet hours), and
	 * moved on by the test to run out leases and reach escalation times.
	 */
	static final AtomicReference<Duration> shift = new AtomicReference<>(
			Duration.between(Instant.now(), LocalDate.now(ZoneOffset.UTC).atTime(11, 0).toInstant(ZoneOffset.UTC)));

	static final AtomicInteger numbers = new AtomicInteger();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	Sealer sealer;

	final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

	TestDatabase database;

	TcpProxy proxy;

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TelegramStub telegram = new TelegramStub();

	WholeApplication app;

	String base;

	DatabaseClient db;

	@TestConfiguration(proxyBeanMethods = false)
	static class ShiftedClock {

		@Bean
		@Primary
		Clock shiftedClock() {
			return new Clock() {

				@Override
				public ZoneId getZone() {
					return ZoneOffset.UTC;
				}

				@Override
				public Clock withZone(ZoneId zone) {
					return Clock.offset(Clock.system(zone), shift.get());
				}

				@Override
				public Instant instant() {
					return Instant.now().plus(shift.get());
				}

			};
		}

	}

	@BeforeAll
	void start() throws Exception {
		this.database = TestDatabase.create(TestDatabase.Kind.POSTGRES);
		this.db = this.database.client();
		this.sealer = new Sealer(this.database.sealingKey());
		this.proxy = new TcpProxy(TestDatabase.PG_HOST, TestDatabase.PG_PORT);
		twilio.acceptEverything();
		telegram.acceptEverything();
		Map<String, String> properties = WholeApplication.settings(this.database, twilio, telegram);
		// only the running application goes through the proxy; Flyway and the test's
		// own queries reach PostgreSQL directly
		properties.put("spring.r2dbc.url", this.database.r2dbcUrl()
			.replace(TestDatabase.PG_HOST + ":" + TestDatabase.PG_PORT, "127.0.0.1:" + this.proxy.port()));
		properties.put("waymark.outbound.first-backoff", "200ms");
		properties.put("waymark.outbound.max-backoff", "1s");
		properties.put("waymark.alert.escalation-interval", "200ms");
		properties.put("waymark.alert.out-of-hours-phone", OUT_OF_HOURS);
		properties.put("waymark.alert.public-base-url", TwilioStub.PUBLIC + "/");
		properties.put("waymark.whatsapp.from", WHATSAPP_SENDER);
		this.app = WholeApplication.start("outage", properties, ShiftedClock.class);
		this.base = this.app.base();
	}

	@AfterAll
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		if (this.proxy != null) {
			this.proxy.close();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	@Test
	void messagesTakenInAcrossADatabaseRestartAreStoredOnceAndAnsweredOnceAndTheLoopsRecover(CapturedOutput output)
			throws Exception {
		assertThat(health("/actuator/health").statusCode()).isEqualTo(200);

		// before: questions, a crisis and a Telegram message, all answered as usual
		List<Delivery> before = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			before.add(sms(QUESTIONS.get(i % QUESTIONS.size())));
		}
		before.add(sms(CRISIS));
		before.add(telegram("can i get free bus travel?"));
		before.add(whatsApp("council tax"));
		before.forEach(Delivery::send);
		for (Delivery delivery : before) {
			assertThat(delivery.await()).as("before the outage").isEqualTo(200);
		}

		// a steady stream, 10 a second, from one second before the cut to two after the
		// restore, with a crisis and a Telegram message while the database is away
		AtomicReference<Boolean> streaming = new AtomicReference<>(true);
		AtomicInteger streamed = new AtomicInteger();
		Thread stream = Thread.ofVirtual().start(() -> {
			while (streaming.get()) {
				int i = streamed.incrementAndGet();
				Delivery delivery = (i == 14) ? sms(CRISIS) : (i == 17) ? telegram("help with rent") : (i % 4 == 1)
						? whatsApp(QUESTIONS.get(i % QUESTIONS.size())) : sms(QUESTIONS.get(i % QUESTIONS.size()));
				delivery.send();
				sleep(100);
			}
		});
		Thread.sleep(1_000);
		this.proxy.cut();
		long cutAt = System.nanoTime();

		// while it is away: health says DOWN, liveness stays UP (no restart wanted),
		// webhooks answer 503 with Retry-After
		HttpResponse<String> down = eventually(() -> health("/actuator/health"), r -> r.statusCode() == 503,
				Duration.ofSeconds(5));
		assertThat(down.body()).contains("DOWN");
		assertThat(health("/actuator/health/liveness").statusCode()).as("liveness does not depend on the database")
			.isEqualTo(200);
		assertThat(health("/actuator/health/readiness").statusCode())
			.as("readiness neither: every instance keeps answering 503, see deploy/README")
			.isEqualTo(200);
		Thread.sleep(Math.max(0, OUTAGE.toMillis() - (System.nanoTime() - cutAt) / 1_000_000));
		this.proxy.restore();
		long restoredAt = System.nanoTime();
		int connectionsAtRestore = this.proxy.connections();
		eventually(() -> health("/actuator/health"), r -> r.statusCode() == 200, Duration.ofSeconds(30));
		long healthyMillis = (System.nanoTime() - restoredAt) / 1_000_000;
		Thread.sleep(2_000);
		streaming.set(false);
		stream.join();

		List<Delivery> refused = this.deliveries.stream()
			.filter(delivery -> delivery.first() != null && delivery.first().statusCode() != 200)
			.toList();
		System.out.printf("Outage: %d webhooks, %d refused during the cut, healthy %d ms after the restore%n",
				this.deliveries.size(), refused.size(), healthyMillis);
		assertThat(refused).as("some webhooks arrived while the database was away").isNotEmpty();
		assertThat(refused).allSatisfy(delivery -> {
			HttpResponse<String> response = delivery.first();
			assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).isPresent();
			assertThat(response.body()).doesNotContain("Exception").doesNotContain("at app.waymark");
			if (!delivery.address().matches("[0-9]+")) {
				assertThat(response.headers().firstValue("Content-Type")).as("Twilio's webhooks answer in XML")
					.hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
				assertThat(response.body()).startsWith("<?xml").contains("status=\"503\"");
			}
		});
		assertThat(refused).as("a crisis sent during the outage was refused, to be retried")
			.anyMatch(delivery -> delivery.text().equals(CRISIS));
		assertThat(refused).as("WhatsApp messages too")
			.anyMatch(delivery -> delivery.address().startsWith("whatsapp:"));

		// the provider retries what was not acknowledged, as Twilio does with a retry
		// policy and Telegram always does
		long retryUntil = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		List<Delivery> unacknowledged = unacknowledged();
		while (!unacknowledged.isEmpty() && System.nanoTime() < retryUntil) {
			unacknowledged.forEach(Delivery::send);
			unacknowledged.forEach(Delivery::await);
			unacknowledged = unacknowledged();
			if (!unacknowledged.isEmpty()) {
				Thread.sleep(1_000);
			}
		}
		assertThat(unacknowledged).as("every webhook is acknowledged in the end").isEmpty();

		// after: new messages are answered and a due check-in is sent
		List<Delivery> after = List.of(sms("council tax"), sms("help with rent"), telegram("council tax"),
				whatsApp("help with rent"));
		after.forEach(Delivery::send);
		for (Delivery delivery : after) {
			assertThat(delivery.await()).as("after the outage").isEqualTo(200);
		}
		String checkInNumber = newNumber();
		youngPersonDueACheckIn(checkInNumber);
		eventually(() -> repliesTo(checkInNumber).size(), n -> n > 0, Duration.ofSeconds(20));
		// a claim the database carried out as the connection was cut, whose answer never
		// came back, holds its row until the lease (60 s) runs out: then it is sent
		eventually(this::withoutReply, List::isEmpty, Duration.ofSeconds(75));

		// time moves on past leases and escalation times: what was claimed when the
		// database went away is taken up again, alerts whose first delivery was lost are
		// sent, URGENT ones escalate
		shift.updateAndGet(offset -> offset.plus(Duration.ofMinutes(16)));
		eventually(() -> count("select count(*) from alert where reason = 'CRISIS' and status = 'ESCALATED'"),
				n -> n >= 2, Duration.ofSeconds(20));
		eventually(() -> count("select count(*) from outbound where status = 'QUEUED'"), n -> n == 0,
				Duration.ofSeconds(20));
		Thread.sleep(1_500);

		List<String> distinct = this.deliveries.stream().map(Delivery::providerId).distinct().toList();
		assertThat(distinct).hasSameSizeAs(this.deliveries);
		assertThat(count("select count(*) from message where direction = 'IN'")).as("inbound rows")
			.isEqualTo(distinct.size());
		assertThat(count("select count(distinct provider_id) from message where direction = 'IN'"))
			.isEqualTo(distinct.size());
		assertThat(count("select count(*) from message where direction = 'IN' and status <> 'REPLIED'"))
			.as("every inbound message answered")
			.isZero();
		assertThat(strings("select status || '=' || count(*) from outbound group by status"))
			.as("every queued message sent")
			.allMatch(status -> status.startsWith("SENT="));
		for (Delivery delivery : this.deliveries) {
			long queued = count("select count(*) from outbound o join message m on m.id = o.message_id "
					+ "where m.address_hash = '" + this.sealer.hash(delivery.address()) + "' and o.purpose = 'REPLY'");
			assertThat(queued).as("a reply queued for %s", delivery.text()).isPositive();
			assertThat(repliesTo(delivery.address())).as("replies sent for %s", delivery.text()).hasSize((int) queued);
		}
		assertThat(repliesTo(checkInNumber)).as("the check-in due after the outage").hasSize(1);

		// both crises (one before, one during the outage) raised an alert that reached
		// the out-of-hours phone, then escalated to it
		List<Long> crisisMessages = this.deliveries.stream()
			.filter(delivery -> delivery.text().equals(CRISIS))
			.map(delivery -> count(
					"select id from message where direction = 'IN' and provider_id = '" + delivery.providerId() + "'"))
			.toList();
		assertThat(crisisMessages).hasSize(2);
		for (long message : crisisMessages) {
			assertThat(count("select count(*) from alert where reason = 'CRISIS' and message_id = " + message))
				.as("the crisis alert for message %d", message)
				.isGreaterThanOrEqualTo(1);
		}
		long alerts = count("select count(*) from alert where reason = 'CRISIS'");
		assertThat(count("select count(distinct alert_id) from alert_event where step = 'SENT'"))
			.as("every alert delivered")
			.isEqualTo(alerts);
		assertThat(repliesTo(OUT_OF_HOURS)).as("each alert sent, then escalated, once").hasSize((int) (2 * alerts));

		assertThat(this.proxy.connections()).as("the pool opened new connections after the restore")
			.isGreaterThan(connectionsAtRestore);
		String logs = output.getAll();
		assertThat(logs).doesNotContain(CRISIS).doesNotContain("+4477009");
		assertThat(logs.lines().filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by:")).toList())
			.as("no stack traces in the log")
			.isEmpty();
	}

	@Test
	void aDatabaseThatStopsAnsweringMakesWebhooksAnswer503WithinSecondsRatherThanHang() throws Exception {
		Delivery before = sms("council tax");
		before.send();
		assertThat(before.await()).isEqualTo(200);
		// a network partition: connections are neither answered nor refused
		this.proxy.cut(TcpProxy.Cut.HOLD);
		Delivery held = sms("help with rent");
		long started = System.nanoTime();
		try {
			held.send();
			assertThat(held.await()).isEqualTo(503);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the pool's waits")
				.isLessThan(Duration.ofSeconds(12));
		}
		finally {
			this.proxy.restore();
		}
		eventually(() -> health("/actuator/health"), r -> r.statusCode() == 200, Duration.ofSeconds(30));
		held.send();
		assertThat(held.await()).isEqualTo(200);
		eventually(() -> repliesTo(held.address()).size(), n -> n == 1, Duration.ofSeconds(20));
		assertThat(count("select count(*) from message where direction = 'IN' and status = 'REPLIED' "
				+ "and provider_id = '" + held.providerId() + "'"))
			.isEqualTo(1);
	}

	// --- webhooks as the providers send them

	/** One inbound message and every delivery of it the provider made. */
	final class Delivery {

		private final String address;

		private final String text;

		private final String providerId;

		private final Supplier<HttpRequest> request;

		private final List<CompletableFuture<HttpResponse<String>>> attempts = new CopyOnWriteArrayList<>();

		Delivery(String address, String text, String providerId, Supplier<HttpRequest> request) {
			this.address = address;
			this.text = text;
			this.providerId = providerId;
			this.request = request;
			DatabaseOutageIntegrationTests.this.deliveries.add(this);
		}

		String address() {
			return this.address;
		}

		String text() {
			return this.text;
		}

		String providerId() {
			return this.providerId;
		}

		void send() {
			this.attempts.add(DatabaseOutageIntegrationTests.this.http
				.sendAsync(this.request.get(), HttpResponse.BodyHandlers.ofString())
				.exceptionally(ex -> null));
		}

		/** The latest attempt's status, -1 if it got no answer. */
		int await() {
			HttpResponse<String> response = this.attempts.getLast().join();
			return response == null ? -1 : response.statusCode();
		}

		HttpResponse<String> first() {
			return this.attempts.isEmpty() ? null : this.attempts.getFirst().join();
		}

		boolean acknowledged() {
			return !this.attempts.isEmpty() && await() == 200;
		}

	}

	List<Delivery> unacknowledged() {
		return this.deliveries.stream().filter(delivery -> !delivery.acknowledged()).toList();
	}

	Delivery sms(String text) {
		String number = newNumber();
		Map<String, String> params = TwilioStub.sms(number, text);
		return new Delivery(number, text, params.get("MessageSid"),
				() -> TwilioStub.webhookRequest(this.base, params).timeout(Duration.ofSeconds(30)).build());
	}

	Delivery telegram(String text) {
		String chat = String.valueOf(870_000_000L + numbers.incrementAndGet());
		int updateId = 700_000 + numbers.incrementAndGet();
		String update = TelegramStub.message(updateId, chat, text);
		return new Delivery(chat, text, "u" + updateId,
				() -> TelegramStub.webhookRequest(this.base, update).timeout(Duration.ofSeconds(30)).build());
	}

	Delivery whatsApp(String text) {
		String address = "whatsapp:" + newNumber();
		Map<String, String> params = TwilioStub.whatsApp(address, WHATSAPP_SENDER, text);
		return new Delivery(address, text, params.get("MessageSid"),
				() -> TwilioStub.webhookRequest(this.base, "/webhooks/twilio/whatsapp", params)
					.timeout(Duration.ofSeconds(30))
					.build());
	}

	static String newNumber() {
		return "+447700" + (920_000 + numbers.incrementAndGet());
	}

	HttpResponse<String> health(String path) {
		try {
			return this.http.send(
					HttpRequest.newBuilder(URI.create(this.base + path)).timeout(Duration.ofSeconds(10)).GET().build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	// --- what happened, from the providers' side and the database's

	/** What the providers received for this phone number or Telegram chat. */
	List<?> repliesTo(String address) {
		return address.matches("[0-9]+") ? telegram.messagesTo(address) : twilio.sentTo(address);
	}

	/**
	 * Messages no reply has reached yet, each with what the database says of it (inbound
	 * status; outbound status, attempts and lease).
	 */
	List<String> withoutReply() {
		return this.deliveries.stream()
			.filter(delivery -> repliesTo(delivery.address()).isEmpty())
			.map(delivery -> delivery.providerId() + " " + strings(
					"select m.status || coalesce(' ' || o.status || ' attempts=' || o.attempts || ' lease=' || o.lease_until, '') "
							+ "from message m left join message r on r.address_hash = m.address_hash and r.direction = 'OUT' "
							+ "left join outbound o on o.message_id = r.id where m.direction = 'IN' and m.provider_id = '"
							+ delivery.providerId() + "'"))
			.toList();
	}

	void youngPersonDueACheckIn(String number) {
		LinkedYoungPerson.insert(this.db, this.sealer, "sms", number,
				OffsetDateTime.now(ZoneOffset.UTC).plus(shift.get()));
	}

	long count(String sql) {
		return this.db.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block();
	}

	List<String> strings(String sql) {
		return this.db.sql(sql).map(row -> row.get(0, String.class)).all().collectList().block();
	}

	/** Polls (every 100 ms, up to a deadline) until the value is as wanted. */
	static <T> T eventually(Supplier<T> value, java.util.function.Predicate<T> wanted, Duration within)
			throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		T last = value.get();
		while (!wanted.test(last)) {
			assertThat(System.nanoTime()).as("timed out waiting; last seen %s", last).isLessThan(deadline);
			Thread.sleep(100);
			last = value.get();
		}
		return last;
	}

	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
