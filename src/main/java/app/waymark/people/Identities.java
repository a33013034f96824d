package app.waymark.people;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

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
		String hash = this.sealer.hash(address);
		Mono<Boolean> optedOut = optedOut(channel, hash);
		return this.db
			.sql("select i.young_person_id, i.worker_id, coalesce(y.preferred_name, y.name, w.name) as preferred_name, "
					+ "y.preferred_language from channel_identity i left join young_person y on y.id = i.young_person_id "
					+ "left join worker w on w.id = i.worker_id where i.channel = :channel and i.address_hash = :hash")
			.bind("channel", channel)
			.bind("hash", hash)
			.map(row -> new Sender(row.get("young_person_id", Long.class), row.get("worker_id", Long.class),
					row.get("preferred_name", String.class), row.get("preferred_language", String.class), false))
			.one()
			.defaultIfEmpty(Sender.unknown())
			.zipWith(optedOut, (sender, out) -> new Sender(sender.youngPersonId(), sender.workerId(),
					sender.preferredName(), sender.language(), out));
	}

	private Mono<Boolean> optedOut(String channel, String hash) {
		return this.db
			.sql("select opted_in from consent where channel = :channel and address_hash = :hash "
					+ "order by recorded_at desc, id desc limit 1")
			.bind("channel", channel)
			.bind("hash", hash)
			.map(row -> !row.get("opted_in", Boolean.class))
			.one()
			.defaultIfEmpty(false);
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
	 * If the message is a one-time link code, redeems it for this address. Codes are
	 * issued and redeemed by the people feature (see the people issue); until a code
	 * exists every message is simply not a code.
	 */
	public Mono<LinkAttempt> tryLink(String channel, String address, String text) {
		return Mono.just(LinkAttempt.notACode());
	}

}
