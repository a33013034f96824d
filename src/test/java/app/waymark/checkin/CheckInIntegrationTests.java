package app.waymark.checkin;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.channel.OutboundDispatcher;
import app.waymark.channel.sms.TwilioStub;
import app.waymark.channel.telegram.TelegramStub;
import app.waymark.people.LinkedYoungPerson;
import app.waymark.system.MutableClock;
import app.waymark.system.MutableClockConfiguration;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import app.waymark.system.Answering;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Check-ins end to end: the scheduler queues them, the real dispatcher sends them to
 * Twilio's and Telegram's stand-ins, and answers come back through the signed webhooks
 * into the real inbox and database.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "waymark.outbound.enabled=false", "waymark.checkin.enabled=false" })
@AutoConfigureWebTestClient
@Import(MutableClockConfiguration.class)
class CheckInIntegrationTests {

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TelegramStub telegram = new TelegramStub();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	static final AtomicInteger numbers = new AtomicInteger(500);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		twilio.register(registry);
		telegram.register(registry);
	}

	@Autowired
	MeterRegistry meters;

	@Autowired
	WebTestClient web;

	@Autowired
	OutboundDispatcher dispatcher;

	@Autowired
	CheckInScheduler scheduler;

	@Autowired
	DatabaseClient db;

	@Autowired
	Sealer sealer;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void stubs() {
		twilio.acceptEverything();
		telegram.acceptEverything();
		// a fresh morning: nobody is in quiet hours and no chat is inside its spacing
		this.clock.advance(Duration.ofDays(1));
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		this.clock.set(now.toLocalDate().atTime(10, 0).toInstant(ZoneOffset.UTC));
	}

	record Exchange(String label, String reply, String answer, String alertReason, String alertLevel,
			String replyContains) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static List<Exchange> answers() {
		return List.of(new Exchange("1 is good", "1", "GOOD", null, null, "Thanks for letting me know"),
				new Exchange("okay is ok", "okay", "OK", null, null, "Thanks for letting me know"),
				new Exchange("3 needs help", "3", "NEED_HELP", "NEED_HELP", "NORMAL", "worker will be in touch"),
				new Exchange("free text goes to the worker", "been a long week at college but im getting there",
						"FREE_TEXT", "CHECK_IN_MESSAGE", "NORMAL", "passed this on to your worker"),
				// an article answers it, and the young person still hears that the worker
				// has it
				new Exchange("free text an article answers goes to the worker too",
						"the washing machine in my flat is broken again", "FREE_TEXT", "CHECK_IN_MESSAGE", "NORMAL",
						"passed this on to your worker"),
				new Exchange("a crisis is still a crisis", "i want to end it all", "FREE_TEXT", "CRISIS", "URGENT",
						"call 999"));
	}

	@ParameterizedTest
	@MethodSource("answers")
	void smsCheckInIsSentAndAnswered(Exchange exchange) {
		String number = newNumber();
		long person = youngPersonWith("sms", number);
		this.scheduler.runOnce().block();
		dispatch();
		assertThat(twilio.sentTo(number)).singleElement()
			.satisfies(sms -> assertThat(sms.get("Body"))
				.isEqualTo("Hi Sam, how are things? Reply 1 Good, 2 OK, 3 Need help - or tell me in your own words."));

		incoming(number, exchange.reply()).expectStatus().isOk();
		dispatch();

		assertThat(checkIns(person)).singleElement().satisfies(row -> {
			assertThat(row.get("status")).isEqualTo("ANSWERED");
			assertThat(row.get("answer")).isEqualTo(exchange.answer());
			assertThat(row.get("answer_message_id")).isNotNull();
		});
		List<Map<String, Object>> alerts = alerts(person);
		if (exchange.alertReason() == null) {
			assertThat(alerts).isEmpty();
		}
		else {
			assertThat(alerts).extracting(row -> row.get("reason") + "/" + row.get("level"))
				.contains(exchange.alertReason() + "/" + exchange.alertLevel());
		}
		assertThat(twilio.sentTo(number)).hasSize(2)
			.last()
			.satisfies(sms -> assertThat(sms.get("Body")).containsIgnoringCase(exchange.replyContains()));
	}

	@Test
	void noReplyMeansAReminderThenTheWorkerIsTold() {
		String number = newNumber();
		long person = youngPersonWith("sms", number);
		this.scheduler.runOnce().block();
		dispatch();
		this.clock.advance(Duration.ofHours(47));
		this.scheduler.runOnce().block();
		dispatch();
		assertThat(twilio.sentTo(number)).hasSize(1);

		this.clock.advance(Duration.ofHours(1));
		this.scheduler.runOnce().block();
		this.scheduler.runOnce().block();
		dispatch();
		assertThat(twilio.sentTo(number)).hasSize(2)
			.last()
			.satisfies(sms -> assertThat(sms.get("Body")).contains("just checking"));
		assertThat(checkIns(person)).singleElement()
			.satisfies(row -> assertThat(row.get("status")).isEqualTo("REMINDED"));
		assertThat(alerts(person)).isEmpty();

		this.clock.advance(Duration.ofDays(5));
		this.scheduler.runOnce().block();
		this.scheduler.runOnce().block();
		assertThat(checkIns(person)).singleElement()
			.satisfies(row -> assertThat(row.get("status")).isEqualTo("NO_REPLY"));
		assertThat(alerts(person)).extracting(row -> row.get("reason") + "/" + row.get("level"))
			.containsExactly("NOT_HEARD_FROM/NORMAL");
	}

	@Test
	void reminderWaitsForQuietHoursToEnd() {
		String number = newNumber();
		long person = youngPersonWith("sms", number);
		// sent at 20:00, so 48 hours later is 20:00 too: move to 22:00, inside quiet
		// hours
		this.clock.set(OffsetDateTime.now(this.clock).toLocalDate().atTime(20, 0).toInstant(ZoneOffset.UTC));
		this.scheduler.runOnce().block();
		this.clock.advance(Duration.ofHours(50));
		this.scheduler.runOnce().block();
		assertThat(checkIns(person)).singleElement().satisfies(row -> assertThat(row.get("status")).isEqualTo("SENT"));
		this.clock.advance(Duration.ofHours(11));
		this.scheduler.runOnce().block();
		assertThat(checkIns(person)).singleElement()
			.satisfies(row -> assertThat(row.get("status")).isEqualTo("REMINDED"));
	}

	@Test
	void telegramButtonAnswersTheCheckIn() {
		String chat = String.valueOf(900_000_000 + numbers.incrementAndGet());
		long person = youngPersonWith("telegram", chat);
		this.scheduler.runOnce().block();
		dispatch();
		List<LoggedRequest> sent = telegram.messages();
		assertThat(sent).singleElement()
			.satisfies(request -> assertThat(request.getBodyAsString()).contains("how are things")
				.contains("checkin:OK")
				.contains("checkin:NEED_HELP"));

		TelegramStub.deliver(this.web, TelegramStub.callback(800_000 + numbers.incrementAndGet(), chat, "checkin:OK"))
			.expectStatus()
			.isOk();
		Answering.settled(this.meters);
		this.clock.advance(Duration.ofMinutes(1));
		dispatch();

		assertThat(checkIns(person)).singleElement().satisfies(row -> {
			assertThat(row.get("status")).isEqualTo("ANSWERED");
			assertThat(row.get("answer")).isEqualTo("OK");
		});
		assertThat(telegram.messages()).hasSize(2)
			.last()
			.satisfies(request -> assertThat(request.getBodyAsString()).contains("Thanks for letting me know"));
	}

	@Test
	void withoutAnOpenCheckInTheNumbersAreJustMessages() {
		String number = newNumber();
		long person = youngPersonWith("sms", number);
		incoming(number, "1").expectStatus().isOk();
		assertThat(checkIns(person)).isEmpty();
		assertThat(alerts(person)).isEmpty();
	}

	// --- helpers

	static String newNumber() {
		return "+447700901" + numbers.incrementAndGet();
	}

	long youngPersonWith(String channel, String address) {
		return LinkedYoungPerson.insert(this.db, this.sealer, channel, address,
				OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC));
	}

	void dispatch() {
		this.dispatcher.dispatchOnce().block();
	}

	List<Map<String, Object>> checkIns(long person) {
		return this.db.sql("select status, answer, answer_message_id from check_in where young_person_id = :id")
			.bind("id", person)
			.fetch()
			.all()
			.collectList()
			.block();
	}

	List<Map<String, Object>> alerts(long person) {
		return this.db.sql("select reason, level from alert where young_person_id = :id order by id")
			.bind("id", person)
			.fetch()
			.all()
			.collectList()
			.block();
	}

	WebTestClient.ResponseSpec incoming(String number, String body) {
		WebTestClient.ResponseSpec response = TwilioStub.deliver(this.web, number, body);
		Answering.settled(this.meters);
		return response;
	}

}
