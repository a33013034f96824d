package app.waymark.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;

import app.waymark.system.Sql;
import app.waymark.system.Sealer;
import io.micrometer.core.instrument.Metrics;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The record of every message in and out. Inbound messages are written before the webhook
 * is answered; the provider's message id makes a redelivery find the first row instead of
 * making a second.
 */
@Component
public class MessageLog {

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Clock clock;

	public MessageLog(DatabaseClient db, Sealer sealer, Clock clock) {
		this.db = db;
		this.sealer = sealer;
		this.clock = clock;
	}

	/**
	 * How long an inbound message may stay unanswered before a redelivery of it is taken
	 * as a sign that whoever stored it died before replying.
	 */
	static final Duration UNANSWERED_TAKEOVER = Duration.ofSeconds(10);

	/**
	 * A stored inbound message; {@code duplicate} when the provider had delivered it
	 * before and it needs nothing more. {@code claimedAt} is the caller's claim on
	 * answering it (see {@link #replied(long, OffsetDateTime, String, String, boolean)}).
	 */
	public record Stored(long id, boolean duplicate, OffsetDateTime claimedAt, boolean pending) {

		Stored(long id, boolean duplicate, OffsetDateTime claimedAt) {
			this(id, duplicate, claimedAt, false);
		}

	}

	/**
	 * A redelivery found its message still unanswered after waiting as long as a first
	 * delivery may take; the provider should send it again.
	 */
	public static class StillUnanswered extends TransientDataAccessException {

		StillUnanswered(long messageId) {
			super("message " + messageId + " is still being answered by another delivery");
		}

	}

	/** How often a redelivery looks again at a message another delivery is answering. */
	static final Duration SETTLE_POLL = Duration.ofMillis(250);

	/** Another delivery of the same message answered it first. */
	public static class AlreadyAnswered extends RuntimeException {

		AlreadyAnswered(long messageId) {
			super("message " + messageId + " was answered by another delivery");
		}

	}

	public Mono<Stored> recordInbound(InboundMessage message, String providerId, Long youngPersonId, Long workerId) {
		OffsetDateTime now = now();
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into message (channel, direction, provider_id, address_hash, young_person_id, worker_id, "
					+ "body_sealed, status, created_at, updated_at) "
					+ "values (:channel, 'IN', :providerId, :addressHash, :youngPersonId, :workerId, :body, 'RECEIVED', :now, :now)")
			.bind("channel", message.channel())
			.bind("addressHash", this.sealer.hash(message.address()))
			.bind("body", this.sealer.seal(message.text()))
			.bind("now", now);
		insert = Sql.bindNullable(insert, "providerId", providerId, String.class);
		insert = Sql.bindNullable(insert, "youngPersonId", youngPersonId, Long.class);
		insert = Sql.bindNullable(insert, "workerId", workerId, Long.class);
		return insert.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.map(id -> new Stored(id, false, now))
			.doOnNext(stored -> Metrics.counter("waymark.messages", "channel", message.channel(), "direction", "in")
				.increment())
			.onErrorResume(DataIntegrityViolationException.class, ex -> providerId == null ? Mono.error(ex)
					: findInbound(message.channel(), providerId).flatMap(id -> takeOver(id, now)));
	}

	/**
	 * A redelivered message normally needs nothing. But if it was stored and never
	 * answered (the instance died between the two), the redelivery takes over answering
	 * it; the compare-and-set on {@code updated_at} lets only one delivery do so.
	 */
	private Mono<Stored> takeOver(long id, OffsetDateTime now) {
		return this.db
			.sql("update message set updated_at = :now where id = :id and status = 'RECEIVED' and updated_at < :stale")
			.bind("now", now)
			.bind("id", id)
			.bind("stale", now.minus(UNANSWERED_TAKEOVER))
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated == 1 ? Mono.just(new Stored(id, false, now))
					: this.db.sql("select status from message where id = :id")
						.bind("id", id)
						.map(row -> row.get("status", String.class))
						.one()
						.map(status -> new Stored(id, true, null, "RECEIVED".equals(status))));
	}

	/**
	 * For a redelivery that found its message stored but not answered ({@code pending}):
	 * waits until the first delivery answers it (a plain duplicate then) or its claim
	 * goes stale (this delivery takes over). A first delivery cut off by a database
	 * restart never answers, and acknowledging the redelivery at once would leave the
	 * message unanswered for good. Gives up with {@link StillUnanswered} (the provider
	 * retries) if neither happens in about {@link #UNANSWERED_TAKEOVER}.
	 */
	public Mono<Stored> settle(Stored stored) {
		long polls = UNANSWERED_TAKEOVER.plusSeconds(2).toMillis() / SETTLE_POLL.toMillis();
		return settle(stored, polls);
	}

	private Mono<Stored> settle(Stored stored, long polls) {
		if (!stored.pending()) {
			return Mono.just(stored);
		}
		if (polls <= 0) {
			return Mono.error(new StillUnanswered(stored.id()));
		}
		return Mono.delay(SETTLE_POLL)
			.then(Mono.defer(() -> takeOver(stored.id(), now())))
			.flatMap(next -> settle(next, polls - 1));
	}

	private Mono<Long> findInbound(String channel, String providerId) {
		return this.db
			.sql("select id from message where channel = :channel and direction = 'IN' and provider_id = :providerId")
			.bind("channel", channel)
			.bind("providerId", providerId)
			.map(row -> row.get("id", Long.class))
			.one();
	}

	/**
	 * Marks an inbound message answered, if this delivery's claim still holds; otherwise
	 * fails with {@link AlreadyAnswered} so the caller's transaction queues nothing.
	 */
	public Mono<Void> replied(long messageId, OffsetDateTime claimedAt, String kind, String articleId,
			boolean confident) {
		DatabaseClient.GenericExecuteSpec update = this.db.sql(
				"update message set status = 'REPLIED', kind = :kind, article_id = :articleId, confident = :confident, "
						+ "updated_at = :now where id = :id and status = 'RECEIVED' and updated_at = :claimedAt")
			.bind("kind", kind)
			.bind("confident", confident)
			.bind("now", now())
			.bind("id", messageId)
			.bind("claimedAt", claimedAt);
		return Sql.bindNullable(update, "articleId", articleId, String.class)
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated == 1 ? Mono.<Void>empty() : Mono.error(new AlreadyAnswered(messageId)));
	}

	/**
	 * What the bot made of an inbound message, for usage figures and the unanswered list.
	 */
	public Mono<Void> replied(long messageId, String kind, String articleId, boolean confident) {
		DatabaseClient.GenericExecuteSpec update = this.db.sql(
				"update message set status = 'REPLIED', kind = :kind, article_id = :articleId, confident = :confident, "
						+ "updated_at = :now where id = :id")
			.bind("kind", kind)
			.bind("confident", confident)
			.bind("now", now())
			.bind("id", messageId);
		return Sql.bindNullable(update, "articleId", articleId, String.class).then();
	}

	/** A provider's delivery report for an outbound message. */
	public Mono<Boolean> outboundStatus(String channel, String providerId, String status) {
		return this.db
			.sql("update message set status = :status, updated_at = :now "
					+ "where channel = :channel and direction = 'OUT' and provider_id = :providerId")
			.bind("status", status)
			.bind("now", now())
			.bind("channel", channel)
			.bind("providerId", providerId)
			.fetch()
			.rowsUpdated()
			.map(count -> count > 0);
	}

	/** Milliseconds only: the value is compared with what the database gives back. */
	private OffsetDateTime now() {
		return Sql.now(this.clock).truncatedTo(ChronoUnit.MILLIS);
	}

}
