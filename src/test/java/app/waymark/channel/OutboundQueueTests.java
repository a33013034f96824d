package app.waymark.channel;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The message log and outbound queue on both databases the service runs on. */
class OutboundQueueTests {

	static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	private TestDatabase database;

	private final MutableClock clock = new MutableClock(START);

	private final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	private OutboundQueue queue;

	private MessageLog log;

	private void open(TestDatabase.Kind kind) {
		this.database = TestDatabase.create(kind);
		this.queue = new OutboundQueue(this.database.client(), this.database.transactions(), this.sealer, this.clock,
				TestChannels.all());
		this.log = new MessageLog(this.database.client(), this.sealer, this.clock);
	}

	@AfterEach
	void close() {
		if (this.database != null) {
			this.database.close();
		}
	}

	private static OutboundMessage message(String text, OutboundMessage.Purpose purpose) {
		return new OutboundMessage("sms", "+447700900123", text, null, purpose, null, null, "ANSWER");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void redeliveredInboundMessageIsStoredOnce(TestDatabase.Kind kind) {
		open(kind);
		InboundMessage in = new InboundMessage("sms", "+447700900123", "free bus?", "en", START);
		MessageLog.Stored first = this.log.recordInbound(in, "SM1", null, null).block();
		MessageLog.Stored again = this.log.recordInbound(in, "SM1", null, null).block();
		assertThat(first.duplicate()).isFalse();
		assertThat(again.duplicate()).isTrue();
		assertThat(again.id()).isEqualTo(first.id());
		assertThat(count("select count(*) from message where direction = 'IN'")).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void messageStoredButNeverAnsweredIsTakenOverByALaterRedeliveryOnce(TestDatabase.Kind kind) {
		open(kind);
		InboundMessage in = new InboundMessage("sms", "+447700900123", "free bus?", "en", START);
		MessageLog.Stored first = this.log.recordInbound(in, "SM7", null, null).block();
		// the instance dies here, before answering
		assertThat(this.log.recordInbound(in, "SM7", null, null).block().duplicate())
			.as("a redelivery while the first may still be answering is left alone")
			.isTrue();
		this.clock.advance(Duration.ofSeconds(11));
		MessageLog.Stored takeover = this.log.recordInbound(in, "SM7", null, null).block();
		assertThat(takeover.duplicate()).isFalse();
		assertThat(takeover.id()).isEqualTo(first.id());
		assertThat(this.log.recordInbound(in, "SM7", null, null).block().duplicate())
			.as("only one redelivery takes over")
			.isTrue();
		assertThatThrownBy(() -> this.log.replied(first.id(), first.claimedAt(), "ANSWER", null, true).block())
			.as("the dead delivery's claim no longer holds")
			.isInstanceOf(MessageLog.AlreadyAnswered.class);
		this.log.replied(takeover.id(), takeover.claimedAt(), "ANSWER", null, true).block();
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.log.recordInbound(in, "SM7", null, null).block().duplicate())
			.as("an answered message is never answered again")
			.isTrue();
		assertThat(count("select count(*) from message where direction = 'IN'")).isEqualTo(1);
	}

	/**
	 * PostgreSQL answers and queues in one statement; the claim check holds there as in a
	 * transaction: a lost claim writes nothing at all.
	 */
	@org.junit.jupiter.api.Test
	void onPostgresOneStatementAnswersAndQueuesOnlyWhileTheClaimHolds() {
		open(TestDatabase.Kind.POSTGRES);
		assertThat(this.queue.answersInOneStatement()).isTrue();
		InboundMessage in = new InboundMessage("sms", "+447700900123", "free bus?", "en", START);
		MessageLog.Stored first = this.log.recordInbound(in, "SM9", null, null).block();
		this.clock.advance(Duration.ofSeconds(11));
		MessageLog.Stored takeover = this.log.recordInbound(in, "SM9", null, null).block();
		assertThat(takeover.duplicate()).isFalse();
		OutboundMessage reply = new OutboundMessage("sms", "+447700900123", "Free bus travel: ...", null,
				OutboundMessage.Purpose.REPLY, null, null, "ANSWER");
		assertThatThrownBy(() -> this.queue.answerAndEnqueue(first, "ANSWER", "free-bus", true, reply).block())
			.as("the dead delivery's claim no longer holds")
			.isInstanceOf(MessageLog.AlreadyAnswered.class);
		assertThat(count("select count(*) from outbound")).as("nothing queued for the lost claim").isZero();
		assertThat(count("select count(*) from message where direction = 'OUT'")).isZero();
		Long replyId = this.queue.answerAndEnqueue(takeover, "ANSWER", "free-bus", true, reply).block();
		assertThat(text("select status || ' ' || kind || ' ' || article_id || ' ' || coalesce(address_sealed, '-') "
				+ "from message where direction = 'IN'"))
			.isEqualTo("REPLIED ANSWER free-bus -");
		assertThat(count("select count(*) from message where direction = 'OUT' and status = 'QUEUED' "
				+ "and young_person_id is null and kind = 'ANSWER' and id = " + replyId))
			.isEqualTo(1);
		assertThat(count("select count(*) from outbound where status = 'QUEUED' and message_id = " + replyId))
			.isEqualTo(1);
		assertThat(this.sealer.open(text("select body_sealed from outbound"))).isEqualTo("Free bus travel: ...");
		assertThatThrownBy(() -> this.queue.answerAndEnqueue(takeover, "ANSWER", "free-bus", true, reply).block())
			.as("an answered message is never answered twice")
			.isInstanceOf(MessageLog.AlreadyAnswered.class);
		assertThat(count("select count(*) from outbound")).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void storesPersonalDataSealed(TestDatabase.Kind kind) {
		open(kind);
		this.log
			.recordInbound(new InboundMessage("sms", "+447700900123", "my secret words", "en", START), "SM2", null,
					null)
			.block();
		this.queue.enqueue(message("a reply with words", OutboundMessage.Purpose.REPLY)).block();
		String dump = this.database.client()
			.sql("select m.body_sealed || m.address_hash || o.address_sealed || o.body_sealed as everything "
					+ "from message m, outbound o")
			.map(row -> row.get("everything", String.class))
			.all()
			.collectList()
			.block()
			.toString();
		assertThat(dump).doesNotContain("+447700900123").doesNotContain("secret").doesNotContain("reply with");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void queuedMessageIsClaimedSentAndLogged(TestDatabase.Kind kind) {
		open(kind);
		long messageId = this.queue.enqueue(message("It\u2019s free", OutboundMessage.Purpose.REPLY)).block();
		List<QueuedMessage> claimed = this.queue.claim("sms", 10, "a", Duration.ofSeconds(60)).collectList().block();
		assertThat(claimed).singleElement().satisfies(q -> {
			assertThat(q.messageId()).isEqualTo(messageId);
			assertThat(q.address()).isEqualTo("+447700900123");
			assertThat(q.text()).as("folded to GSM-7 when queued").isEqualTo("It's free");
		});
		assertThat(this.queue.claim("sms", 10, "b", Duration.ofSeconds(60)).collectList().block())
			.as("held by a's lease")
			.isEmpty();
		this.queue.sent(claimed.get(0), "SM99", 1).block();
		assertThat(text("select status from message where id = " + messageId)).isEqualTo("SENT");
		assertThat(text("select provider_id from message where id = " + messageId)).isEqualTo("SM99");
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.queue.claim("sms", 10, "b", Duration.ofSeconds(60)).collectList().block()).isEmpty();
		assertThat(this.log.outboundStatus("sms", "SM99", "DELIVERED").block()).isTrue();
		assertThat(text("select status from message where id = " + messageId)).isEqualTo("DELIVERED");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void crashedInstancesLeaseRunsOutAndAnotherSends(TestDatabase.Kind kind) {
		open(kind);
		this.queue.enqueue(message("hello", OutboundMessage.Purpose.REPLY)).block();
		assertThat(this.queue.claim("sms", 10, "dead", Duration.ofSeconds(60)).collectList().block()).hasSize(1);
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(this.queue.claim("sms", 10, "alive", Duration.ofSeconds(60)).collectList().block()).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void instancesClaimingTogetherNeverShareARow(TestDatabase.Kind kind) {
		open(kind);
		int rows = 60;
		Flux.range(0, rows)
			.concatMap(i -> this.queue.enqueue(message("m" + i, OutboundMessage.Purpose.REPLY)))
			.blockLast();
		ConcurrentLinkedQueue<Long> claimedIds = new ConcurrentLinkedQueue<>();
		Flux.range(0, 4)
			.flatMap(owner -> this.queue.claim("sms", rows, "owner-" + owner, Duration.ofSeconds(60))
				.subscribeOn(Schedulers.parallel())
				.doOnNext(q -> claimedIds.add(q.id())))
			.blockLast();
		Set<Long> unique = new HashSet<>(claimedIds);
		assertThat(claimedIds).hasSize(rows);
		assertThat(unique).hasSize(rows);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void dispatcherRetriesWithBackoffThenFailsAndTellsAPerson(TestDatabase.Kind kind) {
		open(kind);
		List<Object> events = new ArrayList<>();
		AtomicInteger calls = new AtomicInteger();
		ChannelSender alwaysBusy = FakeSender.answering(q -> {
			calls.incrementAndGet();
			return new ChannelSender.SendResult.Retry("provider 503", null);
		});
		OutboundSettings settings = new OutboundSettings(Duration.ofMillis(500), 10, Duration.ofSeconds(60), 3,
				Duration.ofSeconds(5), Duration.ofMinutes(10), false);
		OutboundDispatcher dispatcher = new OutboundDispatcher(this.queue, List.of(alwaysBusy), SendRates.UNSHARED,
				settings, events::add, this.clock);
		long messageId = this.queue.enqueue(message("are you ok?", OutboundMessage.Purpose.CHECK_IN)).block();
		assertThat(dispatcher.dispatchOnce().block()).isEqualTo(1);
		assertThat(dispatcher.dispatchOnce().block()).as("not due again for 5 s").isZero();
		this.clock.advance(Duration.ofSeconds(5));
		assertThat(dispatcher.dispatchOnce().block()).isEqualTo(1);
		this.clock.advance(Duration.ofSeconds(9));
		assertThat(dispatcher.dispatchOnce().block()).as("second back-off is 10 s").isZero();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(dispatcher.dispatchOnce().block()).isEqualTo(1);
		assertThat(calls).hasValue(3);
		assertThat(text("select status from message where id = " + messageId)).isEqualTo("FAILED");
		assertThat(events).singleElement()
			.isInstanceOfSatisfying(DeliveryFailed.class,
					failed -> assertThat(failed.messageId()).isEqualTo(messageId));
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void permanentRefusalFailsAtOnceAndRepliesNeedNoAlert(TestDatabase.Kind kind) {
		open(kind);
		List<Object> events = new ArrayList<>();
		ChannelSender refused = FakeSender
			.answering(q -> new ChannelSender.SendResult.Permanent("21610 opted out", true));
		OutboundDispatcher dispatcher = new OutboundDispatcher(
				this.queue, List.of(refused), SendRates.UNSHARED, new OutboundSettings(Duration.ofMillis(500), 10,
						Duration.ofSeconds(60), 6, Duration.ofSeconds(5), Duration.ofMinutes(10), false),
				events::add, this.clock);
		long reply = this.queue.enqueue(message("reply", OutboundMessage.Purpose.REPLY)).block();
		long alert = this.queue.enqueue(message("alert", OutboundMessage.Purpose.ALERT)).block();
		assertThat(dispatcher.dispatchOnce().block()).isEqualTo(2);
		assertThat(text("select status from message where id = " + reply)).isEqualTo("FAILED");
		assertThat(text("select status from message where id = " + alert)).isEqualTo("FAILED");
		assertThat(events).singleElement()
			.isInstanceOfSatisfying(DeliveryFailed.class, failed -> assertThat(failed.messageId()).isEqualTo(alert));
	}

	/**
	 * More messages than one multi-row insert takes: each queued row carries its own text
	 * and address, under its own log row, and the ids come back in the order given.
	 */
	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void manyMessagesAreQueuedTogetherEachUnderItsOwnLogRow(TestDatabase.Kind kind) {
		open(kind);
		int many = OutboundQueue.ROWS_PER_STATEMENT * 2 + 100;
		List<OutboundMessage> messages = new ArrayList<>();
		for (int i = 0; i < many; i++) {
			List<Choice> choices = i % 2 == 0 ? List.of() : List.of(new Choice("Good", "checkin:GOOD", "1"));
			messages.add(new OutboundMessage("telegram", String.valueOf(870_000_000L + i), "check-in " + i, choices,
					OutboundMessage.Purpose.CHECK_IN, null, null, "CHECK_IN"));
		}
		List<Long> ids = this.queue.enqueueAll(messages).block();
		assertThat(ids).hasSize(many).doesNotHaveDuplicates();
		List<QueuedMessage> queued = this.queue.claim("telegram", many * 2, "test", Duration.ofMinutes(1))
			.collectList()
			.block();
		assertThat(queued).hasSize(many);
		for (QueuedMessage row : queued) {
			int i = ids.indexOf(row.messageId());
			assertThat(row.text()).isEqualTo("check-in " + i);
			assertThat(row.address()).isEqualTo(messages.get(i).address());
			assertThat(row.extras()).as("its own buttons, rendered by its channel")
				.isEqualTo(i % 2 == 0 ? null : TestChannels.all().render(messages.get(i)).extras());
		}
		assertThat(count("select count(*) from message where kind = 'CHECK_IN' and status = 'QUEUED'")).isEqualTo(many);
		// each id is the log row of the message at its place: its address, its text
		this.database.client()
			.sql("select id, address_hash, body_sealed from message")
			.map(row -> List.of(row.get("id", Long.class), row.get("address_hash", String.class),
					row.get("body_sealed", String.class)))
			.all()
			.toIterable()
			.forEach(row -> {
				int i = ids.indexOf(row.get(0));
				assertThat(row.get(1)).isEqualTo(this.sealer.hash(messages.get(i).address()));
				assertThat(this.sealer.open((String) row.get(2))).isEqualTo("check-in " + i);
			});
	}

	@org.junit.jupiter.api.Test
	void idsComeBackInTheOrderGivenOrNotAtAll() {
		assertThat(
				OutboundQueue.idsByPosition(List.of(new long[] { 7, 2 }, new long[] { 9, 1 }, new long[] { 8, 3 }), 3))
			.containsExactly(9L, 7L, 8L);
		assertThatThrownBy(() -> OutboundQueue.idsByPosition(List.of(new long[] { 7, 1 }, new long[] { 8, 1 }), 2))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> OutboundQueue.idsByPosition(List.<long[]>of(new long[] { 7, 1 }), 2))
			.isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> OutboundQueue.idsByPosition(List.<long[]>of(new long[] { 7, 3 }), 2))
			.isInstanceOf(IllegalStateException.class);
	}

	private long count(String sql) {
		return this.database.client().sql(sql).map(row -> row.get(0, Long.class)).one().block();
	}

	private String text(String sql) {
		return this.database.client().sql(sql).map(row -> row.get(0, String.class)).one().block();
	}

}
