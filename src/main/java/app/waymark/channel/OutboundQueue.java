package app.waymark.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.waymark.system.Sql;
import app.waymark.system.Sealer;
import io.micrometer.core.instrument.Metrics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import static app.waymark.system.Sql.bindNullable;

/**
 * The one persistent outbound queue every channel sends from.
 *
 * <p>
 * A row is claimed by a compare-and-set update of its lease ({@code lease_until}): the
 * update takes the row lock, only one instance's update matches, and a crashed instance's
 * lease simply runs out so another picks the row up. This works the same on PostgreSQL
 * and H2, which {@code SKIP LOCKED} would not.
 */
@Component
public class OutboundQueue {

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final Sealer sealer;

	private final Clock clock;

	private final Channels channels;

	private final boolean postgres;

	public OutboundQueue(DatabaseClient db, TransactionalOperator transaction, Sealer sealer, Clock clock,
			Channels channels) {
		this.channels = channels;
		this.db = db;
		this.transaction = transaction;
		this.sealer = sealer;
		this.clock = clock;
		this.postgres = Sql.postgres(db);
	}

	/**
	 * Logs the message and queues it in one transaction, as its channel renders it;
	 * returns the message log id.
	 */
	public Mono<Long> enqueue(OutboundMessage message) {
		OffsetDateTime now = now();
		Channel.Rendered rendered = this.channels.render(message);
		if (this.postgres) {
			return enqueueInOneStatement(message, rendered, now);
		}
		String text = rendered.text();
		DatabaseClient.GenericExecuteSpec logRow = this.db
			.sql("insert into message (channel, direction, address_hash, young_person_id, worker_id, body_sealed, kind, "
					+ "status, created_at, updated_at) values (:channel, 'OUT', :addressHash, :youngPersonId, :workerId, "
					+ ":body, :kind, 'QUEUED', :now, :now)")
			.bind("channel", message.channel())
			.bind("addressHash", this.sealer.hash(message.address()))
			.bind("body", this.sealer.seal(text))
			.bind("now", now);
		logRow = bindNullable(logRow, "youngPersonId", message.youngPersonId(), Long.class);
		logRow = bindNullable(logRow, "workerId", message.workerId(), Long.class);
		logRow = bindNullable(logRow, "kind", message.kind(), String.class);
		Mono<Long> work = logRow.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.flatMap(messageId -> bindNullable(this.db
				.sql("insert into outbound (message_id, channel, address_sealed, body_sealed, extras, purpose, status, "
						+ "attempts, next_attempt_at, created_at) values (:messageId, :channel, :address, :body, :extras, "
						+ ":purpose, 'QUEUED', 0, :now, :now)")
				.bind("messageId", messageId)
				.bind("channel", message.channel())
				.bind("address", this.sealer.seal(message.address()))
				.bind("body", this.sealer.seal(text))
				.bind("purpose", message.purpose().name())
				.bind("now", now), "extras", this.sealer.seal(rendered.extras()), String.class).then()
				.thenReturn(messageId));
		return this.transaction.transactional(work);
	}

	/**
	 * Whether {@link #answerAndEnqueue} can answer a message and queue its reply in one
	 * statement here (PostgreSQL; H2 has no data-modifying {@code with}).
	 */
	boolean answersInOneStatement() {
		return this.postgres;
	}

	/**
	 * Marks the inbound message answered while the claim holds
	 * ({@link MessageLog#replied}) and logs and queues the reply, in one statement:
	 * atomic without a transaction, and one round trip where a transaction takes four.
	 * Fails with {@link MessageLog.AlreadyAnswered}, having written nothing, when the
	 * claim is gone. PostgreSQL only ({@link #answersInOneStatement}).
	 */
	Mono<Long> answerAndEnqueue(MessageLog.Stored stored, String kind, String articleId, boolean confident,
			OutboundMessage message) {
		OffsetDateTime now = now();
		Channel.Rendered rendered = this.channels.render(message);
		DatabaseClient.GenericExecuteSpec all = this.db
			.sql("with replied as (" + MessageLog.REPLIED + " returning id), " + logAndQueue(" from replied"));
		all = MessageLog.bindReplied(all, stored.id(), stored.claimedAt(), kind, articleId, confident, now);
		all = bindReply(all, message, rendered);
		return all.map(row -> row.get("message_id", Long.class))
			.one()
			.switchIfEmpty(Mono.error(() -> new MessageLog.AlreadyAnswered(stored.id())));
	}

	/**
	 * The reply's own parameters: {@code :channel ... :extras}, {@code :now} not
	 * included.
	 */
	private DatabaseClient.GenericExecuteSpec bindReply(DatabaseClient.GenericExecuteSpec statement,
			OutboundMessage message, Channel.Rendered rendered) {
		DatabaseClient.GenericExecuteSpec bound = statement.bind("channel", message.channel())
			.bind("addressHash", this.sealer.hash(message.address()))
			.bind("address", this.sealer.seal(message.address()))
			.bind("body", this.sealer.seal(rendered.text()))
			.bind("purpose", message.purpose().name());
		bound = bindNullable(bound, "youngPersonId", message.youngPersonId(), Long.class);
		bound = bindNullable(bound, "workerId", message.workerId(), Long.class);
		bound = bindNullable(bound, "kind", message.kind(), String.class);
		return bindNullable(bound, "extras", this.sealer.seal(rendered.extras()), String.class);
	}

	/**
	 * On PostgreSQL the log row and the queue row are one statement: one round trip per
	 * reply instead of two, on the path every message takes.
	 */
	private Mono<Long> enqueueInOneStatement(OutboundMessage message, Channel.Rendered rendered, OffsetDateTime now) {
		DatabaseClient.GenericExecuteSpec both = this.db.sql("with " + logAndQueue("")).bind("now", now);
		return bindReply(both, message, rendered).map(row -> row.get("message_id", Long.class)).one();
	}

	/**
	 * The tail of a PostgreSQL statement that logs one reply and queues it, returning
	 * {@code message_id}; the log row is written once per row of {@code from} (none:
	 * once). Parameters as {@link #bindReply}, and {@code :now}.
	 */
	private static String logAndQueue(String from) {
		return "logged as (insert into message (channel, direction, address_hash, young_person_id, worker_id, "
				+ "body_sealed, kind, status, created_at, updated_at) select :channel, 'OUT', :addressHash, "
				+ ":youngPersonId, :workerId, :body, :kind, 'QUEUED', :now, :now" + from + " returning id) "
				+ "insert into outbound (message_id, channel, address_sealed, body_sealed, extras, purpose, status, "
				+ "attempts, next_attempt_at, created_at) select id, :channel, :address, :body, :extras, :purpose, "
				+ "'QUEUED', 0, :now, :now from logged returning message_id";
	}

	/**
	 * Rows per multi-row insert: few round trips, well under the bind-parameter limits.
	 */
	static final int ROWS_PER_STATEMENT = 500;

	/**
	 * Logs and queues many messages with a few multi-row inserts, inside the caller's
	 * transaction (or one of its own); returns the message log ids in the order given.
	 * Fails as a whole, so the caller can fall back to {@link #enqueue} one by one.
	 */
	public Mono<List<Long>> enqueueAll(List<OutboundMessage> messages) {
		OffsetDateTime now = now();
		Mono<List<Long>> work = Flux.fromIterable(chunks(messages, this.postgres ? ROWS_PER_ARRAY : ROWS_PER_STATEMENT))
			.concatMap(chunk -> this.postgres ? enqueueArrays(chunk, now) : enqueueChunk(chunk, now))
			.flatMapIterable(ids -> ids)
			.collectList();
		return this.transaction.transactional(work);
	}

	private Mono<List<Long>> enqueueChunk(List<OutboundMessage> chunk, OffsetDateTime now) {
		List<Channel.Rendered> rendered = new ArrayList<>(chunk.size());
		// each body sealed once: the log row and the queue row hold the same sealed text
		List<String> texts = new ArrayList<>(chunk.size());
		List<String> hashes = new ArrayList<>(chunk.size());
		StringBuilder logValues = new StringBuilder();
		for (int i = 0; i < chunk.size(); i++) {
			OutboundMessage message = chunk.get(i);
			rendered.add(this.channels.render(message));
			texts.add(this.sealer.seal(rendered.get(i).text()));
			hashes.add(this.sealer.hash(message.address()));
			logValues.append(i == 0 ? "" : ", ")
				.append("(:channel")
				.append(i)
				.append(", 'OUT', :hash")
				.append(i)
				.append(", :youngPerson")
				.append(i)
				.append(", :worker")
				.append(i)
				.append(", :body")
				.append(i)
				.append(", :kind")
				.append(i)
				.append(", 'QUEUED', :now, :now)");
		}
		// one map bound at once: each bind() copies every binding so far
		Map<String, Object> values = new HashMap<>();
		values.put("now", now);
		for (int i = 0; i < chunk.size(); i++) {
			OutboundMessage message = chunk.get(i);
			values.put("channel" + i, message.channel());
			values.put("hash" + i, hashes.get(i));
			values.put("body" + i, texts.get(i));
			values.put("youngPerson" + i, Parameter.fromOrEmpty(message.youngPersonId(), Long.class));
			values.put("worker" + i, Parameter.fromOrEmpty(message.workerId(), Long.class));
			values.put("kind" + i, Parameter.fromOrEmpty(message.kind(), String.class));
		}
		DatabaseClient.GenericExecuteSpec logRows = this.db.sql(Sql.returning(this.db,
				"insert into message (channel, direction, address_hash, young_person_id, worker_id, body_sealed, kind, "
						+ "status, created_at, updated_at) values " + logValues,
				"id, address_hash"))
			.bindValues(values);
		return logRows.map(row -> Map.entry(row.get("id", Long.class), row.get("address_hash", String.class)))
			.all()
			.collectList()
			.map(rows -> idsInOrder(rows, hashes))
			.flatMap(ids -> queueRows(chunk, rendered, texts, ids, now).thenReturn(ids));
	}

	/**
	 * The ids the log rows got, in the order the messages were given. One insert takes
	 * its identity values in the order of its VALUES rows, so ascending ids follow that
	 * order; the address of each row is checked all the same, and a mismatch fails the
	 * whole insert rather than queue a message under another's log row.
	 */
	private static List<Long> idsInOrder(List<Map.Entry<Long, String>> rows, List<String> hashes) {
		List<Map.Entry<Long, String>> sorted = rows.stream().sorted(Map.Entry.comparingByKey()).toList();
		if (sorted.size() != hashes.size()) {
			throw new IllegalStateException("inserted " + sorted.size() + " log rows for " + hashes.size());
		}
		List<Long> ids = new ArrayList<>(sorted.size());
		for (int i = 0; i < sorted.size(); i++) {
			if (!sorted.get(i).getValue().equals(hashes.get(i))) {
				throw new IllegalStateException("log rows came back out of order");
			}
			ids.add(sorted.get(i).getKey());
		}
		return ids;
	}

	private Mono<Void> queueRows(List<OutboundMessage> chunk, List<Channel.Rendered> rendered, List<String> texts,
			List<Long> ids, OffsetDateTime now) {
		StringBuilder values = new StringBuilder();
		for (int i = 0; i < chunk.size(); i++) {
			values.append(i == 0 ? "" : ", ")
				.append("(:message")
				.append(i)
				.append(", :channel")
				.append(i)
				.append(", :address")
				.append(i)
				.append(", :body")
				.append(i)
				.append(", :extras")
				.append(i)
				.append(", :purpose")
				.append(i)
				.append(", 'QUEUED', 0, :now, :now)");
		}
		Map<String, Object> bound = new HashMap<>();
		bound.put("now", now);
		for (int i = 0; i < chunk.size(); i++) {
			OutboundMessage message = chunk.get(i);
			bound.put("message" + i, ids.get(i));
			bound.put("channel" + i, message.channel());
			bound.put("address" + i, this.sealer.seal(message.address()));
			bound.put("body" + i, texts.get(i));
			bound.put("purpose" + i, message.purpose().name());
			bound.put("extras" + i, Parameter.fromOrEmpty(this.sealer.seal(rendered.get(i).extras()), String.class));
		}
		return this.db
			.sql("insert into outbound (message_id, channel, address_sealed, body_sealed, extras, purpose, status, "
					+ "attempts, next_attempt_at, created_at) values " + values)
			.bindValues(bound)
			.then();
	}

	private static <T> List<List<T>> chunks(List<T> all, int size) {
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += size) {
			chunks.add(all.subList(from, Math.min(all.size(), from + size)));
		}
		return chunks;
	}

	/**
	 * Messages per statement on PostgreSQL, where each column is bound as one array: no
	 * bind-parameter limit, so only memory bounds it.
	 */
	static final int ROWS_PER_ARRAY = 2000;

	/**
	 * PostgreSQL: the log rows and the queue rows of a chunk in one statement, each
	 * column bound as one array and unnested, so the statement text and its parameters
	 * stay the same whatever the size (parsed once, and no thousands of named parameters
	 * to expand). Each queue row finds its log row by the sealed body, which is unique (a
	 * random nonce each), and the ids come back with each message's position.
	 */
	private Mono<List<Long>> enqueueArrays(List<OutboundMessage> chunk, OffsetDateTime now) {
		int size = chunk.size();
		String[] channels = new String[size];
		String[] hashes = new String[size];
		Long[] people = new Long[size];
		Long[] workers = new Long[size];
		String[] bodies = new String[size];
		String[] kinds = new String[size];
		String[] addresses = new String[size];
		String[] extras = new String[size];
		String[] purposes = new String[size];
		for (int i = 0; i < size; i++) {
			OutboundMessage message = chunk.get(i);
			Channel.Rendered rendered = this.channels.render(message);
			channels[i] = message.channel();
			hashes[i] = this.sealer.hash(message.address());
			people[i] = message.youngPersonId();
			workers[i] = message.workerId();
			bodies[i] = this.sealer.seal(rendered.text());
			kinds[i] = message.kind();
			addresses[i] = this.sealer.seal(message.address());
			extras[i] = this.sealer.seal(rendered.extras());
			purposes[i] = message.purpose().name();
		}
		return this.db
			.sql("with given as (select * from unnest(cast(:channels as varchar[]), cast(:hashes as varchar[]), "
					+ "cast(:people as bigint[]), cast(:workers as bigint[]), cast(:bodies as text[]), "
					+ "cast(:kinds as varchar[]), cast(:addresses as varchar[]), cast(:extras as text[]), "
					+ "cast(:purposes as varchar[])) with ordinality as g(channel, address_hash, young_person_id, worker_id, "
					+ "body_sealed, kind, address_sealed, extras, purpose, position)), "
					+ "logged as (insert into message (channel, direction, address_hash, young_person_id, worker_id, "
					+ "body_sealed, kind, status, created_at, updated_at) select channel, 'OUT', address_hash, "
					+ "young_person_id, worker_id, body_sealed, kind, 'QUEUED', :now, :now from given order by position "
					+ "returning id, body_sealed), "
					+ "matched as (select l.id, g.* from logged l join given g on g.body_sealed = l.body_sealed), "
					+ "queued as (insert into outbound (message_id, channel, address_sealed, body_sealed, extras, purpose, "
					+ "status, attempts, next_attempt_at, created_at) select id, channel, address_sealed, body_sealed, "
					+ "extras, purpose, 'QUEUED', 0, :now, :now from matched order by position) "
					+ "select id, position from matched")
			.bind("channels", channels)
			.bind("hashes", hashes)
			.bind("people", people)
			.bind("workers", workers)
			.bind("bodies", bodies)
			.bind("kinds", kinds)
			.bind("addresses", addresses)
			.bind("extras", extras)
			.bind("purposes", purposes)
			.bind("now", now)
			.map(row -> new long[] { row.get("id", Long.class), row.get("position", Long.class) })
			.all()
			.collectList()
			.map(rows -> idsByPosition(rows, size));
	}

	/**
	 * The ids in the order the messages were given, from (id, 1-based position) pairs;
	 * fails the whole chunk unless every message got exactly one log row.
	 */
	static List<Long> idsByPosition(List<long[]> rows, int size) {
		Long[] ids = new Long[size];
		for (long[] row : rows) {
			int at = (int) row[1] - 1;
			if (at < 0 || at >= size || ids[at] != null) {
				throw new IllegalStateException("log rows did not match the messages one to one");
			}
			ids[at] = row[0];
		}
		if (rows.size() != size) {
			throw new IllegalStateException("inserted " + rows.size() + " log rows for " + size);
		}
		return List.of(ids);
	}

	/**
	 * Claims up to {@code max} due rows of one channel for {@code owner}, oldest first.
	 * Rows another instance holds a live lease on are skipped.
	 *
	 * <p>
	 * Rows are read before they are claimed, and a row is handed out as soon as its claim
	 * succeeds: reading it after claiming would leave it leased, and untried until the
	 * lease ran out, whenever the database went away between the two. The claim only
	 * matches the row as it was read, so a stale read is never handed out.
	 */
	public Flux<QueuedMessage> claim(String channel, int max, String owner, Duration lease) {
		OffsetDateTime now = now();
		return this.db
			.sql("select o.id, o.message_id, o.channel, o.address_sealed, o.body_sealed, o.extras, o.purpose, o.attempts, "
					+ "o.in_flight_since, m.young_person_id, m.worker_id from outbound o join message m on m.id = o.message_id "
					+ "where o.channel = :channel and o.status = 'QUEUED' and o.next_attempt_at <= :now "
					+ "and (o.lease_until is null or o.lease_until < :now) order by o.next_attempt_at, o.id limit :max")
			.bind("channel", channel)
			.bind("now", now)
			.bind("max", max)
			.map(row -> new QueuedMessage(row.get("id", Long.class), row.get("message_id", Long.class),
					row.get("channel", String.class), this.sealer.open(row.get("address_sealed", String.class)),
					this.sealer.open(row.get("body_sealed", String.class)),
					this.sealer.open(row.get("extras", String.class)),
					OutboundMessage.Purpose.valueOf(row.get("purpose", String.class)),
					row.get("attempts", Integer.class), row.get("young_person_id", Long.class),
					row.get("worker_id", Long.class), instant(row.get("in_flight_since", OffsetDateTime.class))))
			.all()
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.concatMap(message -> this.db
				.sql("update outbound set lease_owner = :owner, lease_until = :until where id = :id and status = 'QUEUED' "
						+ "and attempts = :attempts and next_attempt_at <= :now and (lease_until is null or lease_until < :now)")
				.bind("owner", owner)
				.bind("until", now.plus(lease))
				.bind("id", message.id())
				.bind("attempts", message.attempts())
				.bind("now", now)
				.fetch()
				.rowsUpdated()
				.filter(updated -> updated == 1)
				.map(updated -> message));
	}

	/**
	 * Records, before the provider is called, that this attempt may reach it, and renews
	 * {@code owner}'s lease so the call has all of it. Commits on its own: a crash during
	 * the call leaves the mark for the next attempt to find. Keeps the earliest mark when
	 * an earlier attempt's outcome is still unknown. False when the lease was lost (run
	 * out, or another instance holds the row now): then nothing may be sent.
	 */
	public Mono<Boolean> inFlight(QueuedMessage message, String owner, Duration lease) {
		OffsetDateTime now = now();
		return this.db
			.sql("update outbound set in_flight_since = coalesce(in_flight_since, :now), lease_until = :until "
					+ "where id = :id and status = 'QUEUED' and lease_owner = :owner and lease_until >= :now")
			.bind("now", now)
			.bind("until", now.plus(lease))
			.bind("id", message.id())
			.bind("owner", owner)
			.fetch()
			.rowsUpdated()
			.map(updated -> updated == 1);
	}

	/**
	 * Whether a provider id is still free for this message: not already recorded for
	 * another outbound message, so an identical earlier message is never taken for this
	 * one.
	 */
	public Mono<Boolean> providerIdFree(QueuedMessage message, String providerId) {
		return this.db
			.sql("select count(*) from message where channel = :channel and direction = 'OUT' "
					+ "and provider_id = :providerId and id <> :messageId")
			.bind("channel", message.channel())
			.bind("providerId", providerId)
			.bind("messageId", message.messageId())
			.map(row -> row.get(0, Long.class))
			.one()
			.map(count -> count == 0);
	}

	/**
	 * Records that the provider accepted the message. Fails with a
	 * {@link org.springframework.dao.DataIntegrityViolationException} when the provider
	 * id is already recorded for another message to the same address (or cannot be
	 * stored): then {@link #sentWithoutProviderId} records the send all the same.
	 */
	public Mono<Void> sent(QueuedMessage message, String providerId, int segments) {
		return recordSent(message, providerId, segments, null);
	}

	/**
	 * Records an accepted message without its provider id, which the message log could
	 * not take; {@code note} says why (kept as the row's last error). Delivery reports
	 * for that id then find nothing, which is the lesser harm: the message was sent, and
	 * is never sent again.
	 */
	public Mono<Void> sentWithoutProviderId(QueuedMessage message, int segments, String note) {
		return recordSent(message, null, segments, note);
	}

	private Mono<Void> recordSent(QueuedMessage message, String providerId, int segments, String note) {
		OffsetDateTime now = now();
		return this.transaction
			.transactional(bindNullable(this.db.sql(
					"update outbound set status = 'SENT', attempts = attempts + 1, sent_at = :now, lease_until = null, "
							+ "in_flight_since = null, last_error = :note where id = :id")
				.bind("now", now)
				.bind("id", message.id()), "note", truncate(note), String.class)
				.then()
				.then(bindNullable(this.db
					.sql("update message set status = 'SENT', provider_id = :providerId, segments = :segments, "
							+ "updated_at = :now where id = :messageId")
					.bind("segments", segments)
					.bind("now", now)
					.bind("messageId", message.messageId()), "providerId", providerId, String.class).then()))
			.doOnSuccess(done -> Metrics.counter("waymark.messages", "channel", message.channel(), "direction", "out")
				.increment());
	}

	/**
	 * Takes a message the provider accepted out of the queue when even
	 * {@link #sentWithoutProviderId} failed: the row is never claimed again, so never
	 * sent twice, and {@code reason} says what happened. Touches only the queue's own
	 * row, the least that can still succeed.
	 */
	public Mono<Void> park(QueuedMessage message, String reason) {
		return this.db
			.sql("update outbound set status = 'PARKED', lease_until = null, last_error = :reason "
					+ "where id = :id and status = 'QUEUED'")
			.bind("reason", truncate(reason))
			.bind("id", message.id())
			.then();
	}

	/**
	 * Gives up this owner's claim on a row it never tried, so it is due again at once
	 * rather than when the lease runs out.
	 */
	public Mono<Void> release(long id, String owner) {
		return this.db
			.sql("update outbound set lease_until = null where id = :id and status = 'QUEUED' and lease_owner = :owner")
			.bind("id", id)
			.bind("owner", owner)
			.then();
	}

	/**
	 * Hands a claimed row back untried, due again at {@code next}: its turn to be sent
	 * has not come yet (a shared send rate). Not an attempt, so it counts towards
	 * nothing.
	 */
	public Mono<Void> postpone(long id, String owner, Instant next) {
		return this.db
			.sql("update outbound set next_attempt_at = :next, lease_until = null "
					+ "where id = :id and status = 'QUEUED' and lease_owner = :owner")
			.bind("next", next.atOffset(ZoneOffset.UTC))
			.bind("id", id)
			.bind("owner", owner)
			.then();
	}

	/**
	 * Puts the message back for another try at {@code next}. {@code outcomeUnknown} keeps
	 * the in-flight mark (the provider may have it); otherwise the provider's answer
	 * showed it was not accepted and the mark is cleared.
	 */
	public Mono<Void> retryAt(QueuedMessage message, String reason, Instant next, boolean outcomeUnknown) {
		return this.db
			.sql("update outbound set attempts = attempts + 1, next_attempt_at = :next, lease_until = null, "
					+ (outcomeUnknown ? "" : "in_flight_since = null, ") + "last_error = :reason where id = :id")
			.bind("next", next.atOffset(ZoneOffset.UTC))
			.bind("reason", truncate(reason))
			.bind("id", message.id())
			.then();
	}

	/**
	 * Records that the message failed for good; a check-in or an alert also gets its
	 * {@code delivery_failure} row in the same transaction, for {@link DeliveryFailures}
	 * to tell a person.
	 */
	public Mono<Void> failed(QueuedMessage message, String reason) {
		OffsetDateTime now = now();
		Mono<Void> outbox = !message.purpose().failureNeedsAHuman() ? Mono.empty() : bindNullable(bindNullable(this.db
			.sql("insert into delivery_failure (message_id, channel, purpose, young_person_id, worker_id, reason, "
					+ "attempts, next_attempt_at, created_at) values (:messageId, :channel, :purpose, "
					+ ":youngPersonId, :workerId, :reason, 0, :now, :now)")
			.bind("messageId", message.messageId())
			.bind("channel", message.channel())
			.bind("purpose", message.purpose().name())
			.bind("reason", truncate(reason))
			.bind("now", now), "youngPersonId", message.youngPersonId(), Long.class), "workerId", message.workerId(),
				Long.class)
			.then();
		return this.transaction.transactional(this.db
			.sql("update outbound set status = 'FAILED', attempts = attempts + 1, lease_until = null, "
					+ "in_flight_since = null, last_error = :reason where id = :id")
			.bind("reason", truncate(reason))
			.bind("id", message.id())
			.then()
			.then(this.db.sql("update message set status = 'FAILED', updated_at = :now where id = :messageId")
				.bind("now", now)
				.bind("messageId", message.messageId())
				.then())
			.then(outbox));
	}

	/** Queued rows not yet sent, and the age of the oldest, for health and metrics. */
	public Mono<Backlog> backlog() {
		return this.db.sql("select count(*) as n, min(created_at) as oldest from outbound where status = 'QUEUED'")
			.map(row -> new Backlog(row.get("n", Long.class), row.get("oldest", OffsetDateTime.class)))
			.one();
	}

	public record Backlog(long queued, OffsetDateTime oldest) {
	}

	/**
	 * Per channel, since when its longest-due queued message has been due (claimed or
	 * not), for health: a message due a while ago that is still queued is waiting.
	 */
	Mono<Map<String, Instant>> dueSince() {
		return this.db
			.sql("select channel, min(next_attempt_at) as due from outbound where status = 'QUEUED' "
					+ "and next_attempt_at <= :now group by channel")
			.bind("now", now())
			.map(row -> Map.entry(row.get("channel", String.class), row.get("due", OffsetDateTime.class).toInstant()))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** Rows taken out of the queue by {@link #park}, for health. */
	Mono<Long> parked() {
		return this.db.sql("select count(*) from outbound where status = 'PARKED'")
			.map(row -> row.get(0, Long.class))
			.one();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static Instant instant(OffsetDateTime at) {
		return at == null ? null : at.toInstant();
	}

	private static String truncate(String reason) {
		return reason == null ? null : reason.length() > 300 ? reason.substring(0, 300) : reason;
	}

}
