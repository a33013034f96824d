package app.waymark.channel.sms;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import app.waymark.channel.IncidentHandler;
import app.waymark.system.Answering;
import app.waymark.system.CorrelationId;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twilio's webhook is acknowledged once the message is stored; the message is answered
 * just after, and until it is, it keeps its place in the inbound limit (here one message
 * at a time), so an overload is still refused before anything is stored. A crisis
 * message's alert is held here until the test lets it go.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(AnswerAfterAcknowledgingIntegrationTests.HeldAlerts.class)
@ExtendWith(OutputCaptureExtension.class)
class AnswerAfterAcknowledgingIntegrationTests {

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	/** Completes when the test lets the held alert go. */
	static final Sinks.Empty<Void> alertLetGo = Sinks.empty();

	/** What raising an alert does: waits for {@link #alertLetGo} unless a test says. */
	static final AtomicReference<Mono<Void>> raising = new AtomicReference<>(alertLetGo.asMono());

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		twilio.register(registry);
		registry.add("waymark.outbound.enabled", () -> "false");
		registry.add("waymark.channel.sweep.enabled", () -> "false");
		registry.add("waymark.channel.inbound.max-in-flight", () -> "1");
	}

	@TestConfiguration
	static class HeldAlerts {

		@Bean
		IncidentHandler heldAlert() {
			return incident -> raising.get();
		}

	}

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	@Autowired
	Sealer sealer;

	@Autowired
	MeterRegistry meters;

	@Test
	void theWebhookIsAcknowledgedOnceStoredAndTheAnswerKeepsItsPlaceUntilItIsQueued(CapturedOutput output) {
		String ama = "+447700900301";
		TwilioStub
			.webhook(this.web.mutate().defaultHeader(CorrelationId.HEADER, "follow-ama-1").build(),
					TwilioStub.SMS_WEBHOOK, TwilioStub.sms(ama, "i want to kill myself tonight"))
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(xml -> assertThat(xml).contains("<Response/>"));
		assertThat(stored(ama)).as("stored before it was acknowledged").isEqualTo(1);
		assertThat(queuedTo(ama)).as("acknowledged before it was answered").isZero();
		assertThat(this.meters.get("waymark.inbound.answering").gauge().value()).isEqualTo(1);

		String ben = "+447700900302";
		TwilioStub.deliver(this.web, ben, "hi").expectStatus().isEqualTo(503).expectHeader().exists("Retry-After");
		assertThat(stored(ben)).as("refused while the first is answered, and not stored").isZero();

		alertLetGo.tryEmitEmpty();
		Answering.settled(this.meters);
		assertThat(queuedTo(ama)).as("the crisis reply, once the alert is raised").isEqualTo(1);
		assertThat(output.getOut().lines().filter(line -> line.contains("answered: CRISIS")))
			.as("the answer, after the request, still logs under the request's correlation id")
			.singleElement()
			.satisfies(line -> assertThat(line).contains("[follow-ama-1]"));
		TwilioStub.deliver(this.web, ben, "hi").expectStatus().isOk();
		Answering.settled(this.meters);
		assertThat(stored(ben)).isEqualTo(1);
		assertThat(queuedTo(ben)).isEqualTo(1);
	}

	/**
	 * An answer that fails after the webhook was acknowledged leaves the message stored
	 * and unanswered for the sweep, says so without quoting anything, and gives its place
	 * back.
	 */
	@Test
	void anAnswerThatFailsAfterTheAcknowledgementIsLeftToTheSweep(CapturedOutput output) {
		raising.set(Mono.error(new IllegalStateException("quoting i cannot go on")));
		try {
			String cai = "+447700900303";
			TwilioStub.deliver(this.web, cai, "i cannot go on, i want to end my life").expectStatus().isOk();
			Answering.settled(this.meters);
			assertThat(stored(cai)).isEqualTo(1);
			assertThat(queuedTo(cai)).isZero();
			assertThat(unanswered(cai)).as("left for the sweep").isEqualTo(1);
			assertThat(output.getOut())
				.contains("answering it failed (java.lang.IllegalStateException), so the sweep will try again")
				.doesNotContain("quoting i cannot go on")
				.doesNotContain("end my life");
		}
		finally {
			raising.set(alertLetGo.asMono());
		}
		String dan = "+447700900304";
		// its place was given back (the limit is one)
		TwilioStub.deliver(this.web, dan, "hi").expectStatus().isOk();
		Answering.settled(this.meters);
		assertThat(queuedTo(dan)).isEqualTo(1);
	}

	private long unanswered(String number) {
		return count("select count(*) as n from message where channel = 'sms' and direction = 'IN' "
				+ "and address_hash = :h and status = 'RECEIVED'", number);
	}

	private long stored(String number) {
		return count("select count(*) as n from message where channel = 'sms' and direction = 'IN' "
				+ "and address_hash = :h", number);
	}

	private long queuedTo(String number) {
		return count("select count(*) as n from outbound o join message m on m.id = o.message_id "
				+ "where m.address_hash = :h", number);
	}

	private long count(String sql, String number) {
		Map<String, Object> row = this.db.sql(sql).bind("h", this.sealer.hash(number)).fetch().one().block();
		return ((Number) row.get("n")).longValue();
	}

}
