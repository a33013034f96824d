package app.waymark.system;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio misbehaves for a while (500s, 429s, connections reset, empty and slow replies)
 * and then recovers, with the real dispatcher running on its own schedule: every queued
 * reply is delivered, and delivered once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "waymark.outbound.enabled=true", "waymark.outbound.poll-interval=100ms",
				"waymark.outbound.first-backoff=100ms", "waymark.outbound.max-backoff=400ms",
				"waymark.outbound.max-attempts=100", "waymark.checkin.enabled=false" })
@AutoConfigureWebTestClient
class ProviderFaultsIntegrationTests {

	static final String SID = "ACfault000000000000000000000000000";

	static final String TOKEN = "fault-auth-token";

	static final String PUBLIC = "https://waymark.example";

	static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

	static final WireMockServer twilio = new WireMockServer(options().dynamicPort().notifier(new Slf4jNotifier(false)));

	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	static {
		twilio.start();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("waymark.encryption-key",
				() -> Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)));
		registry.add("waymark.sms.account-sid", () -> SID);
		registry.add("waymark.sms.auth-token", () -> TOKEN);
		registry.add("waymark.sms.from-number", () -> "+447700900000");
		registry.add("waymark.sms.api-base-url", () -> "http://127.0.0.1:" + twilio.port());
		registry.add("waymark.sms.public-base-url", () -> PUBLIC + "/");
		registry.add("waymark.sms.rate", () -> "1000");
	}

	@AfterAll
	static void stop() {
		twilio.stop();
		database.close();
	}

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	@Test
	void everyReplyQueuedWhileTwilioFailsIsDeliveredOnceAfterItRecovers() throws Exception {
		twilio.stubFor(post(urlPathEqualTo(MESSAGES)).atPriority(10)
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\","
						+ "\"num_segments\":\"1\",\"account_sid\":\"" + SID + "\"}")
				.withTransformers("response-template")));
		// After a reset or an empty answer the sender cannot know whether Twilio took the
		// message, so it lists Twilio's messages first: none was accepted here.
		twilio
			.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"messages\":[],\"uri\":\"" + MESSAGES + "?PageSize=20&Page=0\",\"first_page_uri\":\""
						+ MESSAGES + "?PageSize=20&Page=0\",\"next_page_uri\":null,\"previous_page_uri\":null,"
						+ "\"page\":0,\"page_size\":20,\"start\":0,\"end\":0}")));
		// each number's last digit picks how Twilio fails it until it recovers
		List<Supplier<ResponseDefinitionBuilder>> faults = List.of(
				() -> aResponse().withStatus(500)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}"),
				() -> aResponse().withStatus(429)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"code\":20429,\"message\":\"Too Many Requests\",\"status\":429}"),
				() -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
				() -> aResponse().withFault(Fault.EMPTY_RESPONSE),
				() -> aResponse().withStatus(503).withFixedDelay(1_500).withBody("slow and unavailable"));
		List<StubMapping> faultStubs = new ArrayList<>();
		for (int digit = 0; digit < 10; digit++) {
			faultStubs.add(twilio.stubFor(post(urlPathEqualTo(MESSAGES)).atPriority(1)
				.withRequestBody(containing(URLEncoder.encode("+4477009300" + digit, StandardCharsets.UTF_8)))
				.willReturn(faults.get(digit % faults.size()).get())));
		}
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String number = "+4477009300" + (i % 10) + (i / 10);
			numbers.add(number);
			incoming(number, "council tax");
		}
		// wait until every queued reply has been tried (and failed) at least once
		long tried = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (twilio.getAllServeEvents().size() < numbers.size() && System.nanoTime() < tried) {
			Thread.sleep(100);
		}
		assertThat(twilio.getAllServeEvents()).as("Twilio was tried and failed")
			.hasSizeGreaterThanOrEqualTo(numbers.size());
		assertThat(delivered()).as("nothing gets through while Twilio fails").isEmpty();
		faultStubs.forEach(twilio::removeStub);

		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (delivered().size() < numbers.size() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		Thread.sleep(1_500);
		Map<String, Integer> delivered = delivered();
		assertThat(delivered.keySet()).containsExactlyInAnyOrderElementsOf(numbers);
		assertThat(delivered.values()).as("each delivered exactly once").containsOnly(1);
		assertThat(this.db.sql("select status, count(*) as n from outbound group by status")
			.map(row -> row.get("status", String.class) + "=" + row.get("n", Long.class))
			.all()
			.collectList()
			.block()).containsExactly("SENT=30");
		assertThat(this.db.sql("select count(*) from outbound where attempts > 1")
			.map(row -> row.get(0, Long.class))
			.one()
			.block()).as("retried after failures").isGreaterThan(10);
	}

	/** Numbers Twilio accepted a message for (201), with how many times. */
	static Map<String, Integer> delivered() {
		Map<String, Integer> counts = new HashMap<>();
		for (ServeEvent event : twilio.getAllServeEvents()) {
			if (event.getResponse().getStatus() == 201) {
				for (String pair : event.getRequest().getBodyAsString().split("&")) {
					if (pair.startsWith("To=")) {
						counts.merge(URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8), 1, Integer::sum);
					}
				}
			}
		}
		return counts;
	}

	void incoming(String number, String text) {
		Map<String, String> params = new LinkedHashMap<>();
		String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
		params.put("MessageSid", sid);
		params.put("AccountSid", SID);
		params.put("From", number);
		params.put("Body", text);
		StringBuilder body = new StringBuilder();
		params.forEach((key, value) -> body.append(body.isEmpty() ? "" : "&")
			.append(URLEncoder.encode(key, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		StringBuilder data = new StringBuilder(PUBLIC + "/webhooks/twilio/sms");
		new TreeMap<>(params).forEach((key, value) -> data.append(key).append(value));
		String signature;
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
			signature = Base64.getEncoder()
				.encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		this.web.post()
			.uri("/webhooks/twilio/sms")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.header("X-Twilio-Signature", signature)
			.bodyValue(body.toString())
			.exchange()
			.expectStatus()
			.isOk();
	}

}
