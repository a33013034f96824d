package app.waymark.system;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.channel.sms.TwilioStub;
import app.waymark.channel.telegram.TelegramStub;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.r2dbc.core.DatabaseClient;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two whole instances on one PostgreSQL schema, each with its own dispatcher, send no
 * faster together than the provider's rate allows one: the SMS rate (2 a second here) and
 * Telegram's one message a second per chat are kept in the database they share. Each
 * instance claims two rows at a time, so both take part.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedSendRatesIntegrationTests {

	static final double SMS_PER_SECOND = 2;

	static final AtomicInteger numbers = new AtomicInteger();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TelegramStub telegram = new TelegramStub();

	TestDatabase database;

	DatabaseClient db;

	WholeApplication a;

	WholeApplication b;

	@BeforeAll
	void start() {
		this.database = TestDatabase.create(TestDatabase.Kind.POSTGRES);
		this.db = this.database.client();
		twilio.acceptEverything();
		telegram.acceptEverything();
		this.a = instance("a");
		this.b = instance("b");
	}

	WholeApplication instance(String name) {
		Map<String, String> properties = WholeApplication.settings(this.database, twilio, telegram);
		properties.put("waymark.sms.rate", String.valueOf(SMS_PER_SECOND));
		properties.put("waymark.outbound.batch", "2");
		properties.put("waymark.checkin.enabled", "false");
		return WholeApplication.start(name, properties);
	}

	@AfterAll
	void stop() {
		WholeApplication.closeAll(this.database, this.a, this.b);
	}

	@Test
	void twoInstancesTogetherSendSmsNoFasterThanTheRate() throws Exception {
		int replies = 16;
		List<String> phones = new ArrayList<>();
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < replies; i++) {
			String number = "+447700" + (930_000 + numbers.incrementAndGet());
			phones.add(number);
			String base = (i % 2 == 0 ? this.a : this.b).base();
			calls
				.add(this.http.sendAsync(TwilioStub.webhookRequest(base, TwilioStub.sms(number, "council tax")).build(),
						HttpResponse.BodyHandlers.ofString()));
		}
		for (CompletableFuture<HttpResponse<String>> call : calls) {
			assertThat(call.get().statusCode()).isEqualTo(200);
		}
		eventually(Duration.ofSeconds(40), () -> phones.stream().allMatch(n -> !twilio.sentTo(n).isEmpty()));
		List<Long> sentAt = twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioStub.MESSAGES)))
			.stream()
			.filter(request -> phones.contains(TwilioStub.parse(request.getBody()).get("To")))
			.map(request -> request.getLoggedDate().getTime())
			.sorted()
			.toList();
		assertThat(sentAt).hasSize(replies);
		assertThat(count("select count(distinct lease_owner) from outbound where status = 'SENT'"))
			.as("both instances sent some")
			.isEqualTo(2);
		// a bucket of 2 refilled at 2 a second: at most 2 + 4 in any two seconds (each
		// instance alone would allow that much, so twice it without sharing)
		assertThat(mostWithin(sentAt, 2_000)).as("sends in any two seconds").isLessThanOrEqualTo(6);
		long span = sentAt.get(sentAt.size() - 1) - sentAt.get(0);
		assertThat(span).as("16 sends at 2 a second after a burst of 2 take about 7 s")
			.isGreaterThanOrEqualTo((long) ((replies - 2) / SMS_PER_SECOND * 1000 * 0.85));
	}

	@Test
	void oneTelegramChatWrittenToThroughBothInstancesGetsOneMessageASecond() throws Exception {
		String chat = String.valueOf(870_000_000L + numbers.incrementAndGet());
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			String base = (i % 2 == 0 ? this.a : this.b).base();
			String update = TelegramStub.message(950_000 + numbers.incrementAndGet(), chat,
					"can i get free bus travel?");
			calls.add(this.http.sendAsync(TelegramStub.webhookRequest(base, update).build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		for (CompletableFuture<HttpResponse<String>> call : calls) {
			assertThat(call.get().statusCode()).isEqualTo(200);
		}
		eventually(Duration.ofSeconds(30), () -> telegram.messagesTo(chat).size() >= 4);
		List<Long> sentAt = telegram.messagesTo(chat)
			.stream()
			.map(LoggedRequest::getLoggedDate)
			.map(java.util.Date::getTime)
			.sorted(Comparator.naturalOrder())
			.toList();
		assertThat(sentAt).hasSize(4);
		for (int i = 1; i < sentAt.size(); i++) {
			// WireMock logs to the millisecond; allow for the bucket's refill rounding
			assertThat(sentAt.get(i) - sentAt.get(i - 1)).as("gap before message " + (i + 1) + " to one chat")
				.isGreaterThanOrEqualTo(950);
		}
	}

	/** The most timestamps that fall within any window of this many milliseconds. */
	static int mostWithin(List<Long> sorted, long window) {
		int most = 0;
		for (int i = 0, j = 0; j < sorted.size(); j++) {
			while (sorted.get(j) - sorted.get(i) >= window) {
				i++;
			}
			most = Math.max(most, j - i + 1);
		}
		return most;
	}

	long count(String sql) {
		return this.db.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block();
	}

	static void eventually(Duration within, java.util.function.Supplier<Boolean> condition)
			throws InterruptedException {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.get()) {
			assertThat(System.nanoTime()).as("timed out waiting").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

}
