package app.waymark.people;

import java.time.Clock;
import java.time.LocalDate;

import app.waymark.system.Sql;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/** Workers and their absences in the database. */
@Component
class Workers {

	static final String COLUMNS = "w.id, w.name, w.email, w.role, w.team, w.alert_channels, w.working_hours, "
			+ "w.on_duty, w.active";

	private final DatabaseClient db;

	private final Clock clock;

	Workers(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	static Worker map(Readable row) {
		return new Worker(row.get("id", Long.class), row.get("name", String.class), row.get("email", String.class),
				Role.valueOf(row.get("role", String.class)), row.get("team", String.class),
				row.get("alert_channels", String.class), row.get("working_hours", String.class),
				row.get("on_duty", Boolean.class), row.get("active", Boolean.class));
	}

	Mono<Worker> byEmail(String email) {
		return this.db.sql("select " + COLUMNS + " from worker w where lower(w.email) = lower(:email)")
			.bind("email", email)
			.map(Workers::map)
			.one();
	}

	Mono<Worker> byId(long id) {
		return this.db.sql("select " + COLUMNS + " from worker w where w.id = :id")
			.bind("id", id)
			.map(Workers::map)
			.one();
	}

	Flux<Worker> all() {
		return this.db.sql("select " + COLUMNS + " from worker w order by w.id").map(Workers::map).all();
	}

	/**
	 * Raised whenever the password, role or active flag changes: a session that began
	 * with another number is over.
	 */
	Mono<Integer> sessionVersion(String email) {
		return this.db.sql("select session_version from worker where lower(email) = lower(:email)")
			.bind("email", email)
			.map(row -> row.get("session_version", Integer.class))
			.one();
	}

	Mono<String> passwordHash(String email) {
		return this.db
			.sql("select password_hash from worker where lower(email) = lower(:email) and active "
					+ "and password_hash is not null")
			.bind("email", email)
			.map(row -> row.get("password_hash", String.class))
			.one();
	}

	Mono<Long> create(String name, String email, Role role, String team, String passwordHash) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into worker (name, email, role, team, password_hash, created_at) "
					+ "values (:name, :email, :role, :team, :password, :now)")
			.bind("name", name)
			.bind("email", email)
			.bind("role", role.name())
			.bind("now", Sql.now(this.clock));
		insert = Sql.bindNullable(insert, "team", team, String.class);
		insert = Sql.bindNullable(insert, "password", passwordHash, String.class);
		return insert.filter(s -> s.returnGeneratedValues("id")).map(row -> row.get("id", Long.class)).one();
	}

	/**
	 * Changes a worker; a change of role or active flag also ends their sign-in sessions
	 * (see {@link #sessionVersion}).
	 */
	Mono<Void> update(Worker worker) {
		// the right-hand side reads the row as it was, so the comparison sees the old
		// role
		DatabaseClient.GenericExecuteSpec update = this.db
			.sql("update worker set session_version = session_version + case when role <> :role "
					+ "or active <> :active then 1 else 0 end, name = :name, role = :role, team = :team, "
					+ "alert_channels = :channels, working_hours = :hours, on_duty = :onDuty, active = :active "
					+ "where id = :id")
			.bind("name", worker.name())
			.bind("role", worker.role().name())
			.bind("channels", worker.alertChannels())
			.bind("hours", worker.workingHours())
			.bind("onDuty", worker.onDuty())
			.bind("active", worker.active())
			.bind("id", worker.id());
		return Sql.bindNullable(update, "team", worker.team(), String.class).then();
	}

	/** Sets the password and ends the worker's sign-in sessions. */
	Mono<Void> setPassword(long id, String passwordHash) {
		return this.db
			.sql("update worker set password_hash = :hash, session_version = session_version + 1 where id = :id")
			.bind("hash", passwordHash)
			.bind("id", id)
			.then();
	}

	Mono<Long> addAbsence(long workerId, LocalDate startsOn, LocalDate endsOn, String reason) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into worker_absence (worker_id, starts_on, ends_on, reason) "
					+ "values (:worker, :starts, :ends, :reason)")
			.bind("worker", workerId)
			.bind("starts", startsOn)
			.bind("ends", endsOn);
		insert = Sql.bindNullable(insert, "reason", reason, String.class);
		return insert.filter(s -> s.returnGeneratedValues("id")).map(row -> row.get("id", Long.class)).one();
	}

	/** An absence as the workers screen lists it. */
	record Absence(long id, long workerId, LocalDate startsOn, LocalDate endsOn, String reason) {
	}

	/** Absences that have not ended by {@code today}, soonest first. */
	Flux<Absence> absencesFrom(LocalDate today) {
		return this.db
			.sql("select id, worker_id, starts_on, ends_on, reason from worker_absence where ends_on >= :today "
					+ "order by starts_on, id")
			.bind("today", today)
			.map(row -> new Absence(((Number) row.get("id")).longValue(), ((Number) row.get("worker_id")).longValue(),
					row.get("starts_on", LocalDate.class), row.get("ends_on", LocalDate.class),
					row.get("reason", String.class)))
			.all();
	}

}
