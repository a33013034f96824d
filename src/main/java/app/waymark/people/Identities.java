package app.waymark.people;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import app.waymark.system.Sql;
import app.waymark.system.Sealer;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Channel addresses and the people behind them: who is writing, whether they opted out,
 * and linking an address to a young person or worker with a one-time code.
 */
@Component
public class Identities {

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Clock clock;

	public Identities(DatabaseClient db, Sealer sealer, Clock clock) {
		this.db = db;
		this.sealer = sealer;
		this.clock = clock;
	}

	public Mono<Sender> identify(String channel, String address) {
		// One statement (every message starts here): who the address belongs to, if
		// anyone, and the newest consent record, which a stranger may have too.
		return this.db
			.sql("select i.young_person_id, i.worker_id, coalesce(y.preferred_name, y.name, w.name) as preferred_name, "
					+ "y.preferred_language, (select c.opted_in from consent c where c.channel = :channel and "
					+ "c.address_hash = :hash order by c.recorded_at desc, c.id desc limit 1) as opted_in "
					+ "from (select 1 as one) anyone left join channel_identity i on i.channel = :channel "
					+ "and i.address_hash = :hash left join young_person y on y.id = i.young_person_id "
					+ "left join worker w on w.id = i.worker_id")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.map(row -> new Sender(row.get("young_person_id", Long.class), row.get("worker_id", Long.class),
					row.get("preferred_name", String.class), row.get("preferred_language", String.class),
					Boolean.FALSE.equals(row.get("opted_in", Boolean.class))))
			.one();
	}

	/** Stores the language a linked young person chose with the LANGUAGE command. */
	public Mono<Void> setLanguage(long youngPersonId, String language) {
		return this.db.sql("update young_person set preferred_language = :language where id = :id")
			.bind("language", language)
			.bind("id", youngPersonId)
			.then();
	}

	/** Records an opt-in or opt-out; the newest record is the one in force. */
	public Mono<Void> recordConsent(String channel, String address, boolean optedIn, String source) {
		return this.db
			.sql("insert into consent (channel, address_hash, opted_in, source, recorded_at) "
					+ "values (:channel, :hash, :optedIn, :source, :now)")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.bind("optedIn", optedIn)
			.bind("source", source)
			.bind("now", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
			.then();
	}

	/**
	 * Marks a linked address as one that cannot be written to (the person blocked the
	 * bot, say), so check-ins and alerts pass it over; {@link #markReachable} undoes it.
	 */
	public Mono<Void> markUnreachable(String channel, String address, String reason) {
		return this.db
			.sql("update channel_identity set unreachable_at = :now, unreachable_reason = :reason "
					+ "where channel = :channel and address_hash = :hash")
			.bind("now", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
			.bind("reason", reason)
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.then();
	}

	public Mono<Void> markReachable(String channel, String address) {
		return this.db
			.sql("update channel_identity set unreachable_at = null, unreachable_reason = null "
					+ "where channel = :channel and address_hash = :hash")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.then();
	}

	/** Where the address's latest consent change came from, if it ever had one. */
	public Mono<String> latestConsentSource(String channel, String address) {
		return this.db
			.sql("select source from consent where channel = :channel and address_hash = :hash "
					+ "order by recorded_at desc, id desc limit 1")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.map(row -> row.get("source", String.class))
			.one();
	}

	/**
	 * If the whole message (optionally after Telegram's {@code /start}) is a one-time
	 * link code, redeems it for this address; otherwise {@link LinkAttempt#notACode()}.
	 * More than {@value #MAX_FAILURES} failed codes from one address in an hour and even
	 * a right code is refused. An address linked to someone else is never re-linked by a
	 * code: a worker must do it.
	 */
	public Mono<LinkAttempt> tryLink(String channel, String address, String text) {
		String code = LinkCodes.normalise(text);
		if (code == null) {
			return Mono.just(LinkAttempt.notACode());
		}
		String addressHash = this.sealer.hash(address);
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		return recentFailures(addressHash, now).flatMap(failures -> {
			if (failures >= MAX_FAILURES) {
				return Mono.just(new LinkAttempt(LinkAttempt.Outcome.THROTTLED, null));
			}
			return this.db.sql(
					"select id, young_person_id, worker_id, expires_at, used_at from link_code where code_hash = :hash")
				.bind("hash", this.sealer.hash(code))
				.map(row -> new StoredCode(row.get("id", Long.class), row.get("young_person_id", Long.class),
						row.get("worker_id", Long.class), row.get("expires_at", OffsetDateTime.class),
						row.get("used_at", OffsetDateTime.class)))
				.one()
				.flatMap(stored -> redeem(stored, channel, address, addressHash, now))
				.switchIfEmpty(Mono.just(new LinkAttempt(LinkAttempt.Outcome.INVALID, null)))
				.flatMap(attempt -> failed(attempt) ? recordFailure(channel, addressHash, now).thenReturn(attempt)
						: Mono.just(attempt));
		});
	}

	static final int MAX_FAILURES = 5;

	private record StoredCode(long id, Long youngPersonId, Long workerId, OffsetDateTime expiresAt,
			OffsetDateTime usedAt) {
	}

	private static boolean failed(LinkAttempt attempt) {
		return switch (attempt.outcome()) {
			case INVALID, EXPIRED, USED -> true;
			default -> false;
		};
	}

	private Mono<LinkAttempt> redeem(StoredCode code, String channel, String address, String addressHash,
			OffsetDateTime now) {
		if (code.usedAt() != null) {
			return Mono.just(new LinkAttempt(LinkAttempt.Outcome.USED, null));
		}
		if (!now.isBefore(code.expiresAt())) {
			return Mono.just(new LinkAttempt(LinkAttempt.Outcome.EXPIRED, null));
		}
		Mono<LinkAttempt> link = this.db
			.sql("update link_code set used_at = :now, used_channel = :channel where id = :id and used_at is null")
			.bind("now", now)
			.bind("channel", channel)
			.bind("id", code.id())
			.fetch()
			.rowsUpdated()
			.flatMap(updated -> updated == 0 ? Mono.just(new LinkAttempt(LinkAttempt.Outcome.USED, null))
					: insertIdentity(code, channel, address, addressHash, now).then(greetingName(code))
						.map(name -> new LinkAttempt(LinkAttempt.Outcome.LINKED, name)));
		return this.db
			.sql("select young_person_id, worker_id from channel_identity where channel = :channel "
					+ "and address_hash = :hash")
			.bind("channel", channel)
			.bind("hash", addressHash)
			.map(row -> new Long[] { row.get("young_person_id", Long.class), row.get("worker_id", Long.class) })
			.one()
			.flatMap(existing -> {
				boolean same = java.util.Objects.equals(existing[0], code.youngPersonId())
						&& java.util.Objects.equals(existing[1], code.workerId());
				return same ? link : Mono.just(new LinkAttempt(LinkAttempt.Outcome.NEEDS_WORKER, null));
			})
			.switchIfEmpty(link);
	}

	private Mono<Void> insertIdentity(StoredCode code, String channel, String address, String addressHash,
			OffsetDateTime now) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("delete from channel_identity where channel = :channel and address_hash = :hash")
			.bind("channel", channel)
			.bind("hash", addressHash);
		DatabaseClient.GenericExecuteSpec add = this.db
			.sql("insert into channel_identity (channel, address_hash, address_sealed, young_person_id, worker_id, "
					+ "verified_at) values (:channel, :hash, :sealed, :youngPerson, :worker, :now)")
			.bind("channel", channel)
			.bind("hash", addressHash)
			.bind("sealed", this.sealer.seal(address))
			.bind("now", now);
		add = Sql.bindNullable(add, "youngPerson", code.youngPersonId(), Long.class);
		add = Sql.bindNullable(add, "worker", code.workerId(), Long.class);
		DatabaseClient.GenericExecuteSpec audit = this.db
			.sql("insert into audit_event (actor_type, action, subject_type, subject_id, detail, at) "
					+ "values ('SYSTEM', 'CHANNEL_LINKED', :type, :id, :channel, :now)")
			.bind("type", code.youngPersonId() != null ? "YOUNG_PERSON" : "WORKER")
			.bind("id", code.youngPersonId() != null ? code.youngPersonId() : code.workerId())
			.bind("channel", channel)
			.bind("now", now);
		return insert.then().then(add.then()).then(audit.then());
	}

	private Mono<String> greetingName(StoredCode code) {
		String sql = code.youngPersonId() != null
				? "select coalesce(preferred_name, name) as n from young_person where id = :id"
				: "select name as n from worker where id = :id";
		return this.db.sql(sql)
			.bind("id", code.youngPersonId() != null ? code.youngPersonId() : code.workerId())
			.map(row -> row.get("n", String.class))
			.one()
			.defaultIfEmpty("");
	}

	private Mono<Long> recentFailures(String addressHash, OffsetDateTime now) {
		return this.db.sql("select count(*) as n from link_failure where address_hash = :hash and at > :since")
			.bind("hash", addressHash)
			.bind("since", now.minusHours(1))
			.map(row -> row.get("n", Long.class))
			.one();
	}

	private Mono<Void> recordFailure(String channel, String addressHash, OffsetDateTime now) {
		return this.db.sql("insert into link_failure (channel, address_hash, at) values (:channel, :hash, :now)")
			.bind("channel", channel)
			.bind("hash", addressHash)
			.bind("now", now)
			.then();
	}

}
