package app.waymark.channel.telegram;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import app.waymark.WaymarkApplication;
import app.waymark.channel.OutboundDispatcher;
import app.waymark.system.TestDatabase;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static app.waymark.channel.telegram.TelegramStub.API;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long polling ({@code TELEGRAM_MODE=polling}): the library polls a stubbed
 * {@code getUpdates}, and the update is stored and answered like a webhook's.
 */
@SpringBootTest(classes = { WaymarkApplication.class, TelegramTestConfiguration.class },
		properties = { "waymark.outbound.enabled=false", "waymark.telegram.mode=polling" })
// The poller keeps calling its stub, which stops after this class: close the application
// with it, or its connection errors run on into later tests' logs.
@DirtiesContext
class TelegramPollingIntegrationTests {

	@RegisterExtension
	static final TelegramStub telegram = new TelegramStub();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	static {
		telegram.acceptEverything();
		try {
			String update = TelegramWebhookIntegrationTests.fixture("text");
			telegram.stubFor(post(urlMatching("(?i)" + Pattern.quote(API + "/getupdates"))).inScenario("poll")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(json("{\"ok\":true,\"result\":[" + update + "]}"))
				.willSetStateTo("delivered"));
			telegram.stubFor(post(urlMatching("(?i)" + Pattern.quote(API + "/getupdates"))).inScenario("poll")
				.whenScenarioStateIs("delivered")
				.willReturn(json("{\"ok\":true,\"result\":[]}").withFixedDelay(200)));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		database.register(registry);
		Path dir = Files.createTempDirectory("waymark-telegram-polling");
		registry.add("waymark.data.dir", dir::toString);
		telegram.register(registry);
	}

	@Autowired
	DatabaseClient db;

	@Autowired
	OutboundDispatcher dispatcher;

	@Test
	void polledMessageIsStoredAndAnswered() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		// stored first, answered after (the answer may wait for the embedding model to
		// load)
		while ((inbound() == 0 || queued() == 0) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(inbound()).isEqualTo(1);
		assertThat(queued()).isEqualTo(1);
		this.dispatcher.dispatchOnce().block();
		assertThat(telegram.messagesTo(TelegramWebhookIntegrationTests.CHAT)).hasSize(1);
		telegram.verify(postRequestedFor(urlMatching("(?i)" + Pattern.quote(API + "/deletewebhook"))));
	}

	private long queued() {
		return this.db.sql("select count(*) from outbound").map(row -> ((Number) row.get(0)).longValue()).one().block();
	}

	private long inbound() {
		return this.db.sql("select count(*) from message where direction = 'IN' and provider_id = 'u700001'")
			.map(row -> ((Number) row.get(0)).longValue())
			.one()
			.block();
	}

}
