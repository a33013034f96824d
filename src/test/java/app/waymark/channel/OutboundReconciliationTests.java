package app.waymark.channel;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import app.waymark.channel.ChannelSender.SendResult;
import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-flight mark and the reconciliation it leads to, on both databases: an attempt is
 * marked before the provider is called, the mark survives only when the outcome is
 * unknown, and a marked row is looked for at the provider before it is sent again.
 */
class OutboundReconciliationTests {

	static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	static final Duration LEASE = Duration.ofSeconds(60);

	private TestDatabase database;

	private final MutableClock clock = new MutableClock(START);

	private final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private OutboundQueue queue;

	private final List<Object> events = new ArrayList<>();

	@BeforeEach
	void meters() {
		Metrics.addRegistry(this.meters);
	}

	@AfterEach
	void close() {
		Metrics.removeRegistry(this.meters);
		if (this.database != null) {
			this.database.close();
		}
	}

	private void open(TestDatabase.Kind kind) {
		open(kind, null);
	}

	/**
	 * {@code idsAlwaysFree} stands in for a rival that records the same id just after the
	 * check.
	 */
	private void open(TestDatabase.Kind kind, Boolean idsAlwaysFree) {
		this.database = TestDatabase.create(kind);
		this.queue = idsAlwaysFree == null
				? new OutboundQueue(this.database.client(), this.database.transactions(), this.sealer, this.clock,
						TestChannels.all())
				: new OutboundQueue(this.database.client(), this.database.transactions(), this.sealer, this.clock,
						TestChannels.all()) {
					@Override
					public Mono<Boolean> providerIdFree(QueuedMessage message, String providerId) {
						return Mono.just(true);
					}
				};
	}

	record Outcome(String label, Function<QueuedMessage, Mono<SendResult>> answer, String status, boolean markKept) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static Stream<Arguments> outcomes() {
		List<Outcome> outcomes = List.of(
				new Outcome("accepted", q -> Mono.just(new SendResult.Sent("SM1", 1)), "SENT", false),
				new Outcome("refused for now (5xx, 429)", q -> Mono.just(new SendResult.Retry("twilio 500", null)),
						"QUEUED", false),
				new Outcome("refused for good", q -> Mono.just(new SendResult.Permanent("twilio 400", false)), "FAILED",
						false),
				new Outcome("no answer (time-out)", q -> Mono.just(new SendResult.NoAnswer("io")), "QUEUED", true),
				new Outcome("sender threw", q -> Mono.error(new IllegalStateException("boom")), "QUEUED", true));
		return TestDatabase.onEachKind(outcomes);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("outcomes")
	void attemptIsMarkedBeforeTheCallAndTheMarkOutlivesOnlyAnUnknownOutcome(TestDatabase.Kind kind, Outcome outcome) {
		open(kind);
		long messageId = enqueue("hello");
		List<OffsetDateTime> markDuringCall = new ArrayList<>();
		FakeSender sender = new FakeSender(
				q -> inFlightSince(messageId).doOnNext(markDuringCall::add).then(outcome.answer().apply(q)),
				q -> Flux.error(new AssertionError("nothing to look for")));
		assertThat(dispatcher(sender).dispatchOnce().block()).isEqualTo(1);
		assertThat(markDuringCall).as("committed before the provider was called")
			.singleElement()
			.satisfies(mark -> assertThat(mark.toInstant()).isEqualTo(START));
		assertThat(column(messageId, "o.status")).isEqualTo(outcome.status());
		assertThat(inFlightSince(messageId).map(OffsetDateTime::toInstant).blockOptional()).as("in flight afterwards")
			.isEqualTo(outcome.markKept() ? Optional.of(START) : Optional.empty());
	}

	record Earlier(String label, List<String> listed, List<String> recordedElsewhere, String expectedProviderId,
			int expectedSends, String expectedCount) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static Stream<Arguments> earlier() {
		List<Earlier> cases = List.of(
				new Earlier("found at the provider", List.of("SMearlier"), List.of(), "SMearlier", 0, "found"),
				new Earlier("not found", List.of(), List.of(), "SMnew", 1, "not_found"),
				new Earlier("only an identical message already recorded for another", List.of("SMother"),
						List.of("SMother"), "SMnew", 1, "not_found"),
				new Earlier("newest recorded for another, the next one free", List.of("SMother", "SMearlier"),
						List.of("SMother"), "SMearlier", 0, "found"));
		return TestDatabase.onEachKind(cases);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("earlier")
	void rowLeftInFlightIsLookedForBeforeItIsSentAgain(TestDatabase.Kind kind, Earlier earlier) {
		open(kind);
		for (String providerId : earlier.recordedElsewhere()) {
			long other = enqueue("same words");
			this.queue.sent(claimOne("earlier"), providerId, 1).block();
			assertThat(column(other, "m.provider_id")).isEqualTo(providerId);
		}
		long messageId = enqueue("same words");
		crashMidCall();
		List<Instant> askedSince = new ArrayList<>();
		AtomicInteger sends = new AtomicInteger();
		FakeSender sender = new FakeSender(q -> {
			sends.incrementAndGet();
			return Mono.just(new SendResult.Sent("SMnew", 1));
		}, q -> Flux.fromIterable(earlier.listed()).map(id -> new SendResult.Sent(id, 1)));
		sender.askedSince = askedSince;
		assertThat(dispatcher(sender).dispatchOnce().block()).isEqualTo(1);
		assertThat(askedSince).as("asked from the in-flight mark").containsExactly(START);
		assertThat(sends).hasValue(earlier.expectedSends());
		assertThat(column(messageId, "o.status")).isEqualTo("SENT");
		assertThat(column(messageId, "m.provider_id")).isEqualTo(earlier.expectedProviderId());
		assertThat(inFlightSince(messageId).blockOptional()).isEmpty();
		assertThat(reconciliations(earlier.expectedCount())).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void providerThatCannotBeAskedIsAskedAgainLaterAndNothingIsSentBlind(TestDatabase.Kind kind) {
		open(kind);
		long messageId = enqueue("hello");
		crashMidCall();
		AtomicInteger sends = new AtomicInteger();
		AtomicInteger lookups = new AtomicInteger();
		FakeSender sender = new FakeSender(q -> {
			sends.incrementAndGet();
			return Mono.just(new SendResult.Sent("SMnew", 1));
		}, q -> lookups.incrementAndGet() == 1 ? Flux.error(new ChannelSender.LookupFailed("twilio 500"))
				: Flux.just(new SendResult.Sent("SMearlier", 1)));
		OutboundDispatcher dispatcher = dispatcher(sender);
		assertThat(dispatcher.dispatchOnce().block()).isEqualTo(1);
		assertThat(sends).hasValue(0);
		assertThat(column(messageId, "o.status")).isEqualTo("QUEUED");
		assertThat(column(messageId, "o.last_error")).isEqualTo("lookup: twilio 500");
		assertThat(inFlightSince(messageId).blockOptional()).as("still unknown").isPresent();
		assertThat(reconciliations("error")).isEqualTo(1);
		assertThat(dispatcher.dispatchOnce().block()).as("backing off").isZero();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(dispatcher.dispatchOnce().block()).isEqualTo(1);
		assertThat(sends).hasValue(0);
		assertThat(column(messageId, "o.status")).isEqualTo("SENT");
		assertThat(column(messageId, "m.provider_id")).isEqualTo("SMearlier");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void twoRowsTakingTheSameProviderMessageRecordItOnceAndTheOtherLooksAgain(TestDatabase.Kind kind) {
		open(kind, true);
		long first = enqueue("same words");
		long second = enqueue("same words");
		crashMidCall();
		AtomicInteger sends = new AtomicInteger();
		FakeSender sender = new FakeSender(q -> {
			sends.incrementAndGet();
			return Mono.just(new SendResult.Sent("SMnew", 1));
		}, q -> Flux.just(new SendResult.Sent("SMsame", 1)));
		assertThat(dispatcher(sender).dispatchOnce().block()).isEqualTo(2);
		assertThat(sends).hasValue(0);
		assertThat(column(first, "o.status")).isEqualTo("SENT");
		assertThat(column(first, "m.provider_id")).isEqualTo("SMsame");
		assertThat(column(second, "o.status")).as("the message log's unique provider id refused it")
			.isEqualTo("QUEUED");
		assertThat(column(second, "o.last_error")).startsWith("reconcile: ");
		assertThat(inFlightSince(second).blockOptional()).isPresent();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void instanceThatLostItsLeaseMayNotStartACall(TestDatabase.Kind kind) {
		open(kind);
		long messageId = enqueue("hello");
		QueuedMessage slow = claimOne("slow");
		this.clock.advance(LEASE.plusSeconds(1));
		assertThat(this.queue.inFlight(slow, "slow", LEASE).block()).as("lease ran out").isFalse();
		QueuedMessage taken = claimOne("other");
		assertThat(this.queue.inFlight(slow, "slow", LEASE).block()).as("another holds it").isFalse();
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(this.queue.inFlight(taken, "other", LEASE).block()).isTrue();
		assertThat(inFlightSince(messageId).block().toInstant()).isEqualTo(this.clock.instant());
		this.clock.advance(LEASE.minusSeconds(1));
		assertThat(this.queue.claim("sms", 10, "third", LEASE).collectList().block())
			.as("marking renewed the lease for the call")
			.isEmpty();
	}

	// --- helpers

	/**
	 * An instance claims every due row, marks it in flight, and dies before the answer.
	 */
	private void crashMidCall() {
		for (QueuedMessage message : this.queue.claim("sms", 10, "dead", LEASE).collectList().block()) {
			assertThat(this.queue.inFlight(message, "dead", LEASE).block()).isTrue();
		}
		this.clock.advance(LEASE.plusSeconds(1));
	}

	private QueuedMessage claimOne(String owner) {
		List<QueuedMessage> claimed = this.queue.claim("sms", 1, owner, LEASE).collectList().block();
		assertThat(claimed).hasSize(1);
		return claimed.get(0);
	}

	private long enqueue(String text) {
		return this.queue
			.enqueue(new OutboundMessage("sms", "+447700900123", text, null, OutboundMessage.Purpose.REPLY, null, null,
					"ANSWER"))
			.block();
	}

	private OutboundDispatcher dispatcher(ChannelSender sender) {
		return new OutboundDispatcher(this.queue, List.of(sender), SendRates.UNSHARED,
				new OutboundSettings(Duration.ofMillis(500), 10, LEASE, 6, Duration.ofSeconds(5),
						Duration.ofMinutes(10), false),
				this.events::add, this.clock);
	}

	private Mono<OffsetDateTime> inFlightSince(long messageId) {
		return this.database.client()
			.sql("select in_flight_since from outbound where message_id = :id")
			.bind("id", messageId)
			.map(row -> Optional.ofNullable(row.get(0, OffsetDateTime.class)))
			.one()
			.flatMap(Mono::justOrEmpty);
	}

	private String column(long messageId, String column) {
		return this.database.client()
			.sql("select " + column + " from outbound o join message m on m.id = o.message_id where m.id = :id")
			.bind("id", messageId)
			.map(row -> row.get(0, String.class))
			.one()
			.block();
	}

	private double reconciliations(String result) {
		return this.meters.counter("waymark.outbound.reconciliations", "channel", "sms", "result", result).count();
	}

}
