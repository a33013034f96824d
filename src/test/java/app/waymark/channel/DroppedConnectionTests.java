package app.waymark.channel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import app.waymark.people.Identities;
import app.waymark.people.Sender;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The first statement of a webhook meets a connection the database dropped a moment ago
 * (it restarted): Twilio does not send an SMS again after a 503, so the inbox tries once
 * more at once. A failure that took a while (the database is away, the pool waited) or
 * one that is not about the connection is not tried again.
 */
class DroppedConnectionTests {

	private InboxWorld world;

	@BeforeEach
	void open() {
		this.world = new InboxWorld(TestDatabase.Kind.H2);
	}

	@AfterEach
	void close() {
		this.world.close();
	}

	static Stream<Arguments> failures() {
		return Stream.of(Arguments.of("a dropped connection, at once", Duration.ZERO,
				(Supplier<RuntimeException>) () -> new DataAccessResourceFailureException("connection closed"), true),
				Arguments.of("a dropped connection after waiting for the pool", Duration.ofMillis(1_300),
						(Supplier<RuntimeException>) () -> new DataAccessResourceFailureException("acquire timeout"),
						false),
				Arguments.of("a fault in the code", Duration.ZERO,
						(Supplier<RuntimeException>) () -> new IllegalStateException("bug"), false));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void onlyAQuickConnectionFailureIsTriedAgain(String what, Duration after, Supplier<RuntimeException> failure,
			boolean triedAgain) {
		AtomicInteger lookups = new AtomicInteger();
		Identities failingOnce = new Identities(this.world.db, this.world.sealer, this.world.clock) {

			@Override
			public Mono<Sender> identify(String channel, String address) {
				if (lookups.getAndIncrement() == 0) {
					return Mono.delay(after).then(Mono.error(failure.get()));
				}
				return super.identify(channel, address);
			}

		};
		Inbox inbox = this.world.inboxWith(failingOnce);
		InboundMessage message = new InboundMessage("sms", "+447700900321", "can i get free bus travel?", "en",
				this.world.clock.instant());
		Mono<Inbox.Receipt> received = inbox.receive(message, "SMdrop1", this.world.sms);
		if (triedAgain) {
			Inbox.Receipt receipt = received.block(Duration.ofSeconds(30));
			assertThat(receipt.duplicate()).isFalse();
			assertThat(this.world.status(receipt.messageId())).isEqualTo("REPLIED");
			assertThat(this.world.queuedTo("+447700900321")).hasSize(1);
		}
		else {
			assertThatThrownBy(() -> received.block(Duration.ofSeconds(30))).isInstanceOf(failure.get().getClass());
			assertThat(this.world.queuedTo("+447700900321")).isEmpty();
		}
		assertThat(lookups.get()).isEqualTo(triedAgain ? 2 : 1);
	}

	/**
	 * Stored, then the database goes away before the answer commits (here while raising
	 * the crisis alert): a channel that can reply later acknowledges the message and the
	 * sweep answers it, alert included; the web chat, which can only answer in its
	 * response, reports the failure.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "sms", "web" })
	void storedButNotAnsweredIsAcknowledgedOnlyWhereTheSweepCanStillReply(String channel) {
		AtomicInteger raised = new AtomicInteger();
		IncidentHandler failingOnce = new IncidentHandler() {

			@Override
			public Mono<Void> on(DangerSignalled incident) {
				return raised.getAndIncrement() == 0
						? Mono.error(new DataAccessResourceFailureException("connection closed"))
						: Mono.fromRunnable(() -> DroppedConnectionTests.this.world.incidents.add(incident));
			}

			@Override
			public Mono<Void> on(HandoverRequested request) {
				return Mono.empty();
			}

			@Override
			public Mono<Void> on(MessageMissed missed) {
				return Mono.empty();
			}

		};
		Inbox inbox = this.world.inboxWith(this.world.identities, failingOnce);
		String address = channel.equals("sms") ? "+447700900322" : "web-conversation-1";
		InboundMessage message = new InboundMessage(channel, address, "i want to kill myself tonight", "en",
				this.world.clock.instant());
		ReplyShaper shaper = channel.equals("sms") ? this.world.sms : this.world.web;
		Mono<Inbox.Receipt> received = inbox.receive(message, "SMdrop2", shaper);
		if (!shaper.repliesLater()) {
			assertThatThrownBy(() -> received.block(Duration.ofSeconds(30)))
				.isInstanceOf(DataAccessResourceFailureException.class);
			return;
		}
		Inbox.Receipt receipt = received.block(Duration.ofSeconds(30));
		assertThat(receipt.duplicate()).isFalse();
		assertThat(receipt.reply()).as("left for the sweep").isNull();
		assertThat(this.world.status(receipt.messageId())).isNotEqualTo("REPLIED");
		assertThat(this.world.queuedTo(address)).isEmpty();
		this.world.clock.advance(UnansweredSweepTests.STALE);
		UnansweredSweep sweep = new UnansweredSweep(this.world.messages, inbox, List.of(this.world.sms),
				List.of(failingOnce), InboxWorld.RISKS, InboxWorld.SWEEP, this.world.clock);
		assertThat(sweep.sweepOnce().block()).containsExactly(UnansweredSweep.Outcome.ANSWERED);
		assertThat(this.world.status(receipt.messageId())).isEqualTo("REPLIED");
		assertThat(this.world.queuedTo(address)).singleElement().asString().containsIgnoringCase("samaritans");
		assertThat(this.world.incidents).as("the crisis alert, raised once").hasSize(1);
	}

}
