package app.waymark.alert;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import app.waymark.system.Sql;
import app.waymark.people.Allocations;
import app.waymark.people.Worker;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Raises, finds and acknowledges alerts. Every step of an alert's life is written to
 * {@code alert_event} with its time, so "who knew what when" can be answered later.
 */
@Component
public class Alerts {

	static final String COLUMNS = "id, young_person_id, level, reason, category, message_id, status, worker_id, "
			+ "acknowledged_by, created_at, acknowledged_at, escalate_at, escalated_at, repeat_count, last_raised_at, "
			+ "detected_by, evidence";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final Allocations allocations;

	private final AlertSettings settings;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public Alerts(DatabaseClient db, TransactionalOperator transaction, Allocations allocations, AlertSettings settings,
			ApplicationEventPublisher events, Clock clock) {
		this.db = db;
		this.transaction = transaction;
		this.allocations = allocations;
		this.settings = settings;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Stores the alert, addressed to the worker responsible for the young person now
	 * (their own worker, or the duty worker when they are away), and publishes
	 * {@link AlertRaised} for delivery. URGENT alerts get an escalation time.
	 *
	 * <p>
	 * An alert about something a person sent, while an alert about the same sender for
	 * the same reason and level is open and was raised within the repeat window, is
	 * counted on that one ({@code repeat_count}, a REPEATED step) and sent to nobody: ten
	 * messages in a row are one alert to act on, not ten texts to the worker. The sender
	 * is the young person; for a stranger the channel address, or on the public web chat
	 * the client's network address (each message there may claim a new conversation). An
	 * acknowledged alert never absorbs a new one.
	 */
	public Mono<Alert> raise(NewAlert alert) {
		return senderKey(alert).flatMap(key -> repeat(alert, key).switchIfEmpty(Mono.defer(() -> insert(alert, key))))
			.switchIfEmpty(Mono.defer(() -> insert(alert, null)));
	}

	/** Who an alert about a message is about, or empty for an alert about no message. */
	private Mono<String> senderKey(NewAlert alert) {
		if (alert.messageId() == null) {
			return Mono.empty();
		}
		if (alert.youngPersonId() != null) {
			return Mono.just("young-person:" + alert.youngPersonId());
		}
		if (alert.client() != null) {
			return Mono.just("client:" + alert.client());
		}
		return this.db.sql("select channel, address_hash from message where id = :id")
			.bind("id", alert.messageId())
			.map(row -> row.get("channel", String.class) + ":" + row.get("address_hash", String.class))
			.one();
	}

	private Mono<Alert> repeat(NewAlert alert, String senderKey) {
		OffsetDateTime now = now();
		Mono<Alert> counted = this.db
			.sql("select id from alert where sender_key = :key and level = :level and reason = :reason "
					+ "and status in ('OPEN', 'ESCALATED') and last_raised_at >= :since order by id desc limit 1")
			.bind("key", senderKey)
			.bind("level", alert.level().name())
			.bind("reason", alert.reason())
			.bind("since", now.minus(this.settings.repeatWindow()))
			.map(row -> row.get("id", Long.class))
			.one()
			.flatMap(id -> this.db
				.sql("update alert set repeat_count = repeat_count + 1, last_raised_at = :now "
						+ "where id = :id and status in ('OPEN', 'ESCALATED')")
				.bind("now", now)
				.bind("id", id)
				.fetch()
				.rowsUpdated()
				.filter(updated -> updated == 1)
				.flatMap(updated -> step(id, "REPEATED", null,
						"message " + alert.messageId() + (alert.category() != null ? " " + alert.category() : "")))
				.then(find(id)));
		return this.transaction.transactional(counted);
	}

	private Mono<Alert> insert(NewAlert alert, String senderKey) {
		Mono<Long> worker = alert.youngPersonId() == null ? Mono.empty()
				: this.allocations.responsibleWorker(alert.youngPersonId()).map(Worker::id);
		return worker.map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()).flatMap(workerId -> {
			OffsetDateTime now = now();
			OffsetDateTime escalateAt = alert.level() == AlertLevel.URGENT ? now.plus(this.settings.escalateAfter())
					: null;
			DatabaseClient.GenericExecuteSpec insert = this.db
				.sql("insert into alert (young_person_id, level, reason, category, message_id, status, worker_id, "
						+ "created_at, escalate_at, last_raised_at, sender_key, detected_by, evidence) values "
						+ "(:youngPersonId, :level, :reason, :category, :messageId, 'OPEN', :workerId, :now, :escalateAt, "
						+ ":now, :senderKey, :detectedBy, :evidence)")
				.bind("level", alert.level().name())
				.bind("reason", alert.reason())
				.bind("now", now);
			insert = Sql.bindNullable(insert, "youngPersonId", alert.youngPersonId(), Long.class);
			insert = Sql.bindNullable(insert, "category", alert.category(), String.class);
			insert = Sql.bindNullable(insert, "messageId", alert.messageId(), Long.class);
			insert = Sql.bindNullable(insert, "workerId", workerId.orElse(null), Long.class);
			insert = Sql.bindNullable(insert, "escalateAt", escalateAt, OffsetDateTime.class);
			insert = Sql.bindNullable(insert, "senderKey", senderKey, String.class);
			insert = Sql.bindNullable(insert, "detectedBy", alert.detectedBy(), String.class);
			insert = Sql.bindNullable(insert, "evidence", alert.evidence(), String.class);
			Mono<Alert> stored = insert.filter(statement -> statement.returnGeneratedValues("id"))
				.map(row -> row.get("id", Long.class))
				.one()
				.flatMap(id -> step(id, "RAISED", workerId.orElse(null), alert.reason()).then(find(id)));
			return this.transaction.transactional(stored)
				.doOnNext(raised -> this.events.publishEvent(new AlertRaised(raised.id())));
		});
	}

	/**
	 * Addresses a young person's open alerts to the worker who now holds them (a
	 * REASSIGNED step) and sends each to that worker: an alert still waiting for someone
	 * must reach whoever is responsible now, and the former worker no longer sees it.
	 * @return the alerts moved
	 */
	public Flux<Long> followAllocation(long youngPersonId, long workerId) {
		return this.db
			.sql("select id from alert where young_person_id = :youngPerson and status in ('OPEN', 'ESCALATED') "
					+ "and (worker_id is null or worker_id <> :worker) order by id")
			.bind("youngPerson", youngPersonId)
			.bind("worker", workerId)
			.map(row -> row.get("id", Long.class))
			.all()
			.concatMap(id -> reassign(id, workerId));
	}

	private Mono<Long> reassign(long id, long workerId) {
		return this.transaction
			.transactional(this.db
				.sql("update alert set worker_id = :worker where id = :id and status in ('OPEN', 'ESCALATED')")
				.bind("worker", workerId)
				.bind("id", id)
				.fetch()
				.rowsUpdated()
				.filter(updated -> updated == 1)
				.flatMap(updated -> step(id, "REASSIGNED", workerId, "allocation changed"))
				.thenReturn(id))
			.doOnNext(moved -> this.events.publishEvent(new AlertRaised(moved)));
	}

	/**
	 * Catches up reallocations whose {@code Reallocated} event was lost (a failed write,
	 * a crash between the allocation and the move): an open alert raised before its young
	 * person's current allocation began, not yet moved since, and held by someone else
	 * follows it as {@link #followAllocation} would have. The allocation row is the
	 * durable record; this reads it again. An alert given to the duty worker after the
	 * allocation began is left alone.
	 * @return how many alerts moved
	 */
	public Mono<Long> followAllocations() {
		return this.db.sql("select a.id, al.worker_id from alert a join allocation al "
				+ "on al.young_person_id = a.young_person_id and al.ends_at is null "
				+ "where a.status in ('OPEN', 'ESCALATED') and (a.worker_id is null or a.worker_id <> al.worker_id) "
				+ "and a.created_at < al.starts_at and not exists (select 1 from alert_event e "
				+ "where e.alert_id = a.id and e.step = 'REASSIGNED' and e.at >= al.starts_at)")
			.map(row -> new long[] { row.get("id", Long.class), row.get("worker_id", Long.class) })
			.all()
			.concatMap(moved -> reassign(moved[0], moved[1]))
			.count();
	}

	public Mono<Alert> find(long id) {
		return this.db.sql("select " + COLUMNS + " from alert where id = :id").bind("id", id).map(Alerts::map).one();
	}

	/**
	 * Marks an open alert acknowledged by a worker.
	 * @return whether it was open (false: already acknowledged, or no such alert)
	 */
	public Mono<Boolean> acknowledge(long alertId, long workerId, String how) {
		OffsetDateTime now = now();
		return this.transaction.transactional(this.db
			.sql("update alert set status = 'ACKNOWLEDGED', acknowledged_by = :workerId, acknowledged_at = :now "
					+ "where id = :id and status in ('OPEN', 'ESCALATED')")
			.bind("workerId", workerId)
			.bind("now", now)
			.bind("id", alertId)
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated == 1 ? step(alertId, "ACKNOWLEDGED", workerId, how).thenReturn(true)
					: Mono.just(false)));
	}

	/** Records one step of an alert's life (SENT, DELIVERED, ESCALATED, ...). */
	public Mono<Void> step(long alertId, String step, Long workerId, String detail) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into alert_event (alert_id, step, worker_id, detail, at) "
					+ "values (:alertId, :step, :workerId, :detail, :now)")
			.bind("alertId", alertId)
			.bind("step", step)
			.bind("now", now());
		insert = Sql.bindNullable(insert, "workerId", workerId, Long.class);
		insert = Sql.bindNullable(insert, "detail", detail, String.class);
		return insert.then();
	}

	/** The steps of one alert, oldest first. */
	public Flux<AlertStep> steps(long alertId) {
		return this.db.sql("select step, worker_id, detail, at from alert_event where alert_id = :id order by at, id")
			.bind("id", alertId)
			.map(row -> new AlertStep(row.get("step", String.class), row.get("worker_id", Long.class),
					row.get("detail", String.class), row.get("at", OffsetDateTime.class)))
			.all();
	}

	public record AlertStep(String step, Long workerId, String detail, OffsetDateTime at) {
	}

	static Alert map(io.r2dbc.spi.Readable row) {
		return new Alert(row.get("id", Long.class), row.get("young_person_id", Long.class),
				AlertLevel.valueOf(row.get("level", String.class)), row.get("reason", String.class),
				row.get("category", String.class), row.get("message_id", Long.class), row.get("status", String.class),
				row.get("worker_id", Long.class), row.get("acknowledged_by", Long.class),
				row.get("created_at", OffsetDateTime.class), row.get("acknowledged_at", OffsetDateTime.class),
				row.get("escalate_at", OffsetDateTime.class), row.get("escalated_at", OffsetDateTime.class),
				row.get("repeat_count", Integer.class), row.get("last_raised_at", OffsetDateTime.class),
				row.get("detected_by", String.class), row.get("evidence", String.class));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
