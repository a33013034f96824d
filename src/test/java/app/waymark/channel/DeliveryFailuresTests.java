package app.waymark.channel;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A check-in or alert that failed for good is kept until every handler has done its part:
 * the row commits with the failure, a handler that fails leaves it for later, and two
 * instances hand each row over once.
 */
class DeliveryFailuresTests {

	private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	private TestDatabase database;

	private OutboundQueue queue;

	@AfterEach
	void close() {
		if (this.database != null) {
			this.database.close();
		}
	}

	private void open(TestDatabase.Kind kind) {
		this.database = TestDatabase.create(kind);
		this.queue = new OutboundQueue(this.database.client(), this.database.transactions(), this.sealer, this.clock,
				TestChannels.all());
	}

	/** Queues, claims and fails one message of this purpose; returns its message id. */
	private long failOne(OutboundMessage.Purpose purpose) {
		long messageId = this.queue
			.enqueue(new OutboundMessage("sms", "+447700900123", "are you ok?", null, purpose, null, null, "CHECK_IN"))
			.block();
		QueuedMessage claimed = this.queue.claim("sms", 10, "test", Duration.ofMinutes(1))
			.filter(message -> message.messageId() == messageId)
			.blockFirst();
		this.queue.failed(claimed, "21610 opted out").block();
		return messageId;
	}

	private long rows() {
		return this.database.client()
			.sql("select count(*) from delivery_failure")
			.map(row -> row.get(0, Long.class))
			.one()
			.block();
	}

	@ParameterizedTest(name = "{0} on {1}")
	@CsvSource({ "CHECK_IN, H2, 1", "ALERT, H2, 1", "REPLY, H2, 0", "WORKER_REPLY, H2, 0", "CHECK_IN, POSTGRES, 1",
			"REPLY, POSTGRES, 0" })
	void onlyFailuresAPersonMustHearOfAreKept(OutboundMessage.Purpose purpose, TestDatabase.Kind kind, long kept) {
		open(kind);
		ConcurrentLinkedQueue<DeliveryFailed> handled = new ConcurrentLinkedQueue<>();
		long messageId = failOne(purpose);
		assertThat(rows()).isEqualTo(kept);
		DeliveryFailures relay = new DeliveryFailures(this.database.client(),
				List.of(failed -> Mono.fromRunnable(() -> handled.add(failed))), this.clock);
		assertThat(relay.relayOnce().block()).isEqualTo((int) kept);
		assertThat(rows()).isZero();
		assertThat(handled).hasSize((int) kept)
			.allSatisfy(failed -> assertThat(failed)
				.isEqualTo(new DeliveryFailed(messageId, "sms", purpose, null, null, "21610 opted out")));
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aHandlerThatFailsLeavesTheRowForALaterTry(TestDatabase.Kind kind) {
		open(kind);
		failOne(OutboundMessage.Purpose.ALERT);
		AtomicInteger calls = new AtomicInteger();
		AtomicInteger checkIns = new AtomicInteger();
		DeliveryFailureHandler flaky = failed -> calls.incrementAndGet() == 1
				? Mono.error(new IllegalStateException("database away")) : Mono.empty();
		DeliveryFailures relay = new DeliveryFailures(this.database.client(),
				List.of(flaky, failed -> Mono.fromRunnable(checkIns::incrementAndGet)), this.clock);
		assertThat(relay.relayOnce().block()).isZero();
		assertThat(rows()).isEqualTo(1);
		assertThat(relay.relayOnce().block()).as("not due again yet").isZero();
		this.clock.advance(DeliveryFailures.RETRY_AFTER);
		assertThat(relay.relayOnce().block()).isEqualTo(1);
		assertThat(rows()).isZero();
		assertThat(calls).hasValue(2);
		assertThat(checkIns).as("handlers after the failing one ran only once it succeeded").hasValue(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void twoInstancesHandEachFailureOverOnce(TestDatabase.Kind kind) {
		open(kind);
		for (int i = 0; i < 30; i++) {
			failOne(OutboundMessage.Purpose.CHECK_IN);
		}
		ConcurrentLinkedQueue<Long> handled = new ConcurrentLinkedQueue<>();
		DeliveryFailureHandler record = failed -> Mono.fromRunnable(() -> handled.add(failed.messageId()));
		DeliveryFailures a = new DeliveryFailures(this.database.client(), List.of(record), this.clock);
		DeliveryFailures b = new DeliveryFailures(this.database.client(), List.of(record), this.clock);
		Flux.merge(Flux.range(0, 3).concatMap(i -> a.relayOnce()).subscribeOn(Schedulers.parallel()),
				Flux.range(0, 3).concatMap(i -> b.relayOnce()).subscribeOn(Schedulers.parallel()))
			.blockLast();
		assertThat(handled).hasSize(30).doesNotHaveDuplicates();
		assertThat(rows()).isZero();
	}

}
