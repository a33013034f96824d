package app.waymark.channel.whatsapp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.channel.Channels;
import app.waymark.channel.OutboundDispatcher;
import app.waymark.channel.OutboundMessage;
import app.waymark.channel.OutboundQueue;
import app.waymark.channel.sms.TwilioStub;
import app.waymark.people.LinkCodes;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import app.waymark.system.Answering;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio's WhatsApp webhooks over real HTTP into the running app and a real database; the
 * project's Twilio stub stands in for Twilio's REST API, and webhooks are signed as
 * Twilio signs them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class WhatsAppWebhookIntegrationTests {

	static final String WEBHOOK = "/webhooks/twilio/whatsapp";

	static final String STATUS = "/webhooks/twilio/whatsapp/status";

	static final String SENDER = "whatsapp:+447700900000";

	static final String CHECK_IN_TEMPLATE = "HX00000000000000000000000000000001";

	static final String WORKER_REPLY_TEMPLATE = "HX00000000000000000000000000000003";

	static final String ANNOUNCEMENT_TEMPLATE = "HX00000000000000000000000000000004";

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	static final AtomicInteger numbers = new AtomicInteger(100);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		twilio.register(registry);
		registry.add("waymark.whatsapp.from", () -> SENDER);
		registry.add("waymark.whatsapp.check-in-template", () -> CHECK_IN_TEMPLATE);
		registry.add("waymark.whatsapp.worker-reply-template", () -> WORKER_REPLY_TEMPLATE);
		registry.add("waymark.whatsapp.announcement-template", () -> ANNOUNCEMENT_TEMPLATE);
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
	OutboundQueue queue;

	@Autowired
	DatabaseClient db;

	@Autowired
	Sealer sealer;

	@Autowired
	LinkCodes linkCodes;

	@Autowired
	Channels channels;

	@BeforeEach
	void twilioAcceptsEverything() {
		twilio.acceptEverything();
	}

	@Test
	void aQuestionIsStoredAndAnsweredFreeFormFromTheWhatsAppSender() {
		String address = newAddress();
		deliver(message(address, "can i get free bus travel?")).expectStatus().isOk();
		assertThat(storedFrom(address)).isEqualTo(1);
		dispatch();
		List<Map<String, String>> sent = twilio.sentTo(address);
		assertThat(sent).isNotEmpty();
		assertThat(sent.getFirst()).containsEntry("From", SENDER).doesNotContainKey("ContentSid");
		assertThat(sent.getFirst().get("Body")).containsIgnoringCase("bus").hasSizeLessThanOrEqualTo(1600);
		assertThat(sent.getFirst().get("StatusCallback")).isEqualTo(TwilioStub.PUBLIC + STATUS);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "missing, 403", "wrong, 403", "signed for the SMS webhook, 403", "good, 200" })
	void onlyATwilioSignatureIsTaken(String signature, int status) {
		String address = newAddress();
		Map<String, String> fields = message(address, "hello");
		String given = switch (signature) {
			case "missing" -> null;
			case "wrong" -> "bm90IGEgc2lnbmF0dXJl";
			case "signed for the SMS webhook" -> TwilioStub.signature(TwilioStub.SMS_WEBHOOK, fields);
			default -> TwilioStub.signature(WEBHOOK, fields);
		};
		TwilioStub.webhook(this.web, WEBHOOK, TwilioStub.form(fields), given).expectStatus().isEqualTo(status);
		assertThat(storedFrom(address)).isEqualTo(status == 200 ? 1 : 0);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "an SMS number, From, +447700900123", "no prefix number, From, whatsapp:447700900123",
			"letters, From, whatsapp:+44abc", "no MessageSid, MessageSid, ''" })
	void badFieldsGetAClear400(String why, String field, String value) {
		Map<String, String> fields = message(newAddress(), "hello");
		fields.put(field, value);
		deliver(fields).expectStatus()
			.isBadRequest()
			.expectBody(String.class)
			.value(xml -> assertThat(xml).contains("<Error status=\"400\">")
				.doesNotContain(value.isEmpty() ? "<never>" : value));
	}

	@Test
	void aBodyThatIsNotUtf8IsRefused() {
		byte[] body = "From=whatsapp%3A%2B447700900999&Body=%FF".getBytes(StandardCharsets.US_ASCII);
		TwilioStub.webhook(this.web, WEBHOOK, body, "anything").expectStatus().isBadRequest();
	}

	@Test
	void aDuplicateDeliveryIsStoredAndAnsweredOnce() {
		String address = newAddress();
		Map<String, String> fields = message(address, "how do i get a bus pass?");
		deliver(fields).expectStatus().isOk();
		deliver(fields).expectStatus().isOk();
		dispatch();
		assertThat(storedFrom(address)).isEqualTo(1);
		int answers = twilio.sentTo(address).size();
		deliver(fields).expectStatus().isOk();
		dispatch();
		assertThat(twilio.sentTo(address)).hasSize(answers);
	}

	/**
	 * The 24-hour rule: free-form text only within a day of the person's last message;
	 * after that the kind's template, or no send at all where the kind has none.
	 */
	@ParameterizedTest(name = "{0} {1} h after their last message: {2}")
	@CsvSource({ "CHECK_IN, 2, free-form", "CHECK_IN, 30, template " + CHECK_IN_TEMPLATE,
			"CHECK_IN, never, template " + CHECK_IN_TEMPLATE, "WORKER_REPLY, 23, free-form",
			"WORKER_REPLY, 25, template " + WORKER_REPLY_TEMPLATE, "ALERT, 2, free-form", "ALERT, 48, not sent",
			"CHECK_IN_REMINDER, 30, not sent", "ANNOUNCEMENT, 2, free-form",
			"ANNOUNCEMENT, 30, template " + ANNOUNCEMENT_TEMPLATE })
	void outsideTheWindowOnlyATemplateGoes(String kind, String hoursAgo, String expected) {
		String address = newAddress();
		if (!hoursAgo.equals("never")) {
			inboundAt(address, Duration.ofHours(Long.parseLong(hoursAgo)));
		}
		String text = "Hi Sam, how are things? Reply 1 Good, 2 OK, 3 Need help.";
		this.queue
			.enqueue(new OutboundMessage(WhatsAppChannel.NAME, address, text, List.of(),
					OutboundMessage.Purpose.CHECK_IN, null, null, kind))
			.block();
		dispatch();
		List<Map<String, String>> sent = twilio.sentTo(address);
		switch (expected.split(" ")[0]) {
			case "free-form" -> assertThat(sent).singleElement().satisfies(fields -> {
				assertThat(fields).containsEntry("Body", text).doesNotContainKey("ContentSid");
			});
			case "template" -> assertThat(sent).singleElement().satisfies(fields -> {
				assertThat(fields).containsEntry("ContentSid", expected.split(" ")[1]).doesNotContainKey("Body");
				assertThat(fields.get("ContentVariables")).contains("\"1\"").contains("how are things?");
			});
			default -> {
				assertThat(sent).isEmpty();
				assertThat(outboundStatus(address)).isEqualTo("FAILED");
			}
		}
	}

	@Test
	void stopOptsOutAndIsConfirmed() {
		String address = newAddress();
		deliver(message(address, "STOP")).expectStatus().isOk();
		dispatch();
		assertThat(optedIn(address)).isFalse();
		assertThat(twilio.sentTo(address)).singleElement()
			.satisfies(fields -> assertThat(fields.get("Body")).isNotBlank());
		deliver(message(address, "START")).expectStatus().isOk();
		assertThat(optedIn(address)).isTrue();
	}

	@Test
	void aLinkCodeLinksTheWhatsAppNumberToTheYoungPerson() {
		long youngPerson = insert("insert into young_person (case_reference, name, preferred_name, created_at, "
				+ "updated_at) values ('WA-" + numbers.incrementAndGet() + "', 'Samira Test', 'Sam', :now, :now)");
		String code = this.linkCodes.forYoungPerson(youngPerson, null).block().code();
		String address = newAddress();
		deliver(message(address, code)).expectStatus().isOk();
		Long linked = this.db
			.sql("select young_person_id from channel_identity where channel = 'whatsapp' and address_hash = :h")
			.bind("h", this.sealer.hash(address))
			.map(row -> row.get("young_person_id", Long.class))
			.one()
			.block();
		assertThat(linked).isEqualTo(youngPerson);
		dispatch();
		assertThat(twilio.sentTo(address)).singleElement()
			.satisfies(fields -> assertThat(fields.get("Body")).contains("Sam"));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "checkin:GOOD, good", "ack:12, ACK 12" })
	void aPressedTemplateButtonReadsAsItsChoice(String payload, String words) {
		String address = newAddress();
		Map<String, String> fields = message(address, "");
		fields.put("ButtonPayload", payload);
		fields.put("ButtonText", "Something else");
		deliver(fields).expectStatus().isOk();
		String stored = this.db.sql(
				"select body_sealed from message where channel = 'whatsapp' and direction = 'IN' and address_hash = :h")
			.bind("h", this.sealer.hash(address))
			.map(row -> row.get("body_sealed", String.class))
			.one()
			.map(this.sealer::open)
			.block();
		assertThat(stored).isEqualTo(words);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "delivered, DELIVERED", "read, READ", "failed, FAILED" })
	void deliveryStatusesAreRecorded(String status, String recorded) {
		String address = newAddress();
		deliver(message(address, "what is a personal adviser?")).expectStatus().isOk();
		dispatch();
		String sid = this.db
			.sql("select provider_id from message where channel = 'whatsapp' and direction = 'OUT' "
					+ "and address_hash = :h order by id limit 1")
			.bind("h", this.sealer.hash(address))
			.map(row -> row.get("provider_id", String.class))
			.one()
			.block();
		assertThat(sid).startsWith("SM");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("MessageSid", sid);
		fields.put("MessageStatus", status);
		fields.put("ChannelPrefix", "whatsapp");
		TwilioStub.webhook(this.web, STATUS, fields).expectStatus().isOk();
		assertThat(this.db.sql("select status from message where provider_id = :sid")
			.bind("sid", sid)
			.map(row -> row.get("status", String.class))
			.one()
			.block()).isEqualTo(recorded);
	}

	@Test
	void checkInsAndAlertsMayGoByWhatsApp() {
		assertThat(this.channels.reachingLater()).contains(WhatsAppChannel.NAME);
		assertThat(this.channels.orders()).contains("whatsapp", "telegram,sms,whatsapp", "whatsapp,sms");
	}

	WebTestClient.ResponseSpec deliver(Map<String, String> fields) {
		WebTestClient.ResponseSpec response = TwilioStub.webhook(this.web, WEBHOOK, fields);
		Answering.settled(this.meters);
		return response;
	}

	void dispatch() {
		this.dispatcher.dispatchOnce().block();
	}

	/** The fields Twilio posts for a WhatsApp message from this address. */
	static Map<String, String> message(String from, String body) {
		return TwilioStub.whatsApp(from, SENDER, body);
	}

	static String newAddress() {
		return "whatsapp:+4477009" + String.format("%05d", numbers.incrementAndGet());
	}

	/** A message from this address, as stored that long ago. */
	void inboundAt(String address, Duration ago) {
		OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).minus(ago);
		this.db
			.sql("insert into message (channel, direction, provider_id, address_hash, status, created_at, updated_at) "
					+ "values ('whatsapp', 'IN', :sid, :h, 'REPLIED', :at, :at)")
			.bind("sid", "SM" + UUID.randomUUID().toString().replace("-", ""))
			.bind("h", this.sealer.hash(address))
			.bind("at", at)
			.then()
			.block();
	}

	long insert(String sql) {
		return this.db.sql(sql)
			.bind("now", OffsetDateTime.now(ZoneOffset.UTC))
			.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
	}

	long storedFrom(String address) {
		return this.db
			.sql("select count(*) from message where channel = 'whatsapp' and direction = 'IN' and address_hash = :h")
			.bind("h", this.sealer.hash(address))
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

	String outboundStatus(String address) {
		return this.db
			.sql("select o.status from outbound o join message m on m.id = o.message_id where m.address_hash = :h")
			.bind("h", this.sealer.hash(address))
			.map(row -> row.get("status", String.class))
			.one()
			.block();
	}

	Boolean optedIn(String address) {
		return this.db
			.sql("select opted_in from consent where channel = 'whatsapp' and address_hash = :h "
					+ "order by recorded_at desc, id desc limit 1")
			.bind("h", this.sealer.hash(address))
			.map(row -> row.get("opted_in", Boolean.class))
			.one()
			.block();
	}

}
