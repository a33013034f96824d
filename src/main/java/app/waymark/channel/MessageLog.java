package app.waymark.channel;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import app.waymark.system.Sql;
import app.waymark.system.Sealer;
import io.micrometer.core.instrument.Metrics;
import reactor.core.publisher.Mono;

import org.springframework.dao.DataIntegrityViolationException;
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
	 * A stored inbound message; {@code duplicate} when the provider had delivered it
	 * before.
	 */
	public record Stored(long id, boolean duplicate) {
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
			.map(id -> new Stored(id, false))
			.doOnNext(stored -> Metrics.counter("waymark.messages", "channel", message.channel(), "direction", "in")
				.increment())
			.onErrorResume(DataIntegrityViolationException.class, ex -> providerId == null ? Mono.error(ex)
					: findInbound(message.channel(), providerId).map(id -> new Stored(id, true)));
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

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
