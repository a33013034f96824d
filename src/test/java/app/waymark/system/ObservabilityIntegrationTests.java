package app.waymark.system;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prometheus metrics and the OpenAPI description, over real HTTP with the real security
 * rules.
 */
@SpringBootTest
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	@Autowired
	WebTestClient web;

	@Autowired
	OperationsMetrics operations;

	@Autowired
	SentenceEmbeddings embeddings;

	@Test
	void prometheusShowsMessagesAnswersSearchQueueAndAlerts() {
		this.web.post()
			.uri("/api/v1/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "can i get free bus travel?"))
			.exchange()
			.expectStatus()
			.isOk();
		this.operations.refresh().block();
		String scrape = Staff.as(this.web, ADMIN)
			.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(scrape).contains("waymark_messages_total{channel=\"web\",direction=\"in\"")
			.contains("waymark_answers_total{confident=\"true\"")
			.contains("waymark_answer_confidence_count")
			.contains("waymark_knowledge_search_seconds_count")
			.contains("waymark_outbound_queued")
			.contains("waymark_outbound_oldest_age_seconds")
			.contains("waymark_alerts_open")
			.contains("waymark_alerts_urgent_unacknowledged");
	}

	@Test
	void everyLogLineOfARequestCarriesItsCorrelationIdAndNoPersonalData(CapturedOutput output) {
		this.web.post()
			.uri("/api/v1/chat")
			.header(CorrelationId.HEADER, "trace-me-42")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "my secret question about council tax"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(CorrelationId.HEADER, "trace-me-42");
		assertThat(output.getOut().lines().filter(line -> line.contains("Inbound web message")))
			.anySatisfy(line -> assertThat(line).contains("[trace-me-42]"));
		assertThat(output.getOut()).doesNotContain("my secret question");
		// the MDC is the one ThreadLocal carried across the reactive chain: the
		// libraries' others are restored on every signal and cost CPU on every message
		assertThat(io.micrometer.context.ContextRegistry.getInstance().getThreadLocalAccessors())
			.extracting(accessor -> accessor.key())
			.containsExactly(CorrelationId.KEY);
		// a header that is not a plain token is replaced, not echoed into logs
		this.web.post()
			.uri("/api/v1/chat")
			.header(CorrelationId.HEADER, "bad id\nwith newline")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "hi"))
			.exchange()
			.expectHeader()
			.value(CorrelationId.HEADER, id -> assertThat(id).matches("[0-9a-f-]{36}"));
	}

	@Autowired
	org.springframework.r2dbc.core.DatabaseClient db;

	@Autowired
	app.waymark.channel.OutboundQueue queue;

	@Test
	void healthShowsDatabaseAndChannelsToStaffAndGoesDownWhenTheQueueIsStuck() {
		String health = Staff.as(this.web, ADMIN)
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(health).contains("\"r2dbc\"").contains("\"channels\"").contains("\"queued\"");
		this.web.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody(String.class)
			.value(anonymous -> assertThat(anonymous).doesNotContain("channels"));
		this.queue
			.enqueue(new app.waymark.channel.OutboundMessage("nowhere", "+447700900555", "stuck", null,
					app.waymark.channel.OutboundMessage.Purpose.REPLY, null, null, "ANSWER"))
			.block();
		this.db.sql("update outbound set created_at = created_at - interval '1' hour where channel = 'nowhere'")
			.then()
			.block();
		Staff.as(this.web, ADMIN)
			.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.components.channels.status")
			.isEqualTo("DOWN")
			.jsonPath("$.components.channels.details.oldestQueuedSeconds")
			.value(seconds -> assertThat(((Number) seconds).longValue()).isGreaterThanOrEqualTo(3600));
		this.db.sql("delete from outbound where channel = 'nowhere'").then().block();
	}

	@Test
	void metricsNeedSignInButHealthAndApiDescriptionAreOpen() {
		this.web.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
		// readiness rightly answers 503 until the embedding model has loaded in the
		// background, which a fresh test context may not have done yet
		awaitModelLoaded();
		this.web.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.web.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(json -> assertThat(json).contains("\"openapi\"")
				.contains("/api/v1/chat")
				.contains("/api/v1/young-people")
				.contains("/api/v1/alerts"));
	}

	private void awaitModelLoaded() {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
		while (!this.embeddings.ready() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
