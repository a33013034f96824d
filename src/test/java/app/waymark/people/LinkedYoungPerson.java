package app.waymark.people;

import java.time.OffsetDateTime;
import java.util.UUID;

import app.waymark.system.Sealer;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * A young person (Samira, known as Sam) whose number or chat is already linked, written
 * straight into the database as a redeemed link code leaves them: for tests about what
 * happens next, not about linking.
 */
public final class LinkedYoungPerson {

	private LinkedYoungPerson() {
	}

	/** Gives the young person's id. */
	public static long insert(DatabaseClient db, Sealer sealer, String channel, String address, OffsetDateTime at) {
		long id = db
			.sql("insert into young_person (case_reference, name, preferred_name, created_at, updated_at) "
					+ "values (:ref, 'Samira Example', 'Sam', :at, :at)")
			.bind("ref", "LINKED-" + UUID.randomUUID())
			.bind("at", at)
			.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
		db.sql("insert into channel_identity (channel, address_hash, address_sealed, young_person_id, verified_at) "
				+ "values (:channel, :hash, :sealed, :id, :at)")
			.bind("channel", channel)
			.bind("hash", sealer.hash(address))
			.bind("sealed", sealer.seal(address))
			.bind("id", id)
			.bind("at", at)
			.then()
			.block();
		return id;
	}

}
