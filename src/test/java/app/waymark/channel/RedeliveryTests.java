package app.waymark.channel;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider redelivers a message whose first delivery stored it and then failed before
 * answering (the database went away in between): the redelivery must end up answering it,
 * not be acknowledged as a duplicate of a message nobody will answer.
 */
class RedeliveryTests {

	static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	private TestDatabase database;

	private MessageLog log;

	private void open(TestDatabase.Kind kind) {
		this.database = TestDatabase.create(kind);
		this.log = new MessageLog(this.database.client(), this.sealer, this.clock);
	}

	@AfterEach
	void close() {
		if (this.database != null) {
			this.database.close();
		}
	}

	private MessageLog.Stored deliver(String sid) {
		return this.log
			.recordInbound(new InboundMessage("sms", "+447700900123", "free bus?", "en", this.clock.instant()), sid,
					null, null)
			.block();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aRedeliveryWaitsForTheFirstDeliveryToAnswerThenIsADuplicate(TestDatabase.Kind kind) {
		open(kind);
		MessageLog.Stored first = deliver("SM1");
		MessageLog.Stored again = deliver("SM1");
		assertThat(again.duplicate()).isTrue();
		assertThat(again.pending()).as("stored, not yet answered").isTrue();
		// the first delivery answers while the redelivery waits
		Mono.delay(Duration.ofMillis(600))
			.then(this.log.replied(first.id(), first.claimedAt(), "ANSWER", null, true))
			.subscribe();
		MessageLog.Stored settled = this.log.settle(again).block(Duration.ofSeconds(5));
		assertThat(settled.duplicate()).isTrue();
		assertThat(settled.pending()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aRedeliveryTakesOverWhenTheFirstDeliveryNeverAnswers(TestDatabase.Kind kind) {
		open(kind);
		MessageLog.Stored first = deliver("SM2");
		MessageLog.Stored again = deliver("SM2");
		// the first delivery died; time passes while the redelivery waits
		Mono.delay(Duration.ofMillis(600))
			.doOnNext(tick -> this.clock.advance(MessageLog.UNANSWERED_TAKEOVER.plusSeconds(1)))
			.subscribe();
		MessageLog.Stored settled = this.log.settle(again).block(Duration.ofSeconds(5));
		assertThat(settled.duplicate()).as("taken over").isFalse();
		assertThat(settled.id()).isEqualTo(first.id());
		this.log.replied(settled.id(), settled.claimedAt(), "ANSWER", null, true).block();
		assertThat(this.log.settle(deliver("SM2")).block().duplicate()).as("answered once").isTrue();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aRedeliveryOfAnAnsweredMessageDoesNotWait(TestDatabase.Kind kind) {
		open(kind);
		MessageLog.Stored first = deliver("SM3");
		this.log.replied(first.id(), first.claimedAt(), "ANSWER", null, true).block();
		MessageLog.Stored again = deliver("SM3");
		assertThat(again.duplicate()).isTrue();
		assertThat(again.pending()).as("answered already").isFalse();
		// no poll: settling hands back the delivery itself rather than a later look
		assertThat(this.log.settle(again).block()).isSameAs(again);
	}

}
