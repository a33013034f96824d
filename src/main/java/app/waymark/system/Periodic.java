package app.waymark.system;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A pass repeated on a schedule until stopped. A failed pass is logged (its exception's
 * type only: a message could carry personal data) and the next one runs as planned; a
 * pass never overlaps the one before, a tick that comes while a pass runs is dropped.
 * Built when its owner is; {@link #start()} begins the schedule, {@link #stop()} ends it
 * and may be called whether or not it ever started. Passes are counted by outcome
 * ({@code waymark_scheduled_passes_total{task, outcome}}, the task named after the
 * logger's class), so an alert can see a schedule failing or stalled.
 */
public final class Periodic {

	private final Duration first;

	private final Duration every;

	private final Logger log;

	private final String failed;

	private final Supplier<? extends Mono<?>> pass;

	private final Scheduler scheduler;

	private final Counter succeeded;

	private final Counter failures;

	private volatile Disposable loop;

	/**
	 * Repeats {@code pass} every {@code every}, the first time one interval after
	 * {@link #start()}; a failure is logged to {@code log} as "{@code failed}: type".
	 */
	public Periodic(Duration every, Logger log, String failed, Supplier<? extends Mono<?>> pass) {
		this(every, every, log, failed, pass, Schedulers.parallel());
	}

	/** As above, the first pass {@code first} after {@link #start()}. */
	public Periodic(Duration first, Duration every, Logger log, String failed, Supplier<? extends Mono<?>> pass) {
		this(first, every, log, failed, pass, Schedulers.parallel());
	}

	Periodic(Duration first, Duration every, Logger log, String failed, Supplier<? extends Mono<?>> pass,
			Scheduler scheduler) {
		this.first = first;
		this.every = every;
		this.log = log;
		this.failed = failed;
		this.pass = pass;
		this.scheduler = scheduler;
		// made now, at zero, so that a rate or an increase can be taken from the first
		// pass
		String task = log.getName().substring(log.getName().lastIndexOf('.') + 1);
		this.succeeded = Metrics.counter("waymark.scheduled.passes", "task", task, "outcome", "ok");
		this.failures = Metrics.counter("waymark.scheduled.passes", "task", task, "outcome", "failed");
	}

	public synchronized void start() {
		if (this.loop != null) {
			return;
		}
		this.loop = Flux.interval(this.first, this.every, this.scheduler)
			.onBackpressureDrop()
			// defer: a pass that throws before returning its Mono fails like any other
			.concatMap(
					tick -> Mono.defer(this.pass).doOnSuccess(done -> this.succeeded.increment()).onErrorResume(ex -> {
						this.failures.increment();
						this.log.warn("{}: {}", this.failed, ex.getClass().getSimpleName());
						return Mono.empty();
					}), 1)
			.subscribe();
	}

	public synchronized void stop() {
		if (this.loop != null) {
			this.loop.dispose();
			this.loop = null;
		}
	}

}
