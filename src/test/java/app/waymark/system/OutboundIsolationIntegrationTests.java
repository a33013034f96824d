package app.waymark.system;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import app.waymark.channel.sms.TwilioStub;
import app.waymark.channel.telegram.TelegramStub;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider answers in a way the message log cannot take as it comes (the same message
 * id for two sends), or stops answering: the row it concerns must not hold up anyone
 * else's reply, nothing may be sent twice, and health must say when sending is stuck.
 * Whole applications on each database, with the real dispatcher on its own schedule and
 * WireMock standing in for Twilio and Telegram.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundIsolationIntegrationTests {

	/**
	 * Real time, shifted to mid-morning in London today, and moved on by a test to make
	 * queued messages wait.
	 */
	static final AtomicReference<Duration> shift = new AtomicReference<>(
			Duration.between(Instant.now(), LocalDate.now(ZoneOffset.UTC).atTime(11, 0).toInstant(ZoneOffset.UTC)));

	static final AtomicInteger numbers = new AtomicInteger();

	static final ObjectMapper JSON = new ObjectMapper();

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TelegramStub telegram = new TelegramStub();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	final Map<TestDatabase.Kind, Running> running = new EnumMap<>(TestDatabase.Kind.class);

	record Running(TestDatabase database, WholeApplication app, Sealer sealer) {

		DatabaseClient db() {
			return this.database.client();
		}

	}

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

	/**
	 * One application per database, started when a test first needs it; the one on the
	 * other database is stopped first, so only one runs at a time.
	 */
	Running on(TestDatabase.Kind kind) {
		Running current = this.running.get(kind);
		if (current != null) {
			return current;
		}
		stop();
		TestDatabase database = TestDatabase.create(kind);
		twilio.acceptEverything();
		telegram.acceptEverything();
		Map<String, String> properties = WholeApplication.settings(database, twilio, telegram);
		properties.put("waymark.people.admin-email", ADMIN);
		properties.put("waymark.people.admin-password", PASSWORD);
		properties.put("waymark.checkin.enabled", "false");
		Running started = new Running(database,
				WholeApplication.start("isolation-" + kind, properties, ShiftedClock.class),
				new Sealer(database.sealingKey()));
		this.running.put(kind, started);
		return started;
	}

	@AfterAll
	void stop() {
		this.running.values().forEach(running -> {
			running.app().close();
			running.database().close();
		});
		this.running.clear();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void telegramChatsThatAllGetMessageIdOneStopNobodyElsesReply(TestDatabase.Kind kind) throws Exception {
		Running app = on(kind);
		twilio.acceptEverything();
		telegram.acceptEverything();
		// Telegram numbers messages per chat, so each chat's first message from the bot
		// is message 1
		telegram.stubFor(post(urlEqualTo(TelegramStub.SEND_MESSAGE)).atPriority(1)
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":true,\"result\":{\"message_id\":1,\"date\":1763978400,"
						+ "\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"x\"}}")));
		String first = newChat();
		String second = newChat();
		assertThat(telegramWebhook(app, first, "council tax").statusCode()).isEqualTo(200);
		eventually(() -> telegram.messagesTo(first).size(), n -> n == 1);
		assertThat(telegramWebhook(app, second, "council tax").statusCode()).isEqualTo(200);
		eventually(() -> telegram.messagesTo(second).size(), n -> n == 1);

		String number = newNumber();
		String third = newChat();
		assertThat(smsWebhook(app, number, "help with rent").statusCode()).isEqualTo(200);
		assertThat(telegramWebhook(app, third, "can i get free bus travel?").statusCode()).isEqualTo(200);
		eventually(() -> twilio.sentTo(number).size() + telegram.messagesTo(third).size(), n -> n == 2);
		settle();

		assertThat(List.of(first, second, third))
			.allSatisfy(chat -> assertThat(telegram.messagesTo(chat)).as("one reply to chat %s, never sent again", chat)
				.hasSize(1));
		assertThat(twilio.sentTo(number)).hasSize(1);
		for (String chat : List.of(first, second, third)) {
			assertThat(strings(app,
					"select o.status || ' ' || m.provider_id from outbound o join message m on m.id = o.message_id "
							+ "where m.address_hash = '" + app.sealer().hash(chat) + "'"))
				.as("recorded with Telegram's message id")
				.containsExactly("SENT 1");
		}
		assertThat(health(app, false).statusCode()).isEqualTo(200);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void twilioRepeatingASidStopsNobodyElsesReply(TestDatabase.Kind kind) throws Exception {
		Running app = on(kind);
		twilio.acceptEverything();
		telegram.acceptEverything();
		twilio.stubFor(post(urlPathEqualTo(TwilioStub.MESSAGES)).atPriority(1)
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"sid\":\"SM0000000000000000000000000000same\",\"status\":\"queued\","
						+ "\"num_segments\":\"1\",\"account_sid\":\"" + TwilioStub.SID + "\"}")));
		String number = newNumber();
		assertThat(smsWebhook(app, number, "council tax").statusCode()).isEqualTo(200);
		eventually(() -> twilio.sentTo(number).size(), n -> n == 1);
		assertThat(smsWebhook(app, number, "help with rent").statusCode()).isEqualTo(200);
		eventually(() -> twilio.sentTo(number).size(), n -> n == 2);

		String other = newNumber();
		String chat = newChat();
		assertThat(smsWebhook(app, other, "council tax").statusCode()).isEqualTo(200);
		assertThat(telegramWebhook(app, chat, "council tax").statusCode()).isEqualTo(200);
		eventually(() -> twilio.sentTo(other).size() + telegram.messagesTo(chat).size(), n -> n == 2);
		settle();

		assertThat(twilio.sentTo(number)).as("both replies, each once").hasSize(2);
		assertThat(twilio.sentTo(other)).hasSize(1);
		assertThat(telegram.messagesTo(chat)).hasSize(1);
		assertThat(strings(app,
				"select o.status || ' ' || coalesce(m.provider_id, '-') from outbound o "
						+ "join message m on m.id = o.message_id where m.address_hash = '" + app.sealer().hash(number)
						+ "' order by o.id"))
			.as("the second send to the same number is recorded without the sid it cannot share")
			.containsExactly("SENT SM0000000000000000000000000000same", "SENT -");
		assertThat(strings(app,
				"select last_error from outbound o join message m on m.id = o.message_id " + "where m.address_hash = '"
						+ app.sealer().hash(number) + "' and m.provider_id is null"))
			.singleElement()
			.asString()
			.contains("provider id");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void healthGoesDownWithTheReasonWhileAReplyWaitsBehindAProviderThatDoesNotAnswer(TestDatabase.Kind kind)
			throws Exception {
		Running app = on(kind);
		twilio.acceptEverything();
		telegram.acceptEverything();
		String slow = newNumber();
		String waiting = newNumber();
		// Twilio takes its time over one number's message: the next reply waits behind
		// it (each channel sends one message at a time, in order)
		twilio.stubFor(post(urlPathEqualTo(TwilioStub.MESSAGES)).atPriority(1)
			.withRequestBody(containing(URLEncoder.encode(slow, StandardCharsets.UTF_8)))
			.willReturn(aResponse().withStatus(201)
				.withFixedDelay(10_000)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"sid\":\"SM00000000000000000000000000000slow\",\"status\":\"queued\","
						+ "\"num_segments\":\"1\",\"account_sid\":\"" + TwilioStub.SID + "\"}")));
		assertThat(channelsHealth(app).path("status").asText()).isEqualTo("UP");
		// both queued before the dispatcher's next poll, so one pass claims both
		long queuedAt = System.nanoTime();
		assertThat(smsWebhook(app, slow, "council tax").statusCode()).isEqualTo(200);
		assertThat(smsWebhook(app, waiting, "council tax").statusCode()).isEqualTo(200);
		eventually(() -> twilio
			.findAll(com.github.tomakehurst.wiremock.client.WireMock
				.postRequestedFor(urlPathEqualTo(TwilioStub.MESSAGES)))
			.size(), n -> n == 1);
		assertThat(twilio.sentTo(slow)).as("the slow call is the one on its way").hasSize(1);
		assertThat(Duration.ofNanos(System.nanoTime() - queuedAt)).as("still on its way")
			.isLessThan(Duration.ofSeconds(8));

		// a minute goes by with the reply still waiting
		shift.updateAndGet(offset -> offset.plus(Duration.ofSeconds(70)));
		HttpResponse<String> down = eventually(() -> health(app, true), response -> response.statusCode() == 503,
				Duration.ofSeconds(2));
		JsonNode channels = JSON.readTree(down.body()).path("components").path("channels");
		assertThat(channels.path("status").asText()).isEqualTo("DOWN");
		assertThat(channels.path("details").path("stuck")).as("the reason").singleElement().satisfies(reason -> {
			assertThat(reason.asText()).startsWith("sms: a message due ").contains("still queued");
		});
		JsonNode anonymous = JSON.readTree(health(app, false).body());
		assertThat(anonymous.path("status").asText()).isEqualTo("DOWN");
		assertThat(anonymous.has("components")).as("anonymous callers see only the status").isFalse();

		// once Twilio answers, the waiting reply goes and health is UP again
		eventually(() -> twilio.sentTo(waiting).size(), n -> n == 1);
		eventually(() -> health(app, false).statusCode(), status -> status == 200);
		settle();
		assertThat(twilio.sentTo(slow)).hasSize(1);
		assertThat(twilio.sentTo(waiting)).hasSize(1);
	}

	// --- helpers

	static String newNumber() {
		return "+447700" + (930_000 + numbers.incrementAndGet());
	}

	static String newChat() {
		return String.valueOf(860_000_000L + numbers.incrementAndGet());
	}

	/** Posts an SMS and waits for its reply to be queued, so replies queue in order. */
	HttpResponse<String> smsWebhook(Running app, String number, String text) throws Exception {
		HttpResponse<String> response = this.http.send(
				TwilioStub.webhookRequest(app.app().base(), TwilioStub.sms(number, text)).build(),
				HttpResponse.BodyHandlers.ofString());
		app.app().answered();
		return response;
	}

	HttpResponse<String> telegramWebhook(Running app, String chat, String text) throws Exception {
		String update = TelegramStub.message(600_000 + numbers.incrementAndGet(), chat, text);
		HttpResponse<String> response = this.http.send(TelegramStub.webhookRequest(app.app().base(), update).build(),
				HttpResponse.BodyHandlers.ofString());
		app.app().answered();
		return response;
	}

	HttpResponse<String> health(Running app, boolean staff) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.app().base() + "/actuator/health"))
			.timeout(Duration.ofSeconds(10));
		if (staff) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
		}
		try {
			return this.http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	JsonNode channelsHealth(Running app) throws Exception {
		return JSON.readTree(health(app, true).body()).path("components").path("channels");
	}

	List<String> strings(Running app, String sql) {
		return app.db().sql(sql).map(row -> row.get(0, String.class)).all().collectList().block();
	}

	static <T> T eventually(Supplier<T> value, Predicate<T> wanted) throws InterruptedException {
		return eventually(value, wanted, Duration.ofSeconds(15));
	}

	/** Polls (every 100 ms, up to a deadline) until the value is as wanted. */
	static <T> T eventually(Supplier<T> value, Predicate<T> wanted, Duration within) throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		T last = value.get();
		while (!wanted.test(last)) {
			assertThat(System.nanoTime()).as("timed out waiting; last seen %s", last).isLessThan(deadline);
			Thread.sleep(100);
			last = value.get();
		}
		return last;
	}

	/** Gives the dispatcher several more polls in which a second send would show. */
	static void settle() throws InterruptedException {
		Thread.sleep(1_500);
	}

}
