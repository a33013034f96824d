package app.waymark.workerapp;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import app.waymark.system.Sealer;

import org.springframework.r2dbc.core.DatabaseClient;

/** Rows for the worker app's tests, written with plain SQL into any test database. */
final class Fixtures {

	final DatabaseClient db;

	final Sealer sealer;

	Fixtures(DatabaseClient db, Sealer sealer) {
		this.db = db;
		this.sealer = sealer;
	}

	static OffsetDateTime at(String instant) {
		return OffsetDateTime.parse(instant).withOffsetSameInstant(ZoneOffset.UTC);
	}

	long worker(String email, String role, String team, String passwordHash) {
		var insert = this.db
			.sql("insert into worker (name, email, role, team, password_hash, created_at) "
					+ "values (:name, :email, :role, :team, :password, :now)")
			.bind("name", "Worker " + email)
			.bind("email", email)
			.bind("role", role)
			.bind("team", team)
			.bind("now", at("2026-01-01T00:00:00Z"));
		insert = passwordHash == null ? insert.bindNull("password", String.class)
				: insert.bind("password", passwordHash);
		return insert.filter(s -> s.returnGeneratedValues("id")).map(row -> row.get("id", Long.class)).one().block();
	}

	long youngPerson(String reference, String name, String team, long workerId) {
		long id = this.db
			.sql("insert into young_person (case_reference, name, team, created_at, updated_at) "
					+ "values (:ref, :name, :team, :now, :now)")
			.bind("ref", reference)
			.bind("name", name)
			.bind("team", team)
			.bind("now", at("2026-01-01T00:00:00Z"))
			.filter(s -> s.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
		this.db.sql("insert into allocation (young_person_id, worker_id, starts_at) values (:yp, :worker, :now)")
			.bind("yp", id)
			.bind("worker", workerId)
			.bind("now", at("2026-01-01T00:00:00Z"))
			.then()
			.block();
		return id;
	}

	void identity(long youngPersonId, String channel, String address, Boolean optedIn, boolean unreachable) {
		var insert = this.db
			.sql("insert into channel_identity (channel, address_hash, address_sealed, young_person_id, verified_at, "
					+ "unreachable_at) values (:channel, :hash, :sealed, :yp, :now, :unreachable)")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.bind("sealed", this.sealer.seal(address))
			.bind("yp", youngPersonId)
			.bind("now", at("2026-01-01T00:00:00Z"));
		insert = unreachable ? insert.bind("unreachable", at("2026-01-02T00:00:00Z"))
				: insert.bindNull("unreachable", OffsetDateTime.class);
		insert.then().block();
		if (optedIn != null) {
			this.db
				.sql("insert into consent (channel, address_hash, opted_in, source, recorded_at) "
						+ "values (:channel, :hash, :in, 'WORKER', :now)")
				.bind("channel", channel)
				.bind("hash", this.sealer.hash(address))
				.bind("in", optedIn)
				.bind("now", at("2026-01-01T00:00:00Z"))
				.then()
				.block();
		}
	}

	long message(long youngPersonId, String channel, String direction, String text, String status, String when) {
		return this.db
			.sql("insert into message (channel, direction, address_hash, young_person_id, body_sealed, status, "
					+ "created_at, updated_at) values (:channel, :direction, 'h', :yp, :body, :status, :at, :at)")
			.bind("channel", channel)
			.bind("direction", direction)
			.bind("yp", youngPersonId)
			.bind("body", this.sealer.seal(text))
			.bind("status", status)
			.bind("at", at(when))
			.filter(s -> s.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
	}

	/**
	 * A message on the young person's timeline: theirs ({@code IN}) or one sent to them
	 * of this kind, by this worker if a worker wrote it.
	 */
	long said(long youngPerson, String direction, String kind, Long worker, String text, OffsetDateTime at) {
		var insert = this.db.sql(
				"insert into message (channel, direction, address_hash, young_person_id, worker_id, body_sealed, kind, "
						+ "status, created_at, updated_at) values ('sms', :direction, 'h', :yp, :worker, :body, :kind, "
						+ ":status, :at, :at)")
			.bind("direction", direction)
			.bind("yp", youngPerson)
			.bind("body", this.sealer.seal(text))
			.bind("status", direction.equals("IN") ? "REPLIED" : "SENT")
			.bind("at", at);
		insert = kind == null ? insert.bindNull("kind", String.class) : insert.bind("kind", kind);
		insert = worker == null ? insert.bindNull("worker", Long.class) : insert.bind("worker", worker);
		return insert.filter(s -> s.returnGeneratedValues("id")).map(row -> row.get("id", Long.class)).one().block();
	}

	void checkIn(long youngPersonId, String status, String answer, String sentAt) {
		var insert = this.db
			.sql("insert into check_in (young_person_id, channel, status, answer, sent_at, answered_at) "
					+ "values (:yp, 'sms', :status, :answer, :sent, :answered)")
			.bind("yp", youngPersonId)
			.bind("status", status)
			.bind("sent", at(sentAt));
		insert = answer == null ? insert.bindNull("answer", String.class).bindNull("answered", OffsetDateTime.class)
				: insert.bind("answer", answer).bind("answered", at(sentAt).plusHours(1));
		insert.then().block();
	}

	long alert(Long youngPersonId, String level, Long workerId, String when) {
		var insert = this.db
			.sql("insert into alert (young_person_id, level, reason, status, worker_id, created_at) "
					+ "values (:yp, :level, 'CRISIS', 'OPEN', :worker, :at)")
			.bind("level", level)
			.bind("at", at(when));
		insert = youngPersonId == null ? insert.bindNull("yp", Long.class) : insert.bind("yp", youngPersonId);
		insert = workerId == null ? insert.bindNull("worker", Long.class) : insert.bind("worker", workerId);
		return insert.filter(s -> s.returnGeneratedValues("id")).map(row -> row.get("id", Long.class)).one().block();
	}

	long count(String sql, Object... params) {
		var spec = this.db.sql(sql);
		for (int i = 0; i < params.length; i += 2) {
			spec = spec.bind((String) params[i], params[i + 1]);
		}
		return spec.map(row -> ((Number) row.get(0)).longValue()).one().block();
	}

	String string(String sql, Object... params) {
		var spec = this.db.sql(sql);
		for (int i = 0; i < params.length; i += 2) {
			spec = spec.bind((String) params[i], params[i + 1]);
		}
		return spec.map(row -> row.get(0, String.class)).one().block();
	}

}
