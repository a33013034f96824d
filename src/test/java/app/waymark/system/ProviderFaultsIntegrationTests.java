package app.waymark.system;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import app.waymark.channel.sms.TwilioStub;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.channel.sms.TwilioStub.MESSAGES;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio misbehaves for a while (500s, 429s, connections reset, empty and slow replies)
 * and then recovers, with the real dispatcher running on its own schedule: every queued
 * reply, SMS or WhatsApp, is delivered, and delivered once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "waymark.outbound.enabled=true", "waymark.outbound.poll-interval=100ms",
				"waymark.outbound.first-backoff=100ms", "waymark.outbound.max-backoff=400ms",
				"waymark.outbound.max-attempts=100", "waymark.checkin.enabled=false",
				"waymark.whatsapp.from=" + ProviderFaultsIntegrationTests.WHATSAPP_SENDER })
@AutoConfigureWebTestClient
class ProviderFaultsIntegrationTests {

	static final String WHATSAPP_SENDER = "whatsapp:+447700900000";

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		twilio.register(registry);
	}

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	/** Both of Twilio's channels: their own numbers, so the runs cannot mix. */
	@ParameterizedTest
	@CsvSource({ "sms, +4477009300", "whatsapp, whatsapp:+4477009310" })
	void everyReplyQueuedWhileTwilioFailsIsDeliveredOnceAfterItRecovers(String channel, String prefix)
			throws Exception {
		twilio.acceptEverything();
		// After a reset or an empty answer the sender cannot know whether Twilio took the
		// message, so it looks at Twilio's list first: the stub lists none, as none was
		// accepted.
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
				.withRequestBody(containing(URLEncoder.encode(prefix + digit, StandardCharsets.UTF_8)))
				.willReturn(faults.get(digit % faults.size()).get())));
		}
		List<String> numbers = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			String number = prefix + (i % 10) + (i / 10);
			numbers.add(number);
			if (channel.equals("sms")) {
				TwilioStub.deliver(this.web, number, "council tax").expectStatus().isOk();
			}
			else {
				TwilioStub
					.webhook(this.web, "/webhooks/twilio/whatsapp",
							TwilioStub.whatsApp(number, WHATSAPP_SENDER, "council tax"))
					.expectStatus()
					.isOk();
			}
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
		assertThat(this.db.sql("select status, count(*) as n from outbound where channel = :channel group by status")
			.bind("channel", channel)
			.map(row -> row.get("status", String.class) + "=" + row.get("n", Long.class))
			.all()
			.collectList()
			.block()).containsExactly("SENT=30");
		assertThat(this.db.sql("select count(*) from outbound where channel = :channel and attempts > 1")
			.bind("channel", channel)
			.map(row -> row.get(0, Long.class))
			.one()
			.block()).as("retried after failures").isGreaterThan(10);
	}

	/** Numbers Twilio accepted a message for (201), with how many times. */
	static Map<String, Integer> delivered() {
		Map<String, Integer> counts = new HashMap<>();
		for (ServeEvent event : twilio.getAllServeEvents()) {
			if (event.getResponse().getStatus() == 201) {
				counts.merge(TwilioStub.parse(event.getRequest().getBody()).get("To"), 1, Integer::sum);
			}
		}
		return counts;
	}

}
