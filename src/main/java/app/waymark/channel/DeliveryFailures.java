package app.waymark.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import app.waymark.system.Periodic;
import app.waymark.system.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The outbox of what a person must hear about when a message cannot reach someone
 * ({@code delivery_failure}): deliveries that failed for good, written by
 * {@link OutboundQueue#failed} in the failure's own transaction, and chats that can no
 * longer be reached, written by {@link #record(ChatUnreachable)} in the caller's. Each
 * row is handed to every {@link DeliveryFailureHandler} and removed once all have
 * succeeded. A row whose handling fails stays and is tried again later, on whichever
 * instance claims it first, so a DELIVERY_FAILED or UNREACHABLE alert is never lost to a
 * failed write or a crash.
 */
@Component
public class DeliveryFailures {

	private static final Logger log = LoggerFactory.getLogger(DeliveryFailures.class);

	/** How long a claimed row is left to the instance handling it, and the retry wait. */
	static final Duration RETRY_AFTER = Duration.ofMinutes(1);

	static final Duration INTERVAL = Duration.ofSeconds(30);

	static final int BATCH = 20;

	/** The kind of row {@link #record(ChatUnreachable)} writes. */
	static final String UNREACHABLE = "UNREACHABLE";

	private final DatabaseClient db;

	private final List<DeliveryFailureHandler> handlers;

	private final Clock clock;

	private final Periodic loop;

	public DeliveryFailures(DatabaseClient db, List<DeliveryFailureHandler> handlers, Clock clock) {
		this.db = db;
		this.handlers = handlers;
		this.clock = clock;
		this.loop = new Periodic(INTERVAL, log, "Delivery failure relay failed", this::relayOnce);
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.loop.start();
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		this.loop.stop();
	}

	/**
	 * Keeps an unreachable chat for the handlers. Call it inside the transaction that
	 * marks the identity unreachable, then publish the event.
	 */
	public Mono<Void> record(ChatUnreachable unreachable) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		var insert = this.db
			.sql("insert into delivery_failure (kind, channel, young_person_id, worker_id, reason, attempts, "
					+ "next_attempt_at, created_at) values ('" + UNREACHABLE + "', :channel, :youngPersonId, "
					+ ":workerId, :reason, 0, :now, :now)")
			.bind("channel", unreachable.channel())
			.bind("reason", unreachable.reason() == null ? "" : unreachable.reason())
			.bind("now", now);
		insert = Sql.bindNullable(insert, "youngPersonId", unreachable.youngPersonId(), Long.class);
		insert = Sql.bindNullable(insert, "workerId", unreachable.workerId(), Long.class);
		return insert.then();
	}

	/**
	 * Published once a failure and its row have committed: handled at once rather than at
	 * the next pass. Nothing is lost if this does not happen.
	 */
	@EventListener
	void on(DeliveryFailed failed) {
		relayNow();
	}

	@EventListener
	void on(ChatUnreachable unreachable) {
		relayNow();
	}

	private void relayNow() {
		relayOnce().subscribe(null,
				ex -> log.error("Delivery failure relay failed: {}", ex.getClass().getSimpleName()));
	}

	/** Hands every due row to the handlers; returns how many were done with. */
	public Mono<Integer> relayOnce() {
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		return this.db
			.sql("select id, kind, message_id, channel, purpose, young_person_id, worker_id, reason, "
					+ "next_attempt_at from delivery_failure where next_attempt_at <= :now "
					+ "order by next_attempt_at, id limit :max")
			.bind("now", now)
			.bind("max", BATCH)
			.map(row -> new Row(row.get("id", Long.class), row.get("next_attempt_at", OffsetDateTime.class),
					UNREACHABLE.equals(row.get("kind", String.class)) ? null
							: new DeliveryFailed(row.get("message_id", Long.class), row.get("channel", String.class),
									OutboundMessage.Purpose.valueOf(row.get("purpose", String.class)),
									row.get("young_person_id", Long.class), row.get("worker_id", Long.class),
									row.get("reason", String.class)),
					UNREACHABLE.equals(row.get("kind", String.class)) ? new ChatUnreachable(
							row.get("channel", String.class), row.get("young_person_id", Long.class),
							row.get("worker_id", Long.class), row.get("reason", String.class)) : null))
			.all()
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap(row -> claim(row, now).filter(claimed -> claimed).flatMap(claimed -> handle(row)))
			.reduce(0, Integer::sum);
	}

	/** Only the instance whose update matches the row as read may handle it now. */
	private Mono<Boolean> claim(Row row, OffsetDateTime now) {
		return this.db
			.sql("update delivery_failure set next_attempt_at = :next, attempts = attempts + 1 "
					+ "where id = :id and next_attempt_at = :seen")
			.bind("next", now.plus(RETRY_AFTER))
			.bind("id", row.id())
			.bind("seen", row.due())
			.fetch()
			.rowsUpdated()
			.map(updated -> updated == 1);
	}

	private Mono<Integer> handle(Row row) {
		return Flux.fromIterable(this.handlers)
			.concatMap(handler -> row.failed() != null ? handler.on(row.failed()) : handler.on(row.unreachable()))
			.then(this.db.sql("delete from delivery_failure where id = :id").bind("id", row.id()).then())
			.thenReturn(1)
			.onErrorResume(ex -> {
				log.warn("Delivery failure {} not yet handled, tried again in {}: {}", row.id(), RETRY_AFTER,
						ex.getClass().getSimpleName());
				return Mono.just(0);
			});
	}

	/** One of {@code failed} and {@code unreachable} is set, after the row's kind. */
	private record Row(long id, OffsetDateTime due, DeliveryFailed failed, ChatUnreachable unreachable) {
	}

}
