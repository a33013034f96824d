package app.waymark.system;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database, because every instance shares the queue and the alerts:
 * queued outbound messages and the age of the oldest, open alerts and unacknowledged
 * urgent ones. Refreshed on a timer so a scrape never waits on the database.
 */
@Component
public class OperationsMetrics {

	private static final Logger log = LoggerFactory.getLogger(OperationsMetrics.class);

	static final Duration REFRESH = Duration.ofSeconds(15);

	private final DatabaseClient db;

	private final Clock clock;

	private final AtomicLong queued = new AtomicLong();

	private final AtomicLong oldestQueuedSeconds = new AtomicLong();

	private final AtomicLong openAlerts = new AtomicLong();

	private final AtomicLong unacknowledgedUrgent = new AtomicLong();

	private final Periodic loop = new Periodic(Duration.ZERO, REFRESH, log, "Could not refresh operations metrics",
			this::refresh);

	public OperationsMetrics(DatabaseClient db, Clock clock, MeterRegistry registry) {
		this.db = db;
		this.clock = clock;
		Gauge.builder("waymark.outbound.queued", this.queued, AtomicLong::get)
			.description("Outbound messages waiting to be sent")
			.register(registry);
		Gauge.builder("waymark.outbound.oldest.age", this.oldestQueuedSeconds, AtomicLong::get)
			.baseUnit("seconds")
			.description("Age of the oldest queued outbound message")
			.register(registry);
		Gauge.builder("waymark.alerts.open", this.openAlerts, AtomicLong::get)
			.description("Alerts not yet acknowledged")
			.register(registry);
		Gauge.builder("waymark.alerts.urgent.unacknowledged", this.unacknowledgedUrgent, AtomicLong::get)
			.description("URGENT alerts not yet acknowledged")
			.register(registry);
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.loop.start();
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		this.loop.stop();
	}

	public Mono<Void> refresh() {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		Mono<Void> queue = this.db
			.sql("select count(*) as n, min(created_at) as oldest from outbound where status = 'QUEUED'")
			.map(row -> {
				this.queued.set(((Number) row.get("n")).longValue());
				OffsetDateTime oldest = row.get("oldest", OffsetDateTime.class);
				this.oldestQueuedSeconds
					.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds()));
				return true;
			})
			.one()
			.then();
		Mono<Void> alerts = this.db
			.sql("select count(*) as n, coalesce(sum(case when level = 'URGENT' then 1 else 0 end), 0) as urgent "
					+ "from alert where status in ('OPEN', 'ESCALATED')")
			.map(row -> {
				this.openAlerts.set(((Number) row.get("n")).longValue());
				this.unacknowledgedUrgent.set(((Number) row.get("urgent")).longValue());
				return true;
			})
			.one()
			.then();
		return queue.then(alerts);
	}

}
