package app.waymark.channel;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import app.waymark.channel.UnansweredSweep.Outcome;
import app.waymark.safeguarding.RiskLevel;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages stored by an instance that died before answering them: the sweep answers each
 * once, through the inbox's own path, on both databases.
 */
class UnansweredSweepTests {

	static final String PHONE = "+447700900123";

	static final Duration STALE = Duration.ofSeconds(31);

	private InboxWorld world;

	@AfterEach
	void close() {
		if (this.world != null) {
			this.world.close();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void smsStoredButNeverAnsweredIsAnsweredOnce(TestDatabase.Kind kind) {
		this.world = new InboxWorld(kind);
		UnansweredSweep sweep = this.world.sweep();
		long id = this.world.storedAndDropped("sms", PHONE, "can i get free bus travel?", "SM1");
		this.world.clock.advance(Duration.ofSeconds(29));
		assertThat(sweep.sweepOnce().block()).as("the instance that stored it may still be answering").isEmpty();
		this.world.clock.advance(Duration.ofSeconds(2));
		assertThat(sweep.sweepOnce().block()).containsExactly(Outcome.ANSWERED);
		assertThat(this.world.queuedTo(PHONE)).singleElement().asString().containsIgnoringCase("bus");
		assertThat(this.world.status(id)).isEqualTo("REPLIED");
		assertThat(this.world.column(id, "kind")).isEqualTo("ANSWER");
		assertThat(this.world.column(id, "address_sealed")).as("kept only until answered").isEqualTo("null");
		this.world.clock.advance(Duration.ofMinutes(5));
		assertThat(sweep.sweepOnce().block()).isEmpty();
		assertThat(this.world.queuedTo(PHONE)).hasSize(1);
		assertThat(this.world.incidents).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void crisisFoundByTheSweepRaisesItsAlertAndGetsCrisisHelp(TestDatabase.Kind kind) {
		this.world = new InboxWorld(kind);
		long id = this.world.storedAndDropped("sms", PHONE, "i want to kill myself", "SM2");
		this.world.clock.advance(STALE);
		assertThat(this.world.sweep().sweepOnce().block()).containsExactly(Outcome.ANSWERED);
		assertThat(this.world.incidents).singleElement().isInstanceOfSatisfying(DangerSignalled.class, danger -> {
			assertThat(danger.messageId()).isEqualTo(id);
			assertThat(danger.level()).isEqualTo(RiskLevel.CRISIS);
		});
		assertThat(this.world.queuedTo(PHONE)).singleElement().asString().contains("999");
		assertThat(this.world.column(id, "kind")).isEqualTo("CRISIS");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void theStoredLanguageIsAnsweredIn(TestDatabase.Kind kind) {
		this.world = new InboxWorld(kind);
		this.world.storedAndDropped(new InboundMessage("sms", PHONE, "menu", "ar", this.world.clock.instant()), "SM3");
		this.world.clock.advance(STALE);
		assertThat(this.world.sweep().sweepOnce().block()).containsExactly(Outcome.ANSWERED);
		assertThat(this.world.queuedTo(PHONE)).singleElement().asString().contains("يمكنك");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aLanguageNoCodeCouldBeIsNotKept(TestDatabase.Kind kind) {
		this.world = new InboxWorld(kind);
		long id = this.world.storedAndDropped(
				new InboundMessage("web", "conversation-2", "hello", "x".repeat(50), this.world.clock.instant()), null);
		assertThat(this.world.column(id, "language")).isEqualTo("null");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void twoInstancesSweepingAtOnceAnswerEachMessageOnce(TestDatabase.Kind kind) {
		this.world = new InboxWorld(kind);
		List<String> phones = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String phone = "+4477009002" + (10 + i);
			phones.add(phone);
			this.world.storedAndDropped("sms", phone, "can i get free bus travel?", "SMr" + i);
		}
		this.world.clock.advance(STALE);
		List<Outcome> outcomes = Flux
			.merge(this.world.sweep().sweepOnce().subscribeOn(Schedulers.boundedElastic()),
					this.world.sweep().sweepOnce().subscribeOn(Schedulers.boundedElastic()))
			.flatMapIterable(list -> list)
			.collectList()
			.block();
		assertThat(outcomes).filteredOn(outcome -> outcome == Outcome.ANSWERED).hasSize(12);
		assertThat(phones).allSatisfy(phone -> assertThat(this.world.queuedTo(phone)).hasSize(1));
		assertThat(this.world.count("select count(*) from message where direction = 'IN' and status = 'REPLIED'"))
			.isEqualTo(12);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aSweepThatLostItsClaimQueuesNothing(TestDatabase.Kind kind) {
		this.world = new InboxWorld(kind);
		InboundMessage message = new InboundMessage("sms", PHONE, "can i get free bus travel?", null,
				this.world.clock.instant());
		long id = this.world.storedAndDropped(message, "SM4");
		this.world.clock.advance(STALE);
		// one instance claims it, then stalls for longer than answerAfter
		MessageLog.Stored stalled = this.world.messages.claim(id, InboxWorld.SWEEP.answerAfter()).block();
		assertThat(stalled).isNotNull();
		assertThat(this.world.sweep().sweepOnce().block()).as("claimed just now").isEmpty();
		this.world.clock.advance(STALE);
		assertThat(this.world.sweep().sweepOnce().block()).containsExactly(Outcome.ANSWERED);
		assertThat(this.world.inbox.answerLater(message, stalled, this.world.sms).block().duplicate()).isTrue();
		assertThat(this.world.queuedTo(PHONE)).hasSize(1);
	}

	static Stream<Arguments> redeliveryRaces() {
		return TestDatabase
			.onEachKind(List.of(Arguments.of("the redelivery first", true), Arguments.of("the sweep first", false)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("redeliveryRaces")
	void aSweepAndARedeliveryAnswerOnce(TestDatabase.Kind kind, String label, boolean redeliveryFirst) {
		this.world = new InboxWorld(kind);
		InboundMessage message = new InboundMessage("sms", PHONE, "can i get free bus travel?", null,
				this.world.clock.instant());
		this.world.storedAndDropped(message, "SM5");
		this.world.clock.advance(STALE);
		Mono<Inbox.Receipt> redelivery = this.world.inbox.receive(message, "SM5", this.world.sms);
		if (redeliveryFirst) {
			assertThat(redelivery.block().duplicate()).as("took over").isFalse();
			assertThat(this.world.sweep().sweepOnce().block()).isEmpty();
		}
		else {
			assertThat(this.world.sweep().sweepOnce().block()).containsExactly(Outcome.ANSWERED);
			assertThat(redelivery.block().duplicate()).isTrue();
		}
		assertThat(this.world.queuedTo(PHONE)).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aSweepAndRedeliveriesAtOnceAnswerEachMessageOnce(TestDatabase.Kind kind) {
		this.world = new InboxWorld(kind);
		List<InboundMessage> messages = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			InboundMessage message = new InboundMessage("sms", "+4477009003" + (10 + i), "can i get free bus travel?",
					null, this.world.clock.instant());
			messages.add(message);
			this.world.storedAndDropped(message, "SMd" + i);
		}
		this.world.clock.advance(STALE);
		Flux<Object> redeliveries = Flux.range(0, messages.size())
			.flatMap(i -> this.world.inbox.receive(messages.get(i), "SMd" + i, this.world.sms)
				.subscribeOn(Schedulers.boundedElastic()));
		Flux.merge(redeliveries, this.world.sweep().sweepOnce().subscribeOn(Schedulers.boundedElastic()))
			.collectList()
			.block();
		assertThat(messages)
			.allSatisfy(message -> assertThat(this.world.queuedTo(message.address())).as(message.address()).hasSize(1));
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void webChatMessageIsAbandonedNotRetried(TestDatabase.Kind kind) {
		this.world = new InboxWorld(kind);
		UnansweredSweep sweep = this.world.sweep();
		long id = this.world.storedAndDropped("web", "conversation-1", "can i get free bus travel?", null);
		this.world.clock.advance(STALE);
		assertThat(sweep.sweepOnce().block()).containsExactly(Outcome.ABANDONED);
		assertThat(this.world.status(id)).isEqualTo("ABANDONED");
		assertThat(this.world.column(id, "address_sealed")).isEqualTo("null");
		this.world.clock.advance(Duration.ofHours(25));
		assertThat(sweep.sweepOnce().block()).isEmpty();
		assertThat(this.world.count("select count(*) from outbound")).isZero();
		assertThat(this.world.incidents).isEmpty();
	}

	static Stream<Arguments> tooOld() {
		return TestDatabase
			.onEachKind(List.of(Arguments.of("a question", "can i get free bus travel?", RiskLevel.NONE, null),
					Arguments.of("a crisis", "i want to kill myself", RiskLevel.CRISIS, "self-harm")));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("tooOld")
	void aDayOldMessageIsNotAnsweredButAPersonIsTold(TestDatabase.Kind kind, String label, String text, RiskLevel level,
			String category) {
		this.world = new InboxWorld(kind);
		long id = this.world.storedAndDropped("sms", PHONE, text, "SM6");
		// every instance was down for a day
		this.world.clock.advance(Duration.ofHours(24).plusSeconds(1));
		assertThat(this.world.sweep().sweepOnce().block()).containsExactly(Outcome.MISSED);
		assertThat(this.world.status(id)).isEqualTo("MISSED");
		assertThat(this.world.incidents).containsExactly(new MessageMissed(id, "sms", null, level, category));
		assertThat(this.world.count("select count(*) from outbound")).isZero();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aMessageOfAChannelSwitchedOffWaitsThenIsMissed(TestDatabase.Kind kind) {
		this.world = new InboxWorld(kind);
		UnansweredSweep sweep = this.world.sweep();
		long id = this.world.storedAndDropped("telegram", "987654321", "can i get free bus travel?", "u1");
		this.world.clock.advance(Duration.ofHours(23));
		assertThat(sweep.sweepOnce().block()).as("left for an instance with Telegram on").isEmpty();
		assertThat(this.world.status(id)).isEqualTo("RECEIVED");
		this.world.clock.advance(Duration.ofHours(1).plusSeconds(1));
		assertThat(sweep.sweepOnce().block()).containsExactly(Outcome.MISSED);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aMessageStoredWithoutItsAddressIsMissed(TestDatabase.Kind kind) {
		this.world = new InboxWorld(kind);
		long id = this.world.storedAndDropped("sms", PHONE, "can i get free bus travel?", "SM8");
		// stored before addresses were kept on inbound messages
		this.world.db.sql("update message set address_sealed = null").then().block();
		this.world.clock.advance(STALE);
		assertThat(this.world.sweep().sweepOnce().block()).containsExactly(Outcome.MISSED);
		assertThat(this.world.status(id)).isEqualTo("MISSED");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aMessageSealedUnderAnotherKeyDoesNotStopTheSweep(TestDatabase.Kind kind) {
		this.world = new InboxWorld(kind);
		long unreadable = this.world.storedAndDropped("sms", PHONE, "can i get free bus travel?", "SM9");
		long readable = this.world.storedAndDropped("sms", "+447700900124", "can i get free bus travel?", "SM10");
		Sealer other = new Sealer(new SecureRandom().generateSeed(32));
		this.world.db.sql("update message set address_sealed = :address, body_sealed = :body where id = :id")
			.bind("address", other.seal(PHONE))
			.bind("body", other.seal("can i get free bus travel?"))
			.bind("id", unreadable)
			.then()
			.block();
		this.world.clock.advance(STALE);
		assertThat(this.world.sweep().sweepOnce().block()).containsExactly(Outcome.MISSED, Outcome.ANSWERED);
		assertThat(this.world.status(unreadable)).isEqualTo("MISSED");
		assertThat(this.world.status(readable)).isEqualTo("REPLIED");
	}

}
