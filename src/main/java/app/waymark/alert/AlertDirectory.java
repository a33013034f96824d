package app.waymark.alert;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;

import app.waymark.people.Role;
import app.waymark.people.Worker;
import app.waymark.system.Sealer;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What delivering an alert needs to know: workers and their own verified channel
 * addresses, who covers a team, the young person's name and the message that raised it.
 * Addresses come only from {@code channel_identity} rows a worker linked with a code, so
 * an alert never goes to an address nobody verified.
 */
@Component
class AlertDirectory {

	private static final String WORKER = "select w.id, w.name, w.email, w.role, w.team, w.alert_channels, "
			+ "w.working_hours, w.on_duty, w.active from worker w ";

	private static final String PRESENT = "w.active and not exists (select 1 from worker_absence b "
			+ "where b.worker_id = w.id and b.starts_on <= :today and b.ends_on >= :today)";

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Clock clock;

	AlertDirectory(DatabaseClient db, Sealer sealer, Clock clock) {
		this.db = db;
		this.sealer = sealer;
		this.clock = clock;
	}

	/** Who it is about, as a worker should read it. */
	record Subject(String name, String team) {
	}

	Mono<Worker> worker(long id) {
		return this.db.sql(WORKER + "where w.id = :id").bind("id", id).map(AlertDirectory::mapWorker).one();
	}

	Mono<Worker> workerByEmail(String email) {
		return this.db.sql(WORKER + "where lower(w.email) = lower(:email) and w.active")
			.bind("email", email)
			.map(AlertDirectory::mapWorker)
			.one();
	}

	/** Every on-duty worker present today, for alerts nobody holds. */
	Flux<Worker> onDuty() {
		return this.db.sql(WORKER + "where w.on_duty and " + PRESENT + " order by w.id")
			.bind("today", today())
			.map(AlertDirectory::mapWorker)
			.all();
	}

	/** A team's on-duty workers and managers present today. */
	Flux<Worker> teamCover(String team) {
		return this.db
			.sql(WORKER + "where w.team = :team and (w.on_duty or w.role = '" + Role.MANAGER.name() + "') and "
					+ PRESENT + " order by w.id")
			.bind("team", team)
			.bind("today", today())
			.map(AlertDirectory::mapWorker)
			.all();
	}

	/** The worker's own linked, reachable addresses by channel ("sms", "telegram"). */
	Mono<Map<String, String>> addresses(long workerId) {
		return this.db
			.sql("select channel, address_sealed from channel_identity where worker_id = :id "
					+ "and unreachable_at is null order by verified_at")
			.bind("id", workerId)
			.map(row -> Map.entry(row.get("channel", String.class),
					this.sealer.open(row.get("address_sealed", String.class))))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	Mono<Subject> subject(long youngPersonId) {
		return this.db.sql("select coalesce(preferred_name, name) as n, team from young_person where id = :id")
			.bind("id", youngPersonId)
			.map(row -> new Subject(row.get("n", String.class), row.get("team", String.class)))
			.one();
	}

	/** The text of the message behind an alert; empty once past retention. */
	Mono<String> messageText(long messageId) {
		return this.db.sql("select body_sealed from message where id = :id")
			.bind("id", messageId)
			.map(row -> java.util.Optional.ofNullable(row.get("body_sealed", String.class)))
			.one()
			.flatMap(sealed -> Mono.justOrEmpty(sealed.map(this.sealer::open)));
	}

	/** Whether the alert was ever sent to this worker (first or on escalation). */
	Mono<Boolean> wasSentTo(long alertId, long workerId) {
		return this.db.sql("select 1 from alert_event where alert_id = :id and worker_id = :worker and step = 'SENT'")
			.bind("id", alertId)
			.bind("worker", workerId)
			.map(row -> true)
			.first()
			.defaultIfEmpty(false);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock);
	}

	static Worker mapWorker(Readable row) {
		return new Worker(row.get("id", Long.class), row.get("name", String.class), row.get("email", String.class),
				Role.valueOf(row.get("role", String.class)), row.get("team", String.class),
				row.get("alert_channels", String.class), row.get("working_hours", String.class),
				row.get("on_duty", Boolean.class), row.get("active", Boolean.class));
	}

}
