package app.waymark.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;

import app.waymark.system.Sql;
import app.waymark.system.Sealer;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
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

	private static final Logger logger = LoggerFactory.getLogger(MessageLog.class);

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

	/**
	 * Stores an inbound message as RECEIVED, with what answering it needs (the sealed
	 * address, the language) so that {@link UnansweredSweep} can answer it if whoever
	 * stored it dies first. A redelivery of a message stored before finds that row and
	 * normally needs nothing more; but if the row was never answered (the instance died
	 * between the two), the redelivery takes over answering it, through the same claim as
	 * the sweep's.
	 */
	public Mono<Stored> recordInbound(InboundMessage message, String providerId, Long youngPersonId, Long workerId) {
		OffsetDateTime now = now();
		return insertInbound(message, providerId, youngPersonId, workerId, "RECEIVED", null, now)
			.map(id -> new Stored(id, false, now))
			.onErrorResume(DataIntegrityViolationException.class, ex -> providerId == null ? Mono.error(ex)
					: findInbound(message, providerId).flatMap(id -> takeOver(id, now)));
	}

	/**
	 * A redelivery claims its message if the first delivery went quiet; otherwise it is a
	 * duplicate, {@code pending} while the message is still unanswered.
	 */
	private Mono<Stored> takeOver(long id, OffsetDateTime now) {
		return claim(id, UNANSWERED_TAKEOVER, now)
			.switchIfEmpty(Mono.defer(() -> this.db.sql("select status from message where id = :id")
				.bind("id", id)
				.map(row -> row.get("status", String.class))
				.one()
				.map(status -> new Stored(id, true, null, "RECEIVED".equals(status)))));
	}

	/**
	 * For a redelivery that found its message stored but not answered ({@code pending}):
	 * waits until the first delivery answers it (a plain duplicate then) or its claim
	 * goes stale (this delivery takes over). Acknowledging such a redelivery at once
	 * would leave the answer to {@link UnansweredSweep}, late, when a first delivery was
	 * cut off by a database restart. Gives up with {@link StillUnanswered} (the provider
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

	/**
	 * Stores an inbound message that needs no answer (an edited message, a stale button)
	 * as handled at once: a redelivery of it is recognised, and the sweep has nothing to
	 * answer. A redelivery completes empty.
	 */
	public Mono<Void> recordHandled(InboundMessage message, String providerId, Long youngPersonId, Long workerId,
			String kind) {
		return insertInbound(message, providerId, youngPersonId, workerId, "REPLIED", kind, now())
			.onErrorResume(DataIntegrityViolationException.class,
					ex -> providerId == null ? Mono.error(ex) : Mono.empty())
			.then();
	}

	/** The address is kept only on a message still to be answered. */
	private Mono<Long> insertInbound(InboundMessage message, String providerId, Long youngPersonId, Long workerId,
			String status, String kind, OffsetDateTime now) {
		String address = "RECEIVED".equals(status) ? this.sealer.seal(message.address()) : null;
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into message (channel, direction, provider_id, address_hash, address_sealed, language, "
					+ "young_person_id, worker_id, body_sealed, kind, status, created_at, updated_at) values (:channel, "
					+ "'IN', :providerId, :addressHash, :address, :language, :youngPersonId, :workerId, :body, :kind, "
					+ ":status, :now, :now)")
			.bind("channel", message.channel())
			.bind("addressHash", this.sealer.hash(message.address()))
			.bind("body", this.sealer.seal(message.text()))
			.bind("status", status)
			.bind("now", now);
		insert = Sql.bindNullable(insert, "providerId", providerId, String.class);
		insert = Sql.bindNullable(insert, "address", address, String.class);
		insert = Sql.bindNullable(insert, "language", languageCode(message.language()), String.class);
		insert = Sql.bindNullable(insert, "youngPersonId", youngPersonId, Long.class);
		insert = Sql.bindNullable(insert, "workerId", workerId, Long.class);
		insert = Sql.bindNullable(insert, "kind", kind, String.class);
		return insert.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.doOnNext(id -> Metrics.counter("waymark.messages", "channel", message.channel(), "direction", "in")
				.increment());
	}

	/**
	 * Claims an inbound message nobody has touched for {@code idle}: it is still
	 * RECEIVED, so whoever stored it died before answering. The compare-and-set on
	 * {@code updated_at} lets only one claimant through (a redelivery, or one instance's
	 * sweep); the others get nothing. The claim's time is what
	 * {@link #replied(long, OffsetDateTime, String, String, boolean)} checks.
	 */
	Mono<Stored> claim(long id, Duration idle) {
		return claim(id, idle, now());
	}

	private Mono<Stored> claim(long id, Duration idle, OffsetDateTime now) {
		return this.db
			.sql("update message set updated_at = :now where id = :id and status = 'RECEIVED' and updated_at < :stale")
			.bind("now", now)
			.bind("id", id)
			.bind("stale", now.minus(idle))
			.fetch()
			.rowsUpdated()
			.filter(updated -> updated == 1)
			.map(updated -> new Stored(id, false, now));
	}

	/**
	 * An inbound message stored and not answered, as {@link #unanswered} reads it back.
	 *
	 * @param id its row
	 * @param message what was received; its address is null if the row has none (stored
	 * before addresses were kept, or past retention)
	 * @param youngPersonId who sent it as known when it was stored, or null
	 * @param workerId the linked worker who sent it, or null
	 */
	record Unanswered(long id, InboundMessage message, Long youngPersonId, Long workerId) {
	}

	/**
	 * Inbound messages left RECEIVED for longer than {@code idle}, oldest first: those of
	 * {@code channels}, and those of any channel received before {@code tooOld} (so a
	 * channel switched off still has its messages seen to).
	 */
	Flux<Unanswered> unanswered(Duration idle, Instant tooOld, Collection<String> channels, int max) {
		OffsetDateTime now = now();
		String which = channels.isEmpty() ? "created_at < :tooOld" : "(created_at < :tooOld or channel in (:channels))";
		DatabaseClient.GenericExecuteSpec select = this.db
			.sql("select id, channel, address_sealed, body_sealed, language, created_at, young_person_id, worker_id "
					+ "from message " + "where status = 'RECEIVED' and direction = 'IN' and updated_at < :stale and "
					+ which + " order by id limit :max")
			.bind("stale", now.minus(idle))
			.bind("tooOld", tooOld.atOffset(ZoneOffset.UTC))
			.bind("max", max);
		if (!channels.isEmpty()) {
			select = select.bind("channels", List.copyOf(channels));
		}
		return select
			.map(row -> new Unanswered(row.get("id", Long.class),
					new InboundMessage(row.get("channel", String.class),
							openOrNull(row.get("id", Long.class), row.get("address_sealed", String.class)),
							openOrNull(row.get("id", Long.class), row.get("body_sealed", String.class)),
							row.get("language", String.class), row.get("created_at", OffsetDateTime.class).toInstant()),
					row.get("young_person_id", Long.class), row.get("worker_id", Long.class)))
			.all();
	}

	/**
	 * A value sealed under a key this instance no longer has cannot stop the sweep: the
	 * message is treated as having no address (so a person is told of it) or no text.
	 */
	private String openOrNull(long messageId, String sealed) {
		try {
			return this.sealer.open(sealed);
		}
		catch (IllegalStateException ex) {
			logger.warn("Inbound message {} cannot be opened: {}", messageId, ex.getMessage());
			return null;
		}
	}

	/**
	 * Closes a claimed inbound message without an answer: {@code MISSED} (a person is
	 * told instead) or {@code ABANDONED} (nothing can answer it now). Fails with
	 * {@link AlreadyAnswered} if the claim no longer holds.
	 */
	Mono<Void> unanswerable(long messageId, OffsetDateTime claimedAt, String status) {
		// an abandoned message can never be answered, so its address has no use left
		String address = "ABANDONED".equals(status) ? ", address_sealed = null" : "";
		return this.db
			.sql("update message set status = :status" + address + ", updated_at = :now "
					+ "where id = :id and status = 'RECEIVED' and updated_at = :claimedAt")
			.bind("status", status)
			.bind("now", now())
			.bind("id", messageId)
			.bind("claimedAt", claimedAt)
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated == 1 ? Mono.<Void>empty() : Mono.error(new AlreadyAnswered(messageId)));
	}

	/**
	 * A language code ("en", "ckb"), or null for anything longer than one can be: the web
	 * chat passes on whatever the page sent.
	 */
	private static String languageCode(String language) {
		return language != null && language.length() <= 10 ? language : null;
	}

	/**
	 * The stored row of a redelivered message: a provider id is unique only together with
	 * the address (see the message log's key), and a redelivery comes from the same one.
	 */
	private Mono<Long> findInbound(InboundMessage message, String providerId) {
		return this.db
			.sql("select id from message where channel = :channel and direction = 'IN' and provider_id = :providerId "
					+ "and address_hash = :addressHash")
			.bind("channel", message.channel())
			.bind("providerId", providerId)
			.bind("addressHash", this.sealer.hash(message.address()))
			.map(row -> row.get("id", Long.class))
			.one();
	}

	/**
	 * Marks an inbound message answered, if this delivery's claim still holds; otherwise
	 * fails with {@link AlreadyAnswered} so the caller's transaction queues nothing. The
	 * sender's address is kept on the row only until then: the reply carries its own.
	 */
	public Mono<Void> replied(long messageId, OffsetDateTime claimedAt, String kind, String articleId,
			boolean confident) {
		return bindReplied(this.db.sql(REPLIED), messageId, claimedAt, kind, articleId, confident, now()).fetch()
			.rowsUpdated()
			.flatMap(updated -> updated == 1 ? Mono.<Void>empty() : Mono.error(new AlreadyAnswered(messageId)));
	}

	/**
	 * Marks the message answered while the claim holds ({@link #replied}); parameters
	 * {@code :id, :claimedAt, :replyKind, :articleId, :confident, :now}.
	 */
	static final String REPLIED = "update message set status = 'REPLIED', kind = :replyKind, article_id = :articleId, "
			+ "confident = :confident, address_sealed = null, updated_at = :now "
			+ "where id = :id and status = 'RECEIVED' and updated_at = :claimedAt";

	static DatabaseClient.GenericExecuteSpec bindReplied(DatabaseClient.GenericExecuteSpec statement, long messageId,
			OffsetDateTime claimedAt, String kind, String articleId, boolean confident, OffsetDateTime now) {
		return Sql.bindNullable(statement.bind("replyKind", kind)
			.bind("confident", confident)
			.bind("now", now)
			.bind("id", messageId)
			.bind("claimedAt", claimedAt), "articleId", articleId, String.class);
	}

	/**
	 * Logs a reply given in the HTTP response to its message (the web chat) as SENT. It
	 * never enters the outbound queue, so no dispatcher tries to send it; retention
	 * clears its text like any other message's.
	 */
	public Mono<Void> recordGivenInResponse(OutboundMessage reply, String articleId, String language) {
		OffsetDateTime now = now();
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into message (channel, direction, address_hash, young_person_id, body_sealed, kind, article_id, "
					+ "language, status, created_at, updated_at) values (:channel, 'OUT', :addressHash, :youngPersonId, "
					+ ":body, :kind, :articleId, :language, 'SENT', :now, :now)")
			.bind("channel", reply.channel())
			.bind("addressHash", this.sealer.hash(reply.address()))
			.bind("body", this.sealer.seal(reply.text()))
			.bind("now", now);
		insert = Sql.bindNullable(insert, "youngPersonId", reply.youngPersonId(), Long.class);
		insert = Sql.bindNullable(insert, "kind", reply.kind(), String.class);
		insert = Sql.bindNullable(insert, "articleId", articleId, String.class);
		insert = Sql.bindNullable(insert, "language", languageCode(language), String.class);
		return insert.fetch()
			.rowsUpdated()
			.doOnNext(rows -> Metrics.counter("waymark.messages", "channel", reply.channel(), "direction", "out")
				.increment())
			.then();
	}

	/**
	 * One message of a conversation as {@link #conversation} reads it back.
	 *
	 * @param id its row in the message log
	 * @param outbound whether it went to the sender (a reply) rather than came from them
	 * @param text its words
	 * @param kind what it was in the conversation (ANSWER, CHOOSE, ...), or null
	 * @param articleId the article a reply rested on, or null
	 * @param language the language it was in, or null
	 * @param at when it was logged
	 */
	public record Logged(long id, boolean outbound, String text, String kind, String articleId, String language,
			Instant at) {
	}

	/**
	 * The newest {@code max} messages both ways with one address on one channel, oldest
	 * first. Messages whose text retention has cleared, or that this instance cannot
	 * open, are left out.
	 */
	public Flux<Logged> conversation(String channel, String address, int max) {
		return this.db
			.sql("select id, direction, body_sealed, kind, article_id, language, created_at from message "
					+ "where address_hash = :addressHash and channel = :channel and body_sealed is not null "
					+ "order by created_at desc, id desc limit :max")
			.bind("addressHash", this.sealer.hash(address))
			.bind("channel", channel)
			.bind("max", max)
			.map(row -> new Logged(row.get("id", Long.class), "OUT".equals(row.get("direction", String.class)),
					row.get("body_sealed", String.class), row.get("kind", String.class),
					row.get("article_id", String.class), row.get("language", String.class),
					row.get("created_at", OffsetDateTime.class).toInstant()))
			.all()
			.mapNotNull(sealed -> {
				String text = openOrNull(sealed.id(), sealed.text());
				return text == null ? null : new Logged(sealed.id(), sealed.outbound(), text, sealed.kind(),
						sealed.articleId(), sealed.language(), sealed.at());
			})
			.collectList()
			.flatMapMany(rows -> Flux.fromIterable(rows.reversed()));
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
