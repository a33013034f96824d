package app.waymark.alert;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import app.waymark.people.Worker;
import app.waymark.system.Periodic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Escalates URGENT alerts nobody acknowledged in time: in the responsible worker's
 * working hours on a weekday to their team's duty worker and manager, otherwise to the
 * out-of-hours contact.
 *
 * <p>
 * Several instances may run this. An alert is claimed by a compare-and-set of its lease
 * (as {@code OutboundQueue.claim} does), sent, and only then marked ESCALATED by the
 * lease holder; a crashed instance's lease runs out and another finishes the job.
 */
@Component
class AlertEscalation {

	private static final Logger log = LoggerFactory.getLogger(AlertEscalation.class);

	static final Duration LEASE = Duration.ofMinutes(5);

	/**
	 * How long the event-driven first delivery gets before the sweep sends it instead.
	 */
	static final Duration MISSED_AFTER = Duration.ofMinutes(1);

	private final DatabaseClient db;

	private final Alerts alerts;

	private final AlertDelivery delivery;

	private final AlertDirectory directory;

	private final AlertSettings settings;

	private final Clock clock;

	private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	private final Periodic loop;

	AlertEscalation(DatabaseClient db, Alerts alerts, AlertDelivery delivery, AlertDirectory directory,
			AlertSettings settings, Clock clock) {
		this.db = db;
		this.alerts = alerts;
		this.delivery = delivery;
		this.directory = directory;
		this.settings = settings;
		this.clock = clock;
		this.loop = new Periodic(settings.escalationInterval(), log, "Alert escalation failed",
				() -> this.alerts.followAllocations().then(deliverMissed()).then(escalateDue()));
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		Duration interval = this.settings.escalationInterval();
		if (interval == null || interval.isZero() || interval.isNegative()) {
			return;
		}
		this.loop.start();
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		this.loop.stop();
	}

	/**
	 * Sends alerts whose first delivery never happened: delivery starts from an
	 * in-process event, so a crash between raising and queuing would otherwise leave a
	 * NORMAL alert unsent for ever. An alert counts as delivered once it has any delivery
	 * step.
	 */
	Mono<Integer> deliverMissed() {
		OffsetDateTime now = now();
		return this.db.sql("select a.id from alert a where a.status = 'OPEN' and a.created_at <= :cutoff "
				+ "and (a.lease_until is null or a.lease_until < :now) and not exists (select 1 from alert_event e "
				+ "where e.alert_id = a.id and e.step in ('SENT', 'NOT_SENT', 'SEND_FAILED')) order by a.id limit 50")
			.bind("cutoff", now.minus(MISSED_AFTER))
			.bind("now", now)
			.map(row -> row.get("id", Long.class))
			.all()
			.concatMap(id -> claim(id, now).filter(Boolean::booleanValue)
				.flatMap(claimed -> this.delivery.deliverFirst(id))
				.thenReturn(1))
			.reduce(0, Integer::sum);
	}

	/** One pass: escalates every overdue URGENT alert this instance can claim. */
	Mono<Integer> escalateDue() {
		OffsetDateTime now = now();
		return this.db
			.sql("select id from alert where status = 'OPEN' and level = 'URGENT' and escalate_at <= :now "
					+ "and (lease_until is null or lease_until < :now) order by escalate_at, id limit 50")
			.bind("now", now)
			.map(row -> row.get("id", Long.class))
			.all()
			.concatMap(id -> claim(id, now).filter(Boolean::booleanValue).flatMap(claimed -> escalate(id)))
			.reduce(0, Integer::sum);
	}

	private Mono<Boolean> claim(long id, OffsetDateTime now) {
		return this.db
			.sql("update alert set lease_owner = :owner, lease_until = :until where id = :id and status = 'OPEN' "
					+ "and (lease_until is null or lease_until < :now)")
			.bind("owner", this.owner)
			.bind("until", now.plus(LEASE))
			.bind("id", id)
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			.map(updated -> updated == 1);
	}

	private Mono<Integer> escalate(long id) {
		return this.alerts.find(id).flatMap(alert -> {
			Mono<Worker> responsible = alert.workerId() == null ? Mono.empty()
					: this.directory.worker(alert.workerId());
			Mono<String> team = alert.youngPersonId() == null ? Mono.empty()
					: this.directory.subject(alert.youngPersonId()).mapNotNull(AlertDirectory.Subject::team);
			return responsible.map(java.util.Optional::of)
				.defaultIfEmpty(java.util.Optional.empty())
				.zipWith(team.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
				.flatMap(both -> {
					Worker worker = both.getT1().orElse(null);
					String teamName = both.getT2().orElse(worker != null ? worker.team() : null);
					boolean inHours = inWorkingHours(worker != null ? worker.workingHours() : null);
					Mono<List<Worker>> cover = !inHours || teamName == null ? Mono.just(List.of())
							: this.directory.teamCover(teamName)
								.filter(w -> alert.workerId() == null || w.id() != alert.workerId())
								.collectList();
					return cover.flatMap(workers -> {
						boolean outOfHours = workers.isEmpty();
						return this.delivery.deliver(alert, workers, outOfHours, true)
							.flatMap(sent -> markEscalated(alert, outOfHours ? "out of hours" : "duty and manager")
								.thenReturn(1));
					});
				});
		});
	}

	private Mono<Void> markEscalated(Alert alert, String detail) {
		OffsetDateTime now = now();
		return this.db
			.sql("update alert set status = 'ESCALATED', escalated_at = :now, lease_until = null "
					+ "where id = :id and status = 'OPEN' and lease_owner = :owner")
			.bind("now", now)
			.bind("id", alert.id())
			.bind("owner", this.owner)
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated == 1 ? this.alerts.step(alert.id(), "ESCALATED", null, detail) : Mono.empty());
	}

	/**
	 * Weekdays within "HH:mm-HH:mm" in the configured zone; 09:00-17:00 if unreadable.
	 */
	boolean inWorkingHours(String hours) {
		ZonedDateTime local = ZonedDateTime.ofInstant(this.clock.instant(), this.settings.zone());
		if (local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getDayOfWeek() == DayOfWeek.SUNDAY) {
			return false;
		}
		LocalTime start = LocalTime.of(9, 0);
		LocalTime end = LocalTime.of(17, 0);
		if (hours != null && hours.matches("\\d{1,2}:\\d{2}-\\d{1,2}:\\d{2}")) {
			String[] parts = hours.split("-");
			try {
				start = LocalTime.parse(pad(parts[0]));
				end = LocalTime.parse(pad(parts[1]));
			}
			catch (java.time.format.DateTimeParseException ex) {
				// keep the default
			}
		}
		LocalTime time = local.toLocalTime();
		return !time.isBefore(start) && time.isBefore(end);
	}

	private static String pad(String time) {
		return time.length() == 4 ? "0" + time : time;
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
