package app.waymark.system;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodicTests {

	private static final Duration EVERY = Duration.ofSeconds(10);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final AtomicInteger passes = new AtomicInteger();

	private Periodic periodic;

	@AfterEach
	void stop() {
		if (this.periodic != null) {
			this.periodic.stop();
		}
		this.time.dispose();
	}

	private Periodic every(Duration first, Supplier<Mono<?>> pass) {
		this.periodic = new Periodic(first, EVERY, LoggerFactory.getLogger(PeriodicTests.class), "Test pass failed",
				pass, this.time);
		return this.periodic;
	}

	private void after(Duration duration) {
		this.time.advanceTimeBy(duration);
	}

	@Test
	void firstPassComesAfterTheFirstDelayThenEveryInterval() {
		every(EVERY, () -> Mono.fromRunnable(this.passes::incrementAndGet)).start();
		after(EVERY.minusSeconds(1));
		assertThat(this.passes).hasValue(0);
		after(Duration.ofSeconds(1));
		assertThat(this.passes).hasValue(1);
		after(EVERY.multipliedBy(3));
		assertThat(this.passes).hasValue(4);
	}

	@Test
	void withNoFirstDelayThePassRunsAtOnce() {
		every(Duration.ZERO, () -> Mono.fromRunnable(this.passes::incrementAndGet)).start();
		after(Duration.ZERO);
		assertThat(this.passes).hasValue(1);
	}

	@Test
	void aFailedPassDoesNotStopLaterOnes() {
		every(EVERY,
				() -> this.passes.incrementAndGet() == 1 ? Mono.error(new IllegalStateException("boom")) : Mono.empty())
			.start();
		after(EVERY.multipliedBy(3));
		assertThat(this.passes).hasValue(3);
	}

	@Test
	void aPassThatThrowsBeforeReturningDoesNotStopLaterOnes() {
		every(EVERY, () -> {
			if (this.passes.incrementAndGet() == 1) {
				throw new IllegalStateException("boom");
			}
			return Mono.empty();
		}).start();
		after(EVERY.multipliedBy(3));
		assertThat(this.passes).hasValue(3);
	}

	@Test
	void passesAreCountedByOutcomeUnderTheLoggersClassName() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Metrics.addRegistry(registry);
		try {
			this.periodic = new Periodic(EVERY, EVERY, LoggerFactory.getLogger("app.waymark.example.CountedTask"),
					"Counted pass failed", () -> this.passes.incrementAndGet() % 3 == 0
							? Mono.error(new IllegalStateException("boom")) : Mono.empty(),
					this.time);
			assertThat(registry.get("waymark.scheduled.passes").tag("task", "CountedTask").counters())
				.as("both outcomes exist before the first pass")
				.hasSize(2);
			this.periodic.start();
			after(EVERY.multipliedBy(6));
			assertThat(registry.get("waymark.scheduled.passes")
				.tags("task", "CountedTask", "outcome", "ok")
				.counter()
				.count()).isEqualTo(4);
			assertThat(registry.get("waymark.scheduled.passes")
				.tags("task", "CountedTask", "outcome", "failed")
				.counter()
				.count()).isEqualTo(2);
		}
		finally {
			Metrics.removeRegistry(registry);
		}
	}

	@Test
	void passesNeverOverlap() {
		AtomicInteger running = new AtomicInteger();
		AtomicInteger most = new AtomicInteger();
		// each pass takes three and a half intervals
		every(EVERY, () -> Mono.fromRunnable(() -> {
			this.passes.incrementAndGet();
			most.accumulateAndGet(running.incrementAndGet(), Math::max);
		}).then(Mono.delay(EVERY.multipliedBy(7).dividedBy(2), this.time)).doOnTerminate(running::decrementAndGet))
			.start();
		after(EVERY.multipliedBy(20));
		assertThat(most).hasValue(1);
		// ticks that come while a pass runs are dropped, not queued up
		assertThat(this.passes.get()).isBetween(5, 7);
	}

	@Test
	void stopEndsTheSchedule() {
		Periodic periodic = every(EVERY, () -> Mono.fromRunnable(this.passes::incrementAndGet));
		periodic.start();
		after(EVERY.multipliedBy(2));
		periodic.stop();
		after(EVERY.multipliedBy(5));
		assertThat(this.passes).hasValue(2);
	}

	@Test
	void stopBeforeStartAndStartTwiceAreHarmless() {
		Periodic periodic = every(EVERY, () -> Mono.fromRunnable(this.passes::incrementAndGet));
		periodic.stop();
		periodic.start();
		periodic.start();
		after(EVERY.multipliedBy(2));
		assertThat(this.passes).hasValue(2);
	}

}
