package app.waymark.channel;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.waymark.safeguarding.RiskAssessment;
import app.waymark.safeguarding.DangerCheck;
import app.waymark.system.Periodic;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Lazy;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Nothing lost: answers inbound messages that were stored but never answered because the
 * instance storing them died first. A provider's redelivery would recover such a message
 * (see {@link MessageLog#recordInbound}), but Twilio does not retry SMS webhooks, so
 * without this sweep the message would never be answered.
 *
 * <p>
 * Every instance sweeps. A message is taken with the same compare-and-set as a
 * redelivery's, so of two sweeps, or a sweep and a redelivery, only one answers it; it is
 * then answered exactly as {@link Inbox#receive} would have (crisis help and alerts
 * first, the reply queued in one transaction with the answered mark), with the channel's
 * {@link ReplyShaper} found by name.
 *
 * <ul>
 * <li>Web chat messages are not answered but marked ABANDONED: the chat page gets its
 * answer only in the HTTP response, which is long gone.</li>
 * <li>A linked worker's command ({@code ACK 1234}) is answered too: their acknowledgement
 * still stops the alert escalating, and acknowledging twice is harmless.</li>
 * <li>A message older than {@link SweepSettings#giveUpAfter()} (every instance was down
 * that long, or its channel is switched off) is not answered automatically: a day-late
 * bot reply helps nobody, and a day-old cry for help needs a person, not a helpline text.
 * It is marked MISSED and an alert ({@link MessageMissed}, urgent if its words signal a
 * crisis) tells a person. So is a message stored without an address to reply to.</li>
 * </ul>
 */
@Component
class UnansweredSweep {

	private static final Logger log = LoggerFactory.getLogger(UnansweredSweep.class);

	private final MessageLog messages;

	private final Inbox inbox;

	private final Map<String, ReplyShaper> shapers;

	private final List<IncidentHandler> incidents;

	private final DangerCheck risks;

	private final SweepSettings settings;

	private final Clock clock;

	private final Periodic loop;

	UnansweredSweep(MessageLog messages, Inbox inbox, List<ReplyShaper> shapers, List<IncidentHandler> incidents,
			@Lazy DangerCheck risks, SweepSettings settings, Clock clock) {
		this.messages = messages;
		this.inbox = inbox;
		this.shapers = shapers.stream().collect(Collectors.toMap(ReplyShaper::channel, Function.identity()));
		this.incidents = incidents;
		this.risks = risks;
		this.settings = settings;
		this.clock = clock;
		this.loop = new Periodic(settings.interval(), log, "Sweep for unanswered messages failed", this::sweepOnce);
	}

	/** What the sweep did with one message. */
	enum Outcome {

		/** Answered as if just received. */
		ANSWERED,
		/** Too old, or no address: a person was alerted. */
		MISSED,
		/** Its channel cannot answer after the request (web chat). */
		ABANDONED,
		/** Someone else (a redelivery, another instance) answered it first. */
		TAKEN

	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.settings.enabled()) {
			return;
		}
		this.loop.start();
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		this.loop.stop();
	}

	/**
	 * One pass: takes the messages left unanswered longer than
	 * {@link SweepSettings#answerAfter()} and deals with each.
	 * @return what became of each message this sweep took, oldest first
	 */
	Mono<List<Outcome>> sweepOnce() {
		Instant tooOld = this.clock.instant().minus(this.settings.giveUpAfter());
		return this.messages
			.unanswered(this.settings.answerAfter(), tooOld, this.shapers.keySet(), this.settings.batch())
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap(row -> this.messages.claim(row.id(), this.settings.answerAfter())
				.flatMap(claim -> deal(row, claim, tooOld))
				.doOnNext(outcome -> Metrics
					.counter("waymark.inbound.swept", "channel", row.message().channel(), "outcome", outcome.name())
					.increment())
				// the claim holds the message back for another answerAfter; then it
				// is tried again, until it is old enough to be marked missed
				.onErrorResume(ex -> {
					log.warn("Sweeping inbound message {} failed: {}", row.id(), ex.getClass().getSimpleName());
					return Mono.empty();
				}))
			.collectList();
	}

	private Mono<Outcome> deal(MessageLog.Unanswered row, MessageLog.Stored claim, Instant tooOld) {
		InboundMessage message = row.message();
		ReplyShaper shaper = this.shapers.get(message.channel());
		Mono<Outcome> outcome;
		if (shaper != null && !shaper.repliesLater()) {
			outcome = this.messages.unanswerable(row.id(), claim.claimedAt(), "ABANDONED")
				.thenReturn(Outcome.ABANDONED);
		}
		else if (shaper == null || message.address() == null || message.receivedAt().isBefore(tooOld)) {
			outcome = missed(row, claim);
		}
		else {
			outcome = this.inbox.answerLater(message, claim, shaper)
				.map(receipt -> receipt.duplicate() ? Outcome.TAKEN : Outcome.ANSWERED);
		}
		return outcome.onErrorResume(MessageLog.AlreadyAnswered.class, ex -> Mono.just(Outcome.TAKEN))
			.doOnNext(done -> log.info("Unanswered {} message {} swept: {}", message.channel(), row.id(), done));
	}

	/**
	 * Tells a person, then marks the message MISSED. The alert comes first, in its own
	 * transaction, as in {@link Inbox}: if the instance dies in between, the next sweep
	 * raises it again rather than never.
	 */
	private Mono<Outcome> missed(MessageLog.Unanswered row, MessageLog.Stored claim) {
		RiskAssessment risk = this.risks.assess(row.message().text());
		// A worker's own message (an ACK) needs no alert: the alert they meant to
		// acknowledge escalates by itself.
		Mono<Void> alert = row.workerId() != null && row.youngPersonId() == null ? Mono.empty()
				: Flux.fromIterable(this.incidents)
					.concatMap(handler -> handler.on(new MessageMissed(row.id(), row.message().channel(),
							row.youngPersonId(), risk.level(), risk.category())))
					.then();
		return alert.then(this.messages.unanswerable(row.id(), claim.claimedAt(), "MISSED")).thenReturn(Outcome.MISSED);
	}

}
