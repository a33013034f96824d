package app.waymark.channel;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import app.waymark.channel.ChannelSender.SendResult;
import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One row the provider or the database treats badly must stay that row's problem: the
 * rest of the batch, and every other channel, keep sending; a message the provider
 * accepted is never sent again; and health says when sending is stuck. On both databases,
 * with the database refusing chosen statements for chosen rows.
 */
class OutboundIsolationTests {

	static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	static final Duration LEASE = Duration.ofSeconds(60);

	private TestDatabase database;

	private final MutableClock clock = new MutableClock(START);

	private final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	private RefusingQueue queue;

	private OutboundDispatcher dispatcher;

	@AfterEach
	void close() {
		if (this.dispatcher != null) {
			this.dispatcher.stop();
		}
		if (this.database != null) {
			this.database.close();
		}
	}

	/** The real queue, except for what a test tells it to refuse. */
	static class RefusingQueue extends OutboundQueue {

		/**
		 * Messages (by message log id) whose send cannot be recorded, with or without id.
		 */
		final Set<Long> unrecordable = ConcurrentHashMap.newKeySet();

		/**
		 * Recording these fails as if the database had gone, so many times, then works.
		 */
		final Map<Long, AtomicInteger> awayWhileRecording = new ConcurrentHashMap<>();

		final Set<Long> unparkable = ConcurrentHashMap.newKeySet();

		/** Messages whose retry cannot be stored: what a row-level error does. */
		final Set<Long> retryRefused = ConcurrentHashMap.newKeySet();

		/** Messages whose in-flight mark finds the database gone. */
		final Set<Long> databaseGoneAt = ConcurrentHashMap.newKeySet();

		/** Channels whose claims fail. */
		final Set<String> claimRefused = ConcurrentHashMap.newKeySet();

		RefusingQueue(TestDatabase database, Sealer sealer, MutableClock clock) {
			super(database.client(), database.transactions(), sealer, clock, TestChannels.all());
		}

		@Override
		public Flux<QueuedMessage> claim(String channel, int max, String owner, Duration lease) {
			return this.claimRefused.contains(channel) ? Flux.error(new DataIntegrityViolationException("refused"))
					: super.claim(channel, max, owner, lease);
		}

		@Override
		public Mono<Boolean> inFlight(QueuedMessage message, String owner, Duration lease) {
			return this.databaseGoneAt.contains(message.messageId())
					? Mono.error(new DataAccessResourceFailureException("connection refused"))
					: super.inFlight(message, owner, lease);
		}

		@Override
		public Mono<Void> sent(QueuedMessage message, String providerId, int segments) {
			AtomicInteger away = this.awayWhileRecording.get(message.messageId());
			if (away != null && away.getAndDecrement() > 0) {
				return Mono.error(new CannotCreateTransactionException("connection closed"));
			}
			return this.unrecordable.contains(message.messageId())
					? Mono.error(new DataIntegrityViolationException("refused"))
					: super.sent(message, providerId, segments);
		}

		@Override
		public Mono<Void> sentWithoutProviderId(QueuedMessage message, int segments, String note) {
			return this.unrecordable.contains(message.messageId())
					? Mono.error(new DataIntegrityViolationException("refused"))
					: super.sentWithoutProviderId(message, segments, note);
		}

		@Override
		public Mono<Void> park(QueuedMessage message, String reason) {
			return this.unparkable.contains(message.messageId())
					? Mono.error(new DataIntegrityViolationException("refused")) : super.park(message, reason);
		}

		@Override
		public Mono<Void> retryAt(QueuedMessage message, String reason, Instant next, boolean outcomeUnknown) {
			return this.retryRefused.contains(message.messageId())
					? Mono.error(new DataIntegrityViolationException("refused"))
					: super.retryAt(message, reason, next, outcomeUnknown);
		}

	}

	private void open(TestDatabase.Kind kind, ChannelSender... senders) {
		open(kind, false, senders);
	}

	/**
	 * {@code scheduled}: the dispatcher counts as running (its first poll is far off, so
	 * the test still dispatches by hand), one row a pass.
	 */
	private void open(TestDatabase.Kind kind, boolean scheduled, ChannelSender... senders) {
		this.database = TestDatabase.create(kind);
		this.queue = new RefusingQueue(this.database, this.sealer, this.clock);
		OutboundSettings settings = new OutboundSettings(scheduled ? Duration.ofHours(1) : Duration.ofMillis(500),
				scheduled ? 1 : 10, LEASE, 6, Duration.ofSeconds(5), Duration.ofMinutes(10), scheduled);
		this.dispatcher = new OutboundDispatcher(this.queue, List.of(senders), SendRates.UNSHARED, settings, event -> {
		}, this.clock);
		if (scheduled) {
			this.dispatcher.start();
		}
	}

	/**
	 * A provider that accepts every message with the next of these ids, counting sends.
	 */
	static FakeSender accepting(String channel, AtomicInteger sends, String... ids) {
		FakeSender sender = FakeSender.answering(message -> {
			int send = sends.getAndIncrement();
			return new SendResult.Sent(ids[Math.min(send, ids.length - 1)], 1);
		});
		sender.channel = channel;
		return sender;
	}

	record Repeated(String label, String channel, List<String> addresses, List<String> ids, List<String> recorded) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static Stream<Arguments> repeatedIds() {
		List<Repeated> cases = List.of(
				new Repeated("Telegram: every chat's first message is message 1", "telegram",
						List.of("880000001", "880000002", "880000003"), List.of("1", "1", "1"), List.of("1", "1", "1")),
				new Repeated("Twilio repeats a sid for another number", "sms",
						List.of("+447700900001", "+447700900002"), List.of("SMsame", "SMsame"),
						List.of("SMsame", "SMsame")),
				new Repeated("Twilio repeats a sid for the same number", "sms",
						List.of("+447700900001", "+447700900001", "+447700900002"),
						List.of("SMsame", "SMsame", "SMsame"), Arrays.asList("SMsame", null, "SMsame")));
		return TestDatabase.onEachKind(cases);
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("repeatedIds")
	void aProviderIdSeenBeforeIsRecordedAndNothingIsSentTwice(TestDatabase.Kind kind, Repeated repeated) {
		AtomicInteger sends = new AtomicInteger();
		open(kind, accepting(repeated.channel(), sends, repeated.ids().toArray(String[]::new)));
		List<Long> messages = new ArrayList<>();
		for (String address : repeated.addresses()) {
			messages.add(enqueue(repeated.channel(), address, "a reply"));
			assertThat(this.dispatcher.dispatchOnce().block()).isEqualTo(1);
		}
		this.clock.advance(LEASE.multipliedBy(2));
		assertThat(this.dispatcher.dispatchOnce().block()).as("nothing left to send").isZero();
		assertThat(sends).as("each sent once").hasValue(messages.size());
		assertThat(messages).allSatisfy(id -> assertThat(column(id, "o.status")).isEqualTo("SENT"));
		assertThat(messages.stream().map(id -> column(id, "m.provider_id")).toList()).isEqualTo(repeated.recorded());
		messages.stream()
			.filter(id -> column(id, "m.provider_id") == null)
			.forEach(id -> assertThat(column(id, "o.last_error")).contains("provider id").contains("already recorded"));
		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aSendThatCannotBeRecordedIsParkedNeverSentAgainAndTheOthersGoOn(TestDatabase.Kind kind) {
		AtomicInteger sends = new AtomicInteger();
		open(kind, accepting("sms", sends, "SM1", "SM2", "SM3", "SM4"));
		long first = enqueue("sms", "+447700900001", "first");
		long poisoned = enqueue("sms", "+447700900002", "second");
		long third = enqueue("sms", "+447700900003", "third");
		this.queue.unrecordable.add(poisoned);

		assertThat(this.dispatcher.dispatchOnce().block()).isEqualTo(3);
		assertThat(column(first, "o.status")).isEqualTo("SENT");
		assertThat(column(third, "o.status")).as("the row after it still went").isEqualTo("SENT");
		Health held = health();
		assertThat(held.getStatus()).isEqualTo(Status.DOWN);
		assertThat(stuck(held)).singleElement()
			.asString()
			.contains("1 message(s) accepted")
			.contains("not be recorded");

		long fourth = enqueue("sms", "+447700900004", "fourth");
		assertThat(this.dispatcher.dispatchOnce().block()).isEqualTo(1);
		assertThat(column(poisoned, "o.status")).isEqualTo("PARKED");
		assertThat(column(poisoned, "o.last_error"))
			.isEqualTo("sent, but recording it failed: " + "DataIntegrityViolationException");
		assertThat(column(fourth, "o.status")).isEqualTo("SENT");
		Health parked = health();
		assertThat(parked.getStatus()).isEqualTo(Status.UP);
		assertThat(parked.getDetails()).containsEntry("parked", 1L);

		this.clock.advance(LEASE.multipliedBy(3));
		assertThat(this.dispatcher.dispatchOnce().block()).isZero();
		assertThat(sends).as("the parked message was sent once").hasValue(4);
	}

	/**
	 * The database went away just as the send was being recorded (seen in the outage
	 * test): the send is recorded once it is back, not parked as if the row were bad.
	 */
	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aSendRecordedWhileTheDatabaseWasAwayIsRecordedWhenItReturnsNotParked(TestDatabase.Kind kind) {
		AtomicInteger sends = new AtomicInteger();
		open(kind, accepting("sms", sends, "SM1", "SM2"));
		long caught = enqueue("sms", "+447700900001", "caught by the outage");
		// away for the send's own recording and the next pass's try
		this.queue.awayWhileRecording.put(caught, new AtomicInteger(2));
		this.dispatcher.dispatchOnce().onErrorResume(ex -> Mono.empty()).block();
		this.dispatcher.dispatchOnce().onErrorResume(ex -> Mono.empty()).block();
		assertThat(column(caught, "o.status")).as("not recorded yet, not parked").isNotIn("SENT", "PARKED");

		this.dispatcher.dispatchOnce().block();
		assertThat(column(caught, "o.status")).isEqualTo("SENT");
		assertThat(column(caught, "m.provider_id")).isEqualTo("SM1");
		assertThat(sends).as("sent once").hasValue(1);
		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aSendThatCannotBeRecordedNorParkedIsHeldAndNeverSentAgain(TestDatabase.Kind kind) {
		AtomicInteger sends = new AtomicInteger();
		open(kind, accepting("sms", sends, "SM1", "SM2"));
		long held = enqueue("sms", "+447700900001", "held");
		this.queue.unrecordable.add(held);
		this.queue.unparkable.add(held);
		assertThat(this.dispatcher.dispatchOnce().block()).isEqualTo(1);
		this.clock.advance(LEASE.plusSeconds(1));
		assertThat(this.dispatcher.dispatchOnce().block()).as("claimed again once its lease ran out, not sent")
			.isZero();
		assertThat(sends).hasValue(1);
		assertThat(health().getStatus()).isEqualTo(Status.DOWN);

		long other = enqueue("sms", "+447700900002", "other");
		assertThat(this.dispatcher.dispatchOnce().block()).isEqualTo(1);
		assertThat(column(other, "o.status")).as("the rest of the queue moves").isEqualTo("SENT");

		this.queue.unrecordable.clear();
		this.dispatcher.dispatchOnce().block();
		assertThat(column(held, "o.status")).isEqualTo("SENT");
		assertThat(column(held, "m.provider_id")).as("recorded as the provider answered").isEqualTo("SM1");
		assertThat(sends).hasValue(2);
		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aRowWhoseOutcomeCannotBeStoredIsTriedAgainAndTheBatchGoesOn(TestDatabase.Kind kind) {
		AtomicInteger sends = new AtomicInteger();
		Map<String, Integer> calls = new ConcurrentHashMap<>();
		FakeSender sender = FakeSender.answering(message -> {
			calls.merge(message.text(), 1, Integer::sum);
			return message.text().equals("busy") ? new SendResult.Retry("twilio 503", null)
					: new SendResult.Sent("SM" + sends.incrementAndGet(), 1);
		});
		open(kind, sender);
		long busy = enqueue("sms", "+447700900001", "busy");
		long next = enqueue("sms", "+447700900002", "next");
		this.queue.retryRefused.add(busy);
		assertThat(this.dispatcher.dispatchOnce().block()).isEqualTo(2);
		assertThat(column(next, "o.status")).isEqualTo("SENT");
		assertThat(column(busy, "o.status")).isEqualTo("QUEUED");

		this.queue.retryRefused.clear();
		assertThat(this.dispatcher.dispatchOnce().block()).as("released at once, tried again").isEqualTo(1);
		assertThat(column(busy, "o.last_error")).isEqualTo("twilio 503");
		assertThat(calls).containsEntry("busy", 2).containsEntry("next", 1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aDatabaseOutOfReachEndsTheBatchAndItsRowsAreTakenUpAgain(TestDatabase.Kind kind) {
		AtomicInteger sends = new AtomicInteger();
		open(kind, accepting("sms", sends, "SM1", "SM2", "SM3"));
		long first = enqueue("sms", "+447700900001", "first");
		long second = enqueue("sms", "+447700900002", "second");
		this.queue.databaseGoneAt.add(first);
		assertThatThrownBy(() -> this.dispatcher.dispatchOnce().block())
			.isInstanceOf(DataAccessResourceFailureException.class);
		assertThat(sends).as("every row after would fail the same way").hasValue(0);
		this.queue.databaseGoneAt.clear();
		assertThat(this.dispatcher.dispatchOnce().block()).as("released, not left for the lease").isEqualTo(2);
		assertThat(column(first, "o.status")).isEqualTo("SENT");
		assertThat(column(second, "o.status")).isEqualTo("SENT");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void healthIsDownWhileEveryPassOfAChannelFailsAndTheOtherChannelKeepsSending(TestDatabase.Kind kind) {
		AtomicInteger sms = new AtomicInteger();
		AtomicInteger telegram = new AtomicInteger();
		open(kind, accepting("sms", sms, "SM1"), accepting("telegram", telegram, "7", "8"));
		this.queue.claimRefused.add("sms");
		enqueue("sms", "+447700900001", "waiting");
		long chat = enqueue("telegram", "880000001", "first");
		assertThatThrownBy(() -> this.dispatcher.dispatchOnce().block()).isNotNull();
		assertThat(column(chat, "o.status")).isEqualTo("SENT");
		assertThat(health().getStatus()).as("one failed pass is not yet stuck").isEqualTo(Status.UP);

		this.clock.advance(ChannelsHealth.FAILING);
		enqueue("telegram", "880000002", "second");
		assertThatThrownBy(() -> this.dispatcher.dispatchOnce().block()).isNotNull();
		assertThat(telegram).hasValue(2);
		Health down = health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(stuck(down)).singleElement()
			.isEqualTo("sms: every dispatch pass has failed for 30 s (DataIntegrityViolationException)");

		this.queue.claimRefused.clear();
		assertThat(this.dispatcher.dispatchOnce().block()).isEqualTo(1);
		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void healthIsDownWhenADueMessageHasNotMovedForAMinuteWhileTheDispatcherRuns(TestDatabase.Kind kind) {
		AtomicInteger sends = new AtomicInteger();
		open(kind, true, accepting("sms", sends, "SM1", "SM2"));
		enqueue("sms", "+447700900001", "first");
		enqueue("sms", "+447700900002", "second");
		this.clock.advance(ChannelsHealth.STALLED);
		assertThat(health().getStatus()).as("a minute, not more").isEqualTo(Status.UP);
		this.clock.advance(Duration.ofSeconds(1));
		Health down = health();
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(stuck(down)).singleElement()
			.isEqualTo("sms: a message due 61 s ago is still queued, and none has left the queue for 61 s");

		assertThat(this.dispatcher.dispatchOnce().block()).isEqualTo(1);
		assertThat(health().getStatus()).as("a backlog that drains is moving, however long its last message waits")
			.isEqualTo(Status.UP);
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(health().getStatus()).as("nothing has moved since").isEqualTo(Status.DOWN);
		assertThat(this.dispatcher.dispatchOnce().block()).isEqualTo(1);
		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aDueMessageIsNotStuckWhereTheDispatcherDoesNotRun(TestDatabase.Kind kind) {
		open(kind, false, accepting("sms", new AtomicInteger(), "SM1"));
		enqueue("sms", "+447700900001", "first");
		this.clock.advance(Duration.ofMinutes(10));
		assertThat(health().getStatus()).as("another instance sends").isEqualTo(Status.UP);
	}

	// --- helpers

	private Health health() {
		return new ChannelsHealth(List.of(), this.queue, this.dispatcher, this.clock).health().block();
	}

	@SuppressWarnings("unchecked")
	private static List<String> stuck(Health health) {
		return (List<String>) health.getDetails().get("stuck");
	}

	private long enqueue(String channel, String address, String text) {
		return this.queue
			.enqueue(new OutboundMessage(channel, address, text, null, OutboundMessage.Purpose.REPLY, null, null,
					"ANSWER"))
			.block();
	}

	private String column(long messageId, String column) {
		return this.database.client()
			.sql("select " + column + " from outbound o join message m on m.id = o.message_id where m.id = :id")
			.bind("id", messageId)
			.map(row -> Optional.ofNullable(row.get(0, String.class)))
			.one()
			.block()
			.orElse(null);
	}

}
