package app.waymark.people;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import app.waymark.system.Sql;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Who holds whom, with history. A young person always has someone responsible: their
 * allocated worker, or when there is none or that worker is absent today, their team's
 * on-duty worker.
 */
@Component
public class Allocations {

	/**
	 * One allocation, open while {@code endsAt} is null.
	 *
	 * @param id the allocation
	 * @param youngPersonId who is held
	 * @param workerId by whom
	 * @param startsAt from when
	 * @param endsAt until when, or null for the current one
	 */
	public record Allocation(long id, long youngPersonId, long workerId, OffsetDateTime startsAt,
			OffsetDateTime endsAt) {
	}

	private static final String NOT_ABSENT = "not exists (select 1 from worker_absence b where b.worker_id = w.id "
			+ "and b.starts_on <= :today and b.ends_on >= :today)";

	private final DatabaseClient db;

	private final Clock clock;

	private final ApplicationEventPublisher events;

	public Allocations(DatabaseClient db, Clock clock) {
		this(db, clock, event -> {
		});
	}

	@Autowired
	public Allocations(DatabaseClient db, Clock clock, ApplicationEventPublisher events) {
		this.db = db;
		this.clock = clock;
		this.events = events;
	}

	/**
	 * The worker to tell about this young person now: the allocated worker if present
	 * today, otherwise their team's on-duty worker who is not absent; empty if neither
	 * exists.
	 */
	public Mono<Worker> responsibleWorker(long youngPersonId) {
		LocalDate today = LocalDate.now(this.clock);
		Mono<Worker> allocated = this.db
			.sql("select " + Workers.COLUMNS + " from allocation a join worker w on w.id = a.worker_id "
					+ "where a.young_person_id = :id and a.ends_at is null and w.active and " + NOT_ABSENT)
			.bind("id", youngPersonId)
			.bind("today", today)
			.map(Workers::map)
			.first();
		Mono<Worker> duty = this.db
			.sql("select " + Workers.COLUMNS + " from young_person y join worker w on w.team = y.team "
					+ "where y.id = :id and w.on_duty and w.active and " + NOT_ABSENT + " order by w.id")
			.bind("id", youngPersonId)
			.bind("today", today)
			.map(Workers::map)
			.first();
		return allocated.switchIfEmpty(duty);
	}

	/**
	 * Allocates a young person to a worker, closing the open allocation; nothing changes
	 * when they already hold the case. A move from one worker to another is announced
	 * ({@link Reallocated}) once it is stored.
	 * @return whether anything changed
	 */
	public Mono<Boolean> allocate(long youngPersonId, long workerId) {
		OffsetDateTime now = Sql.now(this.clock);
		return current(youngPersonId).map(Allocation::workerId).defaultIfEmpty(-1L).flatMap(currentWorker -> {
			if (currentWorker == workerId) {
				return Mono.just(false);
			}
			return this.db.sql("update allocation set ends_at = :now where young_person_id = :id and ends_at is null")
				.bind("now", now)
				.bind("id", youngPersonId)
				.then()
				.then(this.db
					.sql("insert into allocation (young_person_id, worker_id, starts_at) "
							+ "values (:id, :worker, :now)")
					.bind("id", youngPersonId)
					.bind("worker", workerId)
					.bind("now", now)
					.then())
				.then(Mono.fromRunnable(() -> {
					if (currentWorker != -1L) {
						this.events.publishEvent(new Reallocated(youngPersonId, workerId));
					}
				}))
				.thenReturn(true);
		});
	}

	public Mono<Allocation> current(long youngPersonId) {
		return this.db
			.sql("select id, young_person_id, worker_id, starts_at, ends_at from allocation "
					+ "where young_person_id = :id and ends_at is null order by id desc")
			.bind("id", youngPersonId)
			.map(Allocations::map)
			.first();
	}

	public Flux<Allocation> history(long youngPersonId) {
		return this.db
			.sql("select id, young_person_id, worker_id, starts_at, ends_at from allocation "
					+ "where young_person_id = :id order by starts_at, id")
			.bind("id", youngPersonId)
			.map(Allocations::map)
			.all();
	}

	private static Allocation map(io.r2dbc.spi.Readable row) {
		return new Allocation(row.get("id", Long.class), row.get("young_person_id", Long.class),
				row.get("worker_id", Long.class), row.get("starts_at", OffsetDateTime.class),
				row.get("ends_at", OffsetDateTime.class));
	}

}
