package app.waymark.channel.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import app.waymark.channel.ChannelSender.SendResult;
import app.waymark.channel.OutboundDispatcher;
import app.waymark.channel.OutboundMessage;
import app.waymark.channel.OutboundQueue;
import app.waymark.channel.QueuedMessage;
import app.waymark.system.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static app.waymark.channel.sms.TwilioStub.FROM;
import static app.waymark.channel.sms.TwilioStub.MESSAGES;
import static app.waymark.channel.sms.TwilioStub.SID;
import static app.waymark.channel.sms.TwilioStub.TOKEN;
import static app.waymark.channel.sms.TwilioStub.message;
import static app.waymark.channel.sms.TwilioStub.page;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply whose earlier attempt ended without Twilio's answer (the instance died
 * mid-call, or the call timed out) is looked for in Twilio's Messages list before it is
 * sent again. WireMock plays Twilio's API; the dispatcher is driven by hand.
 */
@SpringBootTest(properties = { "waymark.outbound.enabled=false", "waymark.outbound.first-backoff=0s",
		"waymark.outbound.max-backoff=0s", "waymark.checkin.enabled=false", "waymark.sms.timeout=1s" })
class SendReconciliationIntegrationTests {

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	static final AtomicInteger numbers = new AtomicInteger(100);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		twilio.register(registry);
	}

	@Autowired
	OutboundDispatcher dispatcher;

	@Autowired
	OutboundQueue queue;

	@Autowired
	DatabaseClient db;

	/**
	 * This application's registry: the global one may list, first, the counters of a
	 * registry another test's application closed, which no longer count.
	 */
	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void twilioAcceptsEverything() {
		twilio.acceptEverything();
	}

	/**
	 * A message in Twilio's list: its sid, text, and seconds after the in-flight mark.
	 */
	record Listed(String sid, String body, long secondsAfterMark) {
	}

	/**
	 * {@code expectedProviderId} null: the sid Twilio gave a new message (the stub's are
	 * hexadecimal, the listed ones are not).
	 */
	record Case(String label, List<Listed> listed, String recordedForAnEarlierReply, String expectedProviderId,
			int expectedPosts) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static final String TEXT = "Care leavers can get help with council tax. Reply MORE for details.";

	static List<Case> cases() {
		return List.of(
				new Case("listed: marked sent with its sid, nothing posted",
						List.of(new Listed("SMlisted000000000000000000000001", TEXT, 1)), null,
						"SMlisted000000000000000000000001", 0),
				new Case("listed within the clock skew before the mark",
						List.of(new Listed("SMlisted000000000000000000000002", TEXT, -30)), null,
						"SMlisted000000000000000000000002", 0),
				new Case("not listed: sent once", List.of(), null, null, 1),
				new Case("only another text listed: sent once",
						List.of(new Listed("SMother00000000000000000000000001", "Something else", 1)), null, null, 1),
				new Case("only an older identical message listed: sent once",
						List.of(new Listed("SMolder00000000000000000000000001", TEXT, -600)), null, null, 1),
				new Case("identical message listed but recorded for an earlier reply: sent once",
						List.of(new Listed("SMknown00000000000000000000000001", TEXT, -5)),
						"SMknown00000000000000000000000001", null, 1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void rowLeftInFlightIsLookedForBeforeItIsSentAgain(Case c) {
		String number = newNumber();
		if (c.recordedForAnEarlierReply() != null) {
			long earlier = enqueue(number, TEXT);
			this.db.sql("update message set status = 'SENT', provider_id = :sid where id = :id")
				.bind("sid", c.recordedForAnEarlierReply())
				.bind("id", earlier)
				.then()
				.then(this.db.sql("update outbound set status = 'SENT' where message_id = :id")
					.bind("id", earlier)
					.then())
				.block();
		}
		Instant mark = Instant.now().minusSeconds(3);
		long messageId = enqueue(number, TEXT);
		leftInFlight(messageId, mark);
		listing(number, c.listed(), mark);
		double found = reconciliations("found");

		dispatch();

		assertThat(twilio.findAll(getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo(number))
			.withQueryParam("From", equalTo(FROM)))).as("asked Twilio by To and From").hasSize(1);
		assertThat(postsTo(number)).isEqualTo(c.expectedPosts());
		Map<String, Object> row = row(messageId);
		assertThat(row.get("status")).isEqualTo("SENT");
		if (c.expectedProviderId() != null) {
			assertThat(row.get("provider_id")).isEqualTo(c.expectedProviderId());
		}
		else {
			assertThat((String) row.get("provider_id")).as("a new message's sid").matches("SM\\p{XDigit}{32}");
		}
		assertThat(row.get("in_flight_since")).isNull();
		assertThat(reconciliations("found") - found).isEqualTo(c.expectedPosts() == 0 ? 1 : 0);
	}

	@Test
	void rowNeverInFlightIsSentWithoutAsking() {
		String number = newNumber();
		long messageId = enqueue(number, TEXT);
		dispatch();
		assertThat(twilio.findAll(getRequestedFor(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo(number))))
			.isEmpty();
		assertThat(postsTo(number)).isEqualTo(1);
		assertThat(row(messageId).get("status")).isEqualTo("SENT");
	}

	@Test
	void listThatFailsIsAskedAgainLaterAndNothingIsSentBlind() {
		String number = newNumber();
		Instant mark = Instant.now().minusSeconds(3);
		long messageId = enqueue(number, TEXT);
		leftInFlight(messageId, mark);
		twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo(number))
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));

		dispatch();

		assertThat(postsTo(number)).isZero();
		Map<String, Object> row = row(messageId);
		assertThat(row.get("status")).isEqualTo("QUEUED");
		assertThat(row.get("attempts")).isEqualTo(1);
		assertThat(row.get("last_error")).isEqualTo("lookup: twilio 500/20500");
		assertThat(row.get("in_flight_since")).as("still unknown").isNotNull();

		listing(number, List.of(), mark);
		dispatch();
		assertThat(postsTo(number)).isEqualTo(1);
		assertThat(row(messageId).get("status")).isEqualTo("SENT");
	}

	@Test
	void createThatTimesOutIsFoundNextTimeInsteadOfSentTwice() {
		String number = newNumber();
		String sid = "SMslow000000000000000000000000001";
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).atPriority(1)
			.withRequestBody(containing(URLEncoder.encode(number, StandardCharsets.UTF_8)))
			.willReturn(aResponse().withStatus(201)
				.withFixedDelay(3_000)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"num_segments\":\"1\"}")));
		long messageId = enqueue(number, TEXT);

		dispatch();

		assertThat(postsTo(number)).isEqualTo(1);
		Map<String, Object> row = row(messageId);
		assertThat(row.get("status")).isEqualTo("QUEUED");
		assertThat(row.get("last_error")).as("no answer").isEqualTo("io");
		assertThat(row.get("in_flight_since")).as("Twilio may have it").isNotNull();

		// Twilio did take it: it is in the list, created just after the mark.
		listing(number, List.of(new Listed(sid, TEXT, 0)), ((OffsetDateTime) row.get("in_flight_since")).toInstant());
		dispatch();

		assertThat(postsTo(number)).as("not sent twice").isEqualTo(1);
		assertThat(row(messageId)).containsEntry("status", "SENT").containsEntry("provider_id", sid);
	}

	@Test
	void withAMessagingServiceOnlyItsMessagesMatch() {
		SmsSettings settings = new SmsSettings(SID, TOKEN, "", "MGservice00000000000000000000000", twilio.apiBaseUrl(),
				"", 1000, Duration.ofSeconds(2), "");
		TwilioSender sender = new TwilioSender(settings);
		String number = newNumber();
		Instant mark = Instant.now().minusSeconds(3);
		twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo(number))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody(page(List.of(
						message("SMfromanother000000000000000001", number, TEXT, mark.plusSeconds(2), "MGother"),
						message("SMfromours0000000000000000000001", number, TEXT, mark.plusSeconds(1),
								"MGservice00000000000000000000000"))))));
		QueuedMessage queued = new QueuedMessage(1, 1, "sms", number, TEXT, null, OutboundMessage.Purpose.REPLY, 1,
				null, null, mark);

		List<SendResult.Sent> found = sender.findEarlier(queued, mark).collectList().block();

		assertThat(found).extracting(SendResult.Sent::providerId).containsExactly("SMfromours0000000000000000000001");
		assertThat(twilio.findAll(getRequestedFor(urlPathEqualTo(MESSAGES))).get(0).getQueryParams())
			.as("Twilio cannot filter by service; From would exclude the pool's numbers")
			.doesNotContainKey("From");
	}

	// --- helpers

	static String newNumber() {
		return "+447700901" + numbers.incrementAndGet();
	}

	long enqueue(String number, String text) {
		return this.queue
			.enqueue(
					new OutboundMessage("sms", number, text, null, OutboundMessage.Purpose.REPLY, null, null, "ANSWER"))
			.block();
	}

	/** As an instance that died mid-call (or timed out) leaves the row. */
	void leftInFlight(long messageId, Instant since) {
		this.db.sql("update outbound set in_flight_since = :since where message_id = :id")
			.bind("since", since.atOffset(ZoneOffset.UTC))
			.bind("id", messageId)
			.then()
			.block();
	}

	/** Twilio's list for messages to this number from ours. */
	static void listing(String number, List<Listed> listed, Instant mark) {
		List<String> messages = listed.stream()
			.sorted((a, b) -> Long.compare(b.secondsAfterMark(), a.secondsAfterMark()))
			.map(m -> message(m.sid(), number, m.body(), mark.plusSeconds(m.secondsAfterMark()), null))
			.toList();
		twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("To", equalTo(number))
			.withQueryParam("From", equalTo(FROM))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(messages))));
	}

	void dispatch() {
		this.dispatcher.dispatchOnce().block();
	}

	static int postsTo(String number) {
		return twilio.sentTo(number).size();
	}

	Map<String, Object> row(long messageId) {
		return this.db
			.sql("select o.status, o.attempts, o.last_error, o.in_flight_since, m.provider_id from outbound o "
					+ "join message m on m.id = o.message_id where m.id = :id")
			.bind("id", messageId)
			.fetch()
			.one()
			.block()
			.entrySet()
			.stream()
			.filter(entry -> entry.getValue() != null)
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	double reconciliations(String result) {
		Counter counter = this.meters.find("waymark.outbound.reconciliations")
			.tags("channel", "sms", "result", result)
			.counter();
		return counter == null ? 0 : counter.count();
	}

}
