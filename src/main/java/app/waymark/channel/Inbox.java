package app.waymark.channel;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.conversation.Conversation;
import app.waymark.conversation.Reply;
import app.waymark.people.Identities;
import app.waymark.people.LinkAttempt;
import app.waymark.people.Sender;
import app.waymark.safeguarding.RiskLevel;
import app.waymark.system.ApiErrorHandler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Where every channel hands an inbound message: store it first, drop a redelivery, ask
 * the channel (its own commands) or the conversation core, record opt-outs, queue the
 * reply. A channel's webhook answers its provider only after {@link #receive} completes,
 * so nothing acknowledged is unstored. A provider's webhook is acknowledged once the
 * message is stored and answered just after; the web chat, whose answer is its response,
 * waits for it. A message stored and then left unanswered (the instance died) is answered
 * the same way by {@link UnansweredSweep}.
 */
@Component
public class Inbox {

	private static final Logger logger = LoggerFactory.getLogger(Inbox.class);

	/**
	 * A failure sooner than this came from a dead connection, not from waiting for one.
	 */
	private static final Duration QUICK_FAILURE = Duration.ofSeconds(1);

	/** How long a stop waits for the answers being worked out. */
	private static final Duration FINISH_ANSWERING = Duration.ofSeconds(10);

	/** Messages acknowledged and still being answered. */
	private final AtomicInteger answering = new AtomicInteger();

	private final MessageLog log;

	private final OutboundQueue queue;

	private final Conversation conversation;

	private final Identities identities;

	private final List<IncidentHandler> incidents;

	private final List<WorkerCommand> workerCommands;

	private final List<PendingQuestion> questions;

	private final TransactionalOperator transaction;

	public Inbox(MessageLog log, OutboundQueue queue, Conversation conversation, Identities identities,
			List<IncidentHandler> incidents, List<WorkerCommand> workerCommands, List<PendingQuestion> questions,
			TransactionalOperator transaction, MeterRegistry meters) {
		this.transaction = transaction;
		Gauge.builder("waymark.inbound.answering", this.answering, AtomicInteger::get)
			.description("Inbound messages acknowledged and still being answered")
			.register(meters);
		this.log = log;
		this.queue = queue;
		this.conversation = conversation;
		this.identities = identities;
		this.incidents = incidents;
		this.workerCommands = workerCommands;
		this.questions = questions;
	}

	/**
	 * What became of an inbound message.
	 *
	 * @param messageId its message log row
	 * @param duplicate the provider had delivered it before; nothing more was done
	 * @param reply the bot's reply, or null for a duplicate, a message being answered
	 * after its webhook is acknowledged, or a message left for the sweep to answer
	 * @param sender who sent it
	 */
	public record Receipt(long messageId, boolean duplicate, Reply reply, Sender sender) {
	}

	public Mono<Receipt> receive(InboundMessage message, String providerId, ReplyShaper shaper) {
		return store(message, providerId).flatMap(delivered -> {
			Sender sender = delivered.sender();
			MessageLog.Stored stored = delivered.stored();
			if (stored.duplicate()) {
				return Mono.just(new Receipt(stored.id(), true, null, sender));
			}
			if (!shaper.repliesLater()) {
				return answer(message, sender, stored, shaper);
			}
			return Mono.deferContextual(context -> {
				InboundLimit.Permit permit = context.getOrDefault(InboundLimit.Permit.class, null);
				if (permit == null) {
					// no inbound limit (turned off, or not a web request): nothing would
					// bound answers left running, so the caller waits for this one
					return answer(message, sender, stored, shaper).onErrorResume(ApiErrorHandler::retryLater,
							ex -> leftToTheSweep(message, stored, sender, ex));
				}
				answerAfterAcknowledging(message, sender, stored, shaper, permit, context);
				return Mono.just(new Receipt(stored.id(), false, null, sender));
			});
		});
	}

	/**
	 * A provider's webhook is acknowledged once its message is stored, and the message is
	 * answered just after: the provider is not kept waiting on the answer's work (Twilio
	 * gives a webhook 15 s, Telegram resends an update it thinks was missed). The answer
	 * keeps the request's place in the {@link InboundLimit}, so an overload is still
	 * refused before anything is stored; it runs with the request's context (the
	 * correlation id on its log lines). If the instance stops before it is done,
	 * {@link UnansweredSweep} answers the message, as for any stored message left
	 * unanswered.
	 */
	private void answerAfterAcknowledging(InboundMessage message, Sender sender, MessageLog.Stored stored,
			ReplyShaper shaper, InboundLimit.Permit permit, ContextView context) {
		permit.keep();
		this.answering.incrementAndGet();
		answer(message, sender, stored, shaper).onErrorResume(ex -> leftToTheSweep(message, stored, sender, ex))
			.doFinally(signal -> {
				this.answering.decrementAndGet();
				permit.release();
			})
			.contextWrite(context)
			.subscribe();
	}

	/**
	 * Waits (a while) for the answers still being worked out, so a graceful stop does not
	 * cut them off half way; the database connections close after this.
	 */
	@PreDestroy
	void finishAnswering() throws InterruptedException {
		long until = System.nanoTime() + FINISH_ANSWERING.toNanos();
		while (this.answering.get() > 0 && System.nanoTime() < until) {
			Thread.sleep(20);
		}
		if (this.answering.get() > 0) {
			logger.warn("Stopping with {} stored messages not yet answered; the sweep will answer them",
					this.answering.get());
		}
	}

	private record Delivered(Sender sender, MessageLog.Stored stored) {
	}

	/**
	 * Looks up the sender and stores the message (or finds the earlier delivery of it). A
	 * pooled connection the database dropped (it restarted a moment ago) fails the first
	 * statement at once, and the pool has replaced it by the next try: Twilio does not
	 * send an SMS again after a 503, so one quick retry here is what keeps that message.
	 * A database that is away makes the first try wait for the pool; that is not
	 * repeated, so the provider hears 503 within the pool's wait, not twice that.
	 */
	private Mono<Delivered> store(InboundMessage message, String providerId) {
		Mono<Delivered> once = Mono.defer(() -> this.identities.identify(message.channel(), message.address())
			.flatMap(sender -> this.log.recordInbound(message, providerId, sender.youngPersonId(), sender.workerId())
				.flatMap(this.log::settle)
				.map(stored -> new Delivered(sender, stored))));
		return Mono.defer(() -> {
			long started = System.nanoTime();
			return once.onErrorResume(
					ex -> ApiErrorHandler.retryLater(ex) && System.nanoTime() - started < QUICK_FAILURE.toNanos(),
					ex -> {
						logger.info("Inbound {} message met a dropped database connection; trying once more",
								message.channel());
						return once;
					});
		});
	}

	/**
	 * The message is stored but the database went away before it was answered. It is
	 * acknowledged all the same: refusing it now would have the provider send it again
	 * (Telegram) or never (Twilio), while {@link UnansweredSweep} answers it once the
	 * database is back. Refused means not stored; acknowledged means stored.
	 */
	private Mono<Receipt> leftToTheSweep(InboundMessage message, MessageLog.Stored stored, Sender sender,
			Throwable failure) {
		if (ApiErrorHandler.retryLater(failure)) {
			logger.warn("Inbound {} message {} stored; the database went away before it was answered, so the sweep "
					+ "will answer it", message.channel(), stored.id());
		}
		else {
			// the class only: a failure's message may quote what the young person wrote
			logger.error("Inbound {} message {} stored; answering it failed ({}), so the sweep will try again",
					message.channel(), stored.id(), failure.getClass().getName());
		}
		return Mono.just(new Receipt(stored.id(), false, null, sender));
	}

	/**
	 * Answers a message stored earlier and never answered, now claimed by the caller
	 * ({@link UnansweredSweep}). Who sent it is looked up again: they may have linked or
	 * opted out since.
	 */
	Mono<Receipt> answerLater(InboundMessage message, MessageLog.Stored claim, ReplyShaper shaper) {
		return this.identities.identify(message.channel(), message.address())
			.flatMap(sender -> answer(message, sender, claim, shaper));
	}

	/**
	 * The one way a stored message is answered, just received or found unanswered later.
	 * The caller holds the claim {@code stored}; the answer commits only while it holds.
	 */
	private Mono<Receipt> answer(InboundMessage message, Sender sender, MessageLog.Stored stored, ReplyShaper shaper) {
		Mono<Receipt> answered = shaper.ownReply(message, sender)
			.flatMap(own -> channelCommand(message, sender, stored, own))
			.switchIfEmpty(Mono.defer(() -> {
				WorkerCommand command = sender.workerId() != null ? workerCommand(message.text()) : null;
				return command != null ? workerCommand(command, message, sender, stored)
						: handle(message, sender, stored, shaper);
			}));
		return answered.onErrorResume(MessageLog.AlreadyAnswered.class,
				ex -> Mono.just(new Receipt(stored.id(), true, null, sender)));
	}

	/** One of the channel's own commands, answered by the channel. */
	private Mono<Receipt> channelCommand(InboundMessage message, Sender sender, MessageLog.Stored stored,
			ChannelReply reply) {
		Mono<Void> consent = reply.optedIn() == null ? Mono.empty() : this.identities.recordConsent(message.channel(),
				message.address(), reply.optedIn(), message.channel().toUpperCase(Locale.ROOT));
		return commit(stored, reply.kind(), null, true, consent, reply.messages()).doOnSuccess(
				done -> logger.info("Inbound {} message {} answered: {}", message.channel(), stored.id(), reply.kind()))
			.thenReturn(new Receipt(stored.id(), false, null, sender));
	}

	/**
	 * Stores a message that needs no answer (an edited message, a button that no longer
	 * means anything) as handled, so a redelivery of it is recognised.
	 */
	public Mono<Void> seen(InboundMessage message, String providerId, String kind) {
		return this.identities.identify(message.channel(), message.address())
			.flatMap(sender -> this.log.recordHandled(message, providerId, sender.youngPersonId(), sender.workerId(),
					kind));
	}

	/** The worker command the text is, if any. */
	private WorkerCommand workerCommand(String text) {
		return this.workerCommands.stream().filter(command -> command.recognises(text)).findFirst().orElse(null);
	}

	/**
	 * A linked worker's command ("ACK 1234") is answered by the feature that owns it, not
	 * the bot.
	 */
	private Mono<Receipt> workerCommand(WorkerCommand command, InboundMessage message, Sender sender,
			MessageLog.Stored stored) {
		return command.carryOut(sender.workerId(), message.channel(), message.text())
			.map(text -> List.of(new OutboundMessage(message.channel(), message.address(), text, null,
					OutboundMessage.Purpose.REPLY, null, sender.workerId(), "WORKER_COMMAND")))
			.defaultIfEmpty(List.of())
			.flatMap(outbound -> commit(stored, "WORKER_COMMAND", null, true, Mono.empty(), outbound))
			.thenReturn(new Receipt(stored.id(), false, null, sender));
	}

	private Mono<Receipt> handle(InboundMessage message, Sender sender, MessageLog.Stored stored, ReplyShaper shaper) {
		long messageId = stored.id();
		// The profile (set by their worker or a LANGUAGE command) beats the channel's
		// guess (Telegram's language_code, the chat page's default).
		InboundMessage withLanguage = sender.language() != null && !sender.language().equals(message.language())
				? message.inLanguage(sender.language()) : message;
		return replyTo(withLanguage).flatMap(reply -> pending(withLanguage, sender, messageId, reply))
			.map(reply -> handoverFor(reply, sender))
			.flatMap(reply -> {
				// null: nothing about the person to record
				Mono<Void> consent = switch (reply.kind()) {
					case OPTED_OUT ->
						this.identities.recordConsent(message.channel(), message.address(), false, "KEYWORD");
					case OPTED_IN ->
						this.identities.recordConsent(message.channel(), message.address(), true, "KEYWORD");
					case LANGUAGE_SET -> reply.chosenLanguage()
						.filter(chosen -> sender.youngPersonId() != null)
						.map(chosen -> this.identities.setLanguage(sender.youngPersonId(), chosen))
						.orElse(null);
					default -> null;
				};
				boolean mayReply = !sender.optedOut() || reply.kind() == Reply.Kind.OPTED_IN
						|| reply.kind() == Reply.Kind.CRISIS;
				List<OutboundMessage> outbound = mayReply ? shaper.shape(reply, withLanguage, sender) : List.of();
				String articleId = reply.article() != null ? reply.article().id() : null;
				String inResponse = mayReply ? shaper.inResponse(reply) : null;
				Mono<Void> given = inResponse == null ? Mono.empty() : this.log.recordGivenInResponse(
						new OutboundMessage(message.channel(), message.address(), inResponse, null,
								OutboundMessage.Purpose.REPLY, sender.youngPersonId(), null, reply.kind().name()),
						articleId, reply.language());
				// Alerts first, each in its own transaction: if the instance dies before
				// the reply is queued, a redelivery or the sweep answers again and at
				// worst raises the alert twice.
				Mono<Void> alerts = (reply.risk().level() == RiskLevel.NONE ? Mono.<Void>empty()
						: incident(new DangerSignalled(messageId, message.channel(), sender.youngPersonId(),
								reply.risk().level(), reply.risk().category(), message.client(),
								reply.risk().detectedBy(), reply.risk().evidence())))
					.then(reply.kind() != Reply.Kind.HANDOVER ? Mono.<Void>empty()
							: Flux.fromIterable(this.incidents)
								.concatMap(handler -> handler
									.on(new HandoverRequested(messageId, message.channel(), sender.youngPersonId())))
								.then());
				// only the answer and its reply to record: one statement may do it all
				Mono<Void> recorded = consent == null ? given : consent.then(given);
				return alerts
					.then(consent == null && inResponse == null
							? commit(stored, reply.kind().name(), articleId, reply.confident(), outbound)
							: commit(stored, reply.kind().name(), articleId, reply.confident(), recorded, outbound))
					.doOnSuccess(done -> logger.info("Inbound {} message {} answered: {}", message.channel(), messageId,
							reply.kind()))
					.thenReturn(new Receipt(messageId, false, reply, sender));
			});
	}

	/**
	 * As the next, for an answer with nothing else to record. One reply, on PostgreSQL,
	 * is one statement (claim check, answer, log and queue) instead of a transaction of
	 * four round trips: most messages take this way.
	 */
	private Mono<Void> commit(MessageLog.Stored stored, String kind, String articleId, boolean confident,
			List<OutboundMessage> outbound) {
		if (outbound.size() == 1 && this.queue.answersInOneStatement()) {
			return this.queue.answerAndEnqueue(stored, kind, articleId, confident, outbound.get(0)).then();
		}
		return commit(stored, kind, articleId, confident, Mono.empty(), outbound);
	}

	/**
	 * The answer, any consent change and the queued reply (or the reply logged as given
	 * in the response, which rides with the consent change) commit together, and only
	 * while the caller's claim on the message holds: one reply, never two.
	 */
	private Mono<Void> commit(MessageLog.Stored stored, String kind, String articleId, boolean confident,
			Mono<Void> consent, List<OutboundMessage> outbound) {
		return this.transaction
			.transactional(this.log.replied(stored.id(), stored.claimedAt(), kind, articleId, confident)
				.then(consent)
				.thenMany(Flux.fromIterable(outbound).concatMap(this.queue::enqueue))
				.then());
	}

	private Mono<Reply> pending(InboundMessage message, Sender sender, long messageId, Reply reply) {
		if (reply.kind() == Reply.Kind.LINK || reply.kind() == Reply.Kind.LANGUAGE_SET) {
			return Mono.just(reply);
		}
		return Flux.fromIterable(this.questions)
			.reduce(Mono.just(reply),
					(next, question) -> next.flatMap(current -> question.answer(message, sender, messageId, current)))
			.flatMap(answered -> answered);
	}

	/**
	 * Only a linked young person has a worker to hand over to; anyone else is told how to
	 * reach one (the same article, as a plain answer) and nobody is alerted about a
	 * stranger.
	 */
	private static Reply handoverFor(Reply reply, Sender sender) {
		if (reply.kind() != Reply.Kind.HANDOVER || sender.youngPersonId() != null) {
			return reply;
		}
		return reply.article() == null ? reply : new Reply(Reply.Kind.ANSWER, reply.article(), reply.score(), true,
				reply.topics(), reply.language(), reply.risk());
	}

	private Mono<Void> incident(DangerSignalled incident) {
		return Flux.fromIterable(this.incidents).concatMap(handler -> handler.on(incident)).then();
	}

	/**
	 * A message that is a one-time link code is answered by the people feature, never by
	 * the conversation; the reply names nobody unless the code linked them.
	 */
	private Mono<Reply> replyTo(InboundMessage message) {
		return this.identities.tryLink(message.channel(), message.address(), message.text())
			.flatMap(link -> link.outcome() == LinkAttempt.Outcome.NOT_A_CODE ? this.conversation.handle(message)
					: Mono.just(Reply.phrase(Reply.Kind.LINK, linkPhrase(link.outcome()), link.preferredName(),
							message.language())));
	}

	static String linkPhrase(LinkAttempt.Outcome outcome) {
		return "link." + outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
