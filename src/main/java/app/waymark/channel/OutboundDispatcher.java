package app.waymark.channel;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.waymark.system.Periodic;
import app.waymark.system.StartupRefused;
import io.micrometer.core.instrument.Metrics;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Sends what is queued, channel by channel, at each provider's rate (shared by every
 * instance: {@link SendRates}). Retries with doubling back-off; after the last try, or a
 * permanent refusal, marks the message failed and, for a check-in or an alert, publishes
 * {@link DeliveryFailed} so a person is told.
 *
 * <p>
 * Each attempt is marked in flight before the provider is called; when an instance dies
 * mid-call or the call times out, the next attempt first asks the provider whether the
 * message got there ({@link ChannelSender#findEarlier}), so a channel that can list what
 * it sent delivers exactly once.
 *
 * <p>
 * A failure stays with its row: a row whose outcome cannot be stored is left for the next
 * pass, and the rest of the batch, and every other channel, go on. A message the provider
 * accepted is never sent again: if the send cannot be recorded with its provider id it is
 * recorded without, and if it cannot be recorded at all the row is parked.
 * {@link #progress()} tells {@link ChannelsHealth} when sending is stuck.
 */
@Component
public class OutboundDispatcher {

	private static final Logger log = LoggerFactory.getLogger(OutboundDispatcher.class);

	private final OutboundQueue queue;

	private final Map<String, ChannelSender> senders;

	private final SendRates rates;

	private final OutboundSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	private final Periodic loop;

	/**
	 * Rows a pass claimed and broke off before storing what became of them (the database
	 * went away, or storing failed for that row alone): the next pass releases them
	 * rather than leave them for the whole lease.
	 */
	private final Set<Long> orphaned = ConcurrentHashMap.newKeySet();

	/**
	 * Messages the provider accepted that could not be recorded in any way (the database
	 * went away): every pass tries again before claiming anything and, where recording
	 * still fails, parks the row; meanwhile a pass that claims one of them again never
	 * sends it. Held in memory only: a crash loses it, and the row is then treated as cut
	 * off mid-call (see {@link #send}).
	 */
	private final Map<Long, Unrecorded> unrecorded = new ConcurrentHashMap<>();

	private record Unrecorded(QueuedMessage message, ChannelSender.SendResult.Sent sent) {
	}

	/**
	 * Per channel, when this instance last moved a message out of the queue (accepted by
	 * the provider, or refused for good).
	 */
	private final Map<String, Instant> lastMoved = new ConcurrentHashMap<>();

	/** Per channel, since when every pass has failed, and how the latest one did. */
	private final Map<String, Failing> failing = new ConcurrentHashMap<>();

	/** When the schedule began; null until then (and in tests that dispatch by hand). */
	private volatile Instant started;

	/**
	 * How sending stands on this instance, for {@link ChannelsHealth}.
	 *
	 * @param started when the dispatcher began sending on its schedule, or null if it
	 * does not run here
	 * @param lastMoved per channel, when a message last left the queue
	 * @param failing per channel whose every pass fails: since when, and why
	 * @param unrecorded how many accepted messages could not be recorded yet
	 */
	record Progress(Instant started, Map<String, Instant> lastMoved, Map<String, Failing> failing, int unrecorded) {
	}

	/**
	 * @param error the latest failure's exception type (never its message)
	 */
	record Failing(Instant since, String error) {
	}

	public OutboundDispatcher(OutboundQueue queue, List<ChannelSender> senders, SendRates rates,
			OutboundSettings settings, ApplicationEventPublisher events, Clock clock) {
		this.queue = queue;
		this.rates = rates;
		senders.forEach(sender -> requireLeaseOutlasts(settings.lease(), sender));
		this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
		this.settings = settings;
		this.events = events;
		this.clock = clock;
		this.loop = new Periodic(settings.pollInterval(), log, "Outbound dispatch failed", this::dispatchOnce);
	}

	/**
	 * A call still on its way when its row's lease runs out could be sent again by the
	 * instance that takes the row over (and, before it asks the provider, looked for in
	 * vain): the lease must be longer than any call.
	 */
	static void requireLeaseOutlasts(Duration lease, ChannelSender sender) {
		ChannelSender.LongestCall call = sender.longestCall();
		if (lease.compareTo(call.duration()) <= 0) {
			throw new StartupRefused(
					"WAYMARK_OUTBOUND_LEASE (" + seconds(lease) + ") is not longer than one " + sender.channel()
							+ " call can take (" + seconds(call.duration()) + ": " + call.why()
							+ "): another instance could send a message again while its call is still on the way.",
					"Set WAYMARK_OUTBOUND_LEASE above " + seconds(call.duration())
							+ (call.setting() == null ? "." : ", or lower " + call.setting() + "."));
		}
	}

	private static String seconds(Duration duration) {
		return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.settings.enabled() || this.senders.isEmpty()) {
			return;
		}
		this.started = this.clock.instant();
		this.loop.start();
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		this.loop.stop();
	}

	Progress progress() {
		return new Progress(this.started, Map.copyOf(this.lastMoved), Map.copyOf(this.failing), this.unrecorded.size());
	}

	/**
	 * One pass over every channel: claims due rows and sends them; returns how many were
	 * tried.
	 */
	public Mono<Integer> dispatchOnce() {
		// one channel's failure must not cancel another's send in flight
		return recover().then(Flux.fromIterable(this.senders.values())
			.flatMapDelayError(this::dispatch, Math.max(1, this.senders.size()), 1)
			.reduce(0, Integer::sum));
	}

	/**
	 * What an earlier pass left unfinished. Each row on its own: one that still cannot be
	 * recorded (the row itself refused, not the database away) is parked, so it does not
	 * keep the others, or the rest of the queue, waiting.
	 */
	private Mono<Void> recover() {
		return Flux.fromIterable(List.copyOf(this.unrecorded.values()))
			// with the database away the row is not at fault: keep it and try next pass
			.concatMap(left -> record(left.message(), left.sent())
				.onErrorResume(ex -> !databaseAway(ex), ex -> this.queue
					.park(left.message(), "sent, but recording it failed: " + ex.getClass().getSimpleName())
					.then(Mono.fromRunnable(() -> log.warn(
							"Outbound message {} on {}: sent, but recording it failed ({}); parked, not sent again",
							left.message().messageId(), left.message().channel(), ex.getClass().getSimpleName()))))
				.then(Mono.fromRunnable(() -> {
					this.unrecorded.remove(left.message().id());
					moved(left.message());
				}))
				.onErrorResume(ex -> Mono.empty()))
			.thenMany(Flux.fromIterable(List.copyOf(this.orphaned)))
			.concatMap(id -> this.queue.release(id, this.owner)
				.then(Mono.fromRunnable(() -> this.orphaned.remove(id)))
				.onErrorResume(ex -> Mono.empty()))
			.then();
	}

	private Mono<Integer> dispatch(ChannelSender sender) {
		Duration spacing = Duration.ofNanos((long) (1_000_000_000L / Math.max(0.1, sender.messagesPerSecond())));
		Set<Long> open = ConcurrentHashMap.newKeySet();
		return this.queue.claim(sender.channel(), this.settings.batch(), this.owner, this.settings.lease())
			.doOnNext(message -> {
				open.add(message.id());
				this.orphaned.remove(message.id());
			})
			// the whole batch is claimed before the first send, so a claim failing
			// cannot cancel a send in flight (whose outcome would then be unknown)
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap(message -> sendOne(sender, message, spacing).doOnSuccess(tried -> open.remove(message.id())))
			.reduce(0, Integer::sum)
			.doOnSuccess(tried -> this.failing.remove(sender.channel()))
			.doOnError(ex -> {
				this.failing.compute(sender.channel(),
						(channel, was) -> new Failing(was == null ? this.clock.instant() : was.since(),
								ex.getClass().getSimpleName()));
				open.stream().filter(id -> !this.unrecorded.containsKey(id)).forEach(this.orphaned::add);
			});
	}

	/**
	 * Sends one claimed row. A failure to store what became of it stays with that row
	 * (released at the next pass, so tried again) and the batch goes on; only a database
	 * out of reach ends the batch, as every row after would fail the same way.
	 */
	private Mono<Integer> sendOne(ChannelSender sender, QueuedMessage message, Duration spacing) {
		if (this.unrecorded.containsKey(message.id())) {
			// accepted already: never sent again, whatever the database says
			return Mono.just(0);
		}
		return Mono.delay(spacing)
			.then(this.rates.turn(sender, message))
			.flatMap(wait -> wait.isZero() ? send(sender, message).thenReturn(1)
					: this.queue.postpone(message.id(), this.owner, this.clock.instant().plus(wait)).thenReturn(0))
			.onErrorResume(ex -> !databaseAway(ex), ex -> {
				log.warn("Outbound message {} on {}: storing its outcome failed ({}); the rest of the batch goes on",
						message.messageId(), message.channel(), ex.getClass().getSimpleName());
				Metrics.counter("waymark.outbound.failures", "channel", message.channel(), "result", "row_error")
					.increment();
				if (!this.unrecorded.containsKey(message.id())) {
					this.orphaned.add(message.id());
				}
				return Mono.just(1);
			});
	}

	/** Whether the database as a whole is out of reach, not just refusing one row. */
	static boolean databaseAway(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof R2dbcNonTransientResourceException
					|| cause instanceof R2dbcTransientResourceException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A message whose earlier attempt got no answer (the instance died mid-call, or the
	 * call timed out) may already be with the provider, which offers no idempotency key:
	 * the provider is asked first, and the message is sent again only when that attempt
	 * is not found there. Otherwise the attempt is marked in flight (committed) and sent.
	 */
	private Mono<Void> send(ChannelSender sender, QueuedMessage message) {
		if (message.inFlightSince() == null) {
			return attempt(sender, message);
		}
		return sender.findEarlier(message, message.inFlightSince())
			.filterWhen(earlier -> this.queue.providerIdFree(message, earlier.providerId()))
			.next()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.onErrorMap(ex -> !(ex instanceof ChannelSender.LookupFailed),
					ex -> new ChannelSender.LookupFailed(ex.getClass().getSimpleName()))
			.flatMap(earlier -> earlier.isPresent() ? reconciled(message, earlier.get())
					: reconciliation(message, "not_found").then(attempt(sender, message)))
			.onErrorResume(ChannelSender.LookupFailed.class, ex -> reconciliation(message, "error")
				.then(retry(message, "lookup: " + ex.getMessage(), null, true)));
	}

	private Mono<Void> reconciled(QueuedMessage message, ChannelSender.SendResult.Sent earlier) {
		// Two rows may find the same provider message at once; the message log's unique
		// provider id lets one of them record it, and the other looks again later.
		return this.queue.sent(message, earlier.providerId(), earlier.segments())
			.then(reconciliation(message, "found"))
			.doOnSuccess(done -> {
				moved(message);
				log.info("Outbound message {} on {}: an earlier attempt got through; marked sent, not sent again",
						message.messageId(), message.channel());
			})
			.onErrorResume(ex -> retry(message, "reconcile: " + ex.getClass().getSimpleName(), null, true));
	}

	private Mono<Void> reconciliation(QueuedMessage message, String result) {
		return Mono.fromRunnable(() -> Metrics
			.counter("waymark.outbound.reconciliations", "channel", message.channel(), "result", result)
			.increment());
	}

	private Mono<Void> attempt(ChannelSender sender, QueuedMessage message) {
		return this.queue.inFlight(message, this.owner, this.settings.lease())
			.flatMap(ours -> ours ? call(sender, message)
					: Mono.<Void>fromRunnable(() -> log.warn(
							"Outbound message {} on {}: lease lost before sending; left to its new holder",
							message.messageId(), message.channel())));
	}

	private Mono<Void> call(ChannelSender sender, QueuedMessage message) {
		return sender.send(message)
			// an exception may come after the request left: treat it as no answer
			.onErrorResume(ex -> Mono.just(new ChannelSender.SendResult.NoAnswer(ex.getClass().getSimpleName())))
			.flatMap(result -> switch (result) {
				case ChannelSender.SendResult.Sent sent -> record(message, sent).doOnSuccess(done -> moved(message))
					.doOnError(ex -> this.unrecorded.put(message.id(), new Unrecorded(message, sent)));
				case ChannelSender.SendResult.Retry retry -> retry(message, retry.reason(), retry.after(), false);
				case ChannelSender.SendResult.NoAnswer none -> retry(message, none.reason(), null, true);
				case ChannelSender.SendResult.Permanent permanent -> fail(message, permanent.reason());
			});
	}

	/**
	 * Records a message the provider accepted. A provider id the message log cannot take
	 * (one already recorded for another message to the same address: a provider or a
	 * stand-in repeating an id) must not leave the row to be sent again, nor stop the
	 * queue: the send is recorded without it.
	 */
	private Mono<Void> record(QueuedMessage message, ChannelSender.SendResult.Sent sent) {
		return this.queue.sent(message, sent.providerId(), sent.segments())
			.onErrorResume(DataIntegrityViolationException.class, ex -> {
				log.warn(
						"Outbound message {} on {}: sent, but the message log would not take its provider id "
								+ "(already recorded for another message); recorded without it",
						message.messageId(), message.channel());
				Metrics.counter("waymark.outbound.failures", "channel", message.channel(), "result", "id_clash")
					.increment();
				return this.queue.sentWithoutProviderId(message, sent.segments(),
						"sent; provider id " + sent.providerId() + " already recorded for another message, not kept");
			});
	}

	private void moved(QueuedMessage message) {
		this.lastMoved.put(message.channel(), this.clock.instant());
	}

	private Mono<Void> retry(QueuedMessage message, String reason, Duration after, boolean outcomeUnknown) {
		Metrics.counter("waymark.outbound.failures", "channel", message.channel(), "result", "retry").increment();
		int attempt = message.attempts() + 1;
		if (attempt >= this.settings.maxAttempts()) {
			return fail(message, "gave up after " + attempt + " tries: " + reason);
		}
		Duration backoff = this.settings.firstBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
		if (backoff.compareTo(this.settings.maxBackoff()) > 0) {
			backoff = this.settings.maxBackoff();
		}
		if (after != null && after.compareTo(backoff) > 0) {
			backoff = after;
		}
		Instant next = this.clock.instant().plus(backoff);
		return this.queue.retryAt(message, reason, next, outcomeUnknown);
	}

	private Mono<Void> fail(QueuedMessage message, String reason) {
		Metrics.counter("waymark.outbound.failures", "channel", message.channel(), "result", "failed").increment();
		log.warn("Outbound message {} on {} failed for good: {}", message.messageId(), message.channel(), reason);
		return this.queue.failed(message, reason).then(Mono.fromRunnable(() -> {
			moved(message);
			if (message.purpose().failureNeedsAHuman()) {
				this.events.publishEvent(new DeliveryFailed(message.messageId(), message.channel(), message.purpose(),
						message.youngPersonId(), message.workerId(), reason));
			}
		}));
	}

}
