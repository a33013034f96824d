package app.waymark.channel.sms;

import app.waymark.system.SmsText;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import app.waymark.channel.OutboundDispatcher;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.micrometer.core.instrument.MeterRegistry;
import app.waymark.system.Answering;
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
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.channel.sms.TwilioStub.FROM;
import static app.waymark.channel.sms.TwilioStub.MESSAGES;
import static app.waymark.channel.sms.TwilioStub.PUBLIC;
import static app.waymark.channel.sms.TwilioStub.SID;
import static app.waymark.channel.sms.TwilioStub.SMS_WEBHOOK;
import static app.waymark.channel.sms.TwilioStub.STATUS_WEBHOOK;
import static app.waymark.channel.sms.TwilioStub.form;
import static app.waymark.channel.sms.TwilioStub.parse;
import static app.waymark.channel.sms.TwilioStub.sms;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio's webhooks over real HTTP into the running app and a real database; WireMock
 * stands in for Twilio's REST API only. Webhooks are signed as Twilio signs them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class SmsWebhookIntegrationTests {

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	static final AtomicInteger numbers = new AtomicInteger(100);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		twilio.register(registry);
		registry.add("waymark.outbound.enabled", () -> "false");
		registry.add("waymark.outbound.first-backoff", () -> "0s");
		registry.add("waymark.outbound.max-backoff", () -> "0s");
	}

	@Autowired
	MeterRegistry meters;

	@Autowired
	WebTestClient web;

	@Autowired
	OutboundDispatcher dispatcher;

	@Autowired
	DatabaseClient db;

	@Autowired
	Sealer sealer;

	@BeforeEach
	void twilioAcceptsEverything() {
		twilio.acceptEverything();
	}

	@Test
	void goodMessageIsStoredAndAnsweredThroughTheQueue(CapturedOutput output) {
		String number = newNumber();
		incoming(sms(number, "can i get free bus travel?")).expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_XML)
			.expectBody(String.class)
			.value(xml -> assertThat(xml).contains("<Response/>").doesNotContain("<Message"));
		assertThat(storedIn(number)).isEqualTo(1);
		assertThat(twilio.sentTo(number)).isEmpty();

		dispatch();

		List<Map<String, String>> sent = twilio.sentTo(number);
		assertThat(sent).hasSize(1);
		assertThat(sent.get(0)).containsEntry("To", number).containsEntry("From", FROM);
		assertThat(sent.get(0).get("Body")).containsIgnoringCase("bus");
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).get(0).getHeader("Authorization"))
			.startsWith("Basic ");
		assertThat(outbound(number)).singleElement().satisfies(row -> {
			assertThat(row.get("status")).isEqualTo("SENT");
			assertThat((String) row.get("provider_id")).startsWith("SM");
		});
		String digits = number.substring(1);
		assertThat(output.getAll()).doesNotContain(digits).doesNotContain(number.substring(4));
	}

	@Test
	void duplicateMessageSidIsStoredOnceAndAnsweredOnce() {
		String number = newNumber();
		Map<String, String> params = sms(number, "council tax");
		incoming(params).expectStatus().isOk();
		incoming(params).expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(xml -> assertThat(xml).contains("<Response/>"));
		dispatch();
		assertThat(storedIn(number)).isEqualTo(1);
		assertThat(twilio.sentTo(number)).hasSize(1);
	}

	@Test
	void stopRecordsOptOutAndSendsNothing() {
		String number = newNumber();
		incoming(sms(number, "STOP")).expectStatus().isOk();
		dispatch();
		assertThat(storedIn(number)).isEqualTo(1);
		assertThat(optedIn(number)).isFalse();
		assertThat(twilio.sentTo(number)).isEmpty();
		// Still opted out: an ordinary question gets no answer either.
		incoming(sms(number, "council tax")).expectStatus().isOk();
		dispatch();
		assertThat(twilio.sentTo(number)).isEmpty();
	}

	@Test
	void startAfterStopOptsBackInWithAReply() {
		String number = newNumber();
		incoming(sms(number, "stop")).expectStatus().isOk();
		incoming(sms(number, "START")).expectStatus().isOk();
		dispatch();
		assertThat(optedIn(number)).isTrue();
		assertThat(twilio.sentTo(number)).singleElement()
			.satisfies(sms -> assertThat(sms.get("Body")).contains("back on"));
	}

	@Test
	void helpSendsTheMenu() {
		String number = newNumber();
		incoming(sms(number, "HELP")).expectStatus().isOk();
		dispatch();
		assertThat(twilio.sentTo(number)).singleElement()
			.satisfies(sms -> assertThat(sms.get("Body")).startsWith("Ask me about:"));
	}

	@Test
	void providerErrorThenSuccessIsSentAfterRetry() {
		String number = newNumber();
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).atPriority(1)
			.withRequestBody(containing(encode(number)))
			.inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("recovered")
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}")));
		incoming(sms(number, "council tax")).expectStatus().isOk();
		dispatch();
		assertThat(outbound(number)).singleElement().satisfies(row -> {
			assertThat(row.get("status")).isEqualTo("QUEUED");
			assertThat(row.get("attempts")).isEqualTo(1);
			assertThat((String) row.get("last_error")).startsWith("twilio 500");
		});
		dispatch();
		assertThat(twilio.sentTo(number)).hasSize(2);
		assertThat(outbound(number)).singleElement().satisfies(row -> assertThat(row.get("status")).isEqualTo("SENT"));
	}

	@Test
	void tooManyRequestsIsRetried() {
		String number = newNumber();
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).atPriority(1)
			.withRequestBody(containing(encode(number)))
			.willReturn(aResponse().withStatus(429)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}")));
		incoming(sms(number, "council tax")).expectStatus().isOk();
		dispatch();
		dispatch();
		assertThat(twilio.sentTo(number)).hasSize(2);
		assertThat(outbound(number)).singleElement().satisfies(row -> {
			assertThat(row.get("status")).isEqualTo("QUEUED");
			assertThat(row.get("attempts")).isEqualTo(2);
			assertThat(row.get("last_error")).isEqualTo("twilio 429/20429");
		});
	}

	@Test
	void optedOutAtTwilioFailsForGoodWithoutTheNumberInTheReason() {
		String number = newNumber();
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).atPriority(1)
			.withRequestBody(containing(encode(number)))
			.willReturn(aResponse().withStatus(400)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"code\":21610,\"message\":\"Attempt to send to unsubscribed recipient " + number
						+ "\",\"more_info\":\"https://www.twilio.com/docs/errors/21610\",\"status\":400}")));
		incoming(sms(number, "council tax")).expectStatus().isOk();
		dispatch();
		dispatch();
		assertThat(twilio.sentTo(number)).hasSize(1);
		assertThat(outbound(number)).singleElement().satisfies(row -> {
			assertThat(row.get("status")).isEqualTo("FAILED");
			assertThat(row.get("attempts")).isEqualTo(1);
			assertThat(row.get("last_error")).isEqualTo("twilio 400/21610");
		});
	}

	@Test
	void longAnswerIsSplitIntoTwoSegmentGsmMessagesInOrder() {
		String number = newNumber();
		incoming(sms(number, "child trust fund")).expectStatus().isOk();
		dispatch();
		assertThat(twilio.sentTo(number)).hasSize(1);
		incoming(sms(number, "MORE")).expectStatus().isOk();
		dispatch();
		List<String> bodies = twilio.sentTo(number).stream().skip(1).map(sms -> sms.get("Body")).toList();
		assertThat(bodies)
			.as(String.join("\n---\n", twilio.sentTo(number).stream().map(sms -> sms.get("Body")).toList()))
			.hasSizeGreaterThan(2);
		assertThat(bodies).allSatisfy(body -> {
			assertThat(SmsText.isGsm7(body)).as(body).isTrue();
			assertThat(SmsText.segments(body)).isLessThanOrEqualTo(2);
		});
		assertThat(bodies.get(0)).startsWith("Many young people who were in care");
		assertThat(String.join(" ", bodies)).contains("Child Trust Fund (CTF)").contains("Source:");
		assertThat(bodies.get(bodies.size() - 1)).endsWith("(March 2024)");
	}

	@Test
	void unicodeMessagesGetASafeReply() {
		String number = newNumber();
		incoming(sms(number, "\u202e🚌 سلام مرحبا bus? 👍🏽")).expectStatus().isOk();
		dispatch();
		assertThat(storedIn(number)).isEqualTo(1);
		assertThat(twilio.sentTo(number)).isNotEmpty()
			.allSatisfy(sms -> assertThat(SmsText.segments(sms.get("Body"))).isLessThanOrEqualTo(2));
	}

	@Test
	void statusCallbackUpdatesTheMessageLog() {
		String number = newNumber();
		incoming(sms(number, "council tax")).expectStatus().isOk();
		dispatch();
		String providerId = (String) outbound(number).get(0).get("provider_id");
		Map<String, String> callback = Map.of("MessageSid", providerId, "MessageStatus", "delivered", "To", number,
				"AccountSid", SID);
		signedPost(STATUS_WEBHOOK, callback).expectStatus().isOk();
		assertThat(outbound(number).get(0).get("message_status")).isEqualTo("DELIVERED");

		signedPost(STATUS_WEBHOOK, Map.of("MessageSid", "SMunknown", "MessageStatus", "failed")).expectStatus().isOk();
		send(STATUS_WEBHOOK, form(callback), "forged").expectStatus().isForbidden();
	}

	record Refused(String label, int status, Function<String, byte[]> body, Function<byte[], String> signature) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static List<Refused> refusals() {
		Function<byte[], String> signed = SmsWebhookIntegrationTests::signatureOf;
		return List.of(
				new Refused("forged signature", 403, number -> form(sms(number, "hello")), body -> "bm90IHJpZ2h0"),
				new Refused("missing signature", 403, number -> form(sms(number, "hello")), body -> null),
				new Refused("signed for another URL", 403, number -> form(sms(number, "hello")),
						body -> TwilioStub.signature(STATUS_WEBHOOK, parse(body))),
				new Refused("signed with another token", 403, number -> form(sms(number, "hello")),
						body -> TwilioSigning.sign("other", PUBLIC + SMS_WEBHOOK, parse(body))),
				new Refused("non-UTF-8 raw bytes", 400, number -> latin1Body(number), body -> "x"),
				new Refused("non-UTF-8 percent-encoded", 400,
						number -> ("From=" + encode(number) + "&Body=caf%E9&MessageSid=SM1").getBytes(), body -> "x"),
				new Refused("oversized body", 413, number -> form(sms(number, "a".repeat(70_000))), signed),
				new Refused("missing From", 400, number -> form(Map.of("Body", "hi", "MessageSid", "SM" + number)),
						signed),
				new Refused("From too long for the sealed column", 400,
						number -> form(Map.of("From", number + "9".repeat(400), "Body", "hi", "MessageSid",
								"SM" + number.substring(1))),
						signed),
				new Refused("missing MessageSid", 400, number -> form(Map.of("From", number, "Body", "hi")), signed));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void refusedWebhooksStoreNothing(Refused refused, CapturedOutput output) {
		String number = newNumber();
		byte[] body = refused.body().apply(number);
		send(SMS_WEBHOOK, body, refused.signature().apply(body)).expectStatus()
			.isEqualTo(refused.status())
			.expectBody(String.class)
			.value(text -> assertThat(text).doesNotContain("Exception").doesNotContain(number.substring(1)));
		assertThat(storedIn(number)).isZero();
		if (refused.status() == 403) {
			// Also shows the log capture works, which the good-message case relies on.
			assertThat(output.getAll()).contains("Refused a Twilio webhook on /webhooks/twilio/sms");
		}
		assertThat(output.getAll()).doesNotContain(number.substring(4));
		dispatch();
		assertThat(twilio.sentTo(number)).isEmpty();
	}

	// --- helpers

	static String newNumber() {
		return "+447700900" + numbers.incrementAndGet();
	}

	static String signatureOf(byte[] body) {
		return TwilioStub.signature(SMS_WEBHOOK, parse(body));
	}

	static byte[] latin1Body(String number) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(("From=" + encode(number) + "&MessageSid=SMlatin&Body=caf").getBytes());
		out.write(0xE9);
		return out.toByteArray();
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	WebTestClient.ResponseSpec incoming(Map<String, String> params) {
		return signedPost(SMS_WEBHOOK, params);
	}

	WebTestClient.ResponseSpec signedPost(String path, Map<String, String> params) {
		WebTestClient.ResponseSpec response = TwilioStub.webhook(this.web, path, params);
		Answering.settled(this.meters);
		return response;
	}

	WebTestClient.ResponseSpec send(String path, byte[] body, String signature) {
		WebTestClient.ResponseSpec response = TwilioStub.webhook(this.web, path, body, signature);
		Answering.settled(this.meters);
		return response;
	}

	void dispatch() {
		this.dispatcher.dispatchOnce().block();
	}

	long storedIn(String number) {
		return this.db
			.sql("select count(*) as n from message where channel = 'sms' and direction = 'IN' and address_hash = :h")
			.bind("h", this.sealer.hash(number))
			.map(row -> row.get("n", Long.class))
			.one()
			.block();
	}

	List<Map<String, Object>> outbound(String number) {
		return this.db
			.sql("select o.status, o.attempts, o.last_error, m.provider_id, m.status as message_status from outbound o "
					+ "join message m on m.id = o.message_id where m.address_hash = :h order by o.id")
			.bind("h", this.sealer.hash(number))
			.fetch()
			.all()
			.collectList()
			.block();
	}

	Boolean optedIn(String number) {
		return this.db
			.sql("select opted_in from consent where channel = 'sms' and address_hash = :h "
					+ "order by recorded_at desc, id desc limit 1")
			.bind("h", this.sealer.hash(number))
			.map(row -> row.get("opted_in", Boolean.class))
			.one()
			.block();
	}

}
