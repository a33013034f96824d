package app.waymark.people;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;

import app.waymark.system.Sql;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Young people in the database, and the access rule: a worker sees the young people
 * allocated to them, plus (when on duty) their team's young people with no allocation or
 * whose worker is absent today; a manager sees their team; an admin sees everyone.
 */
@Component
class YoungPeople {

	private static final String SELECT = "select y.id, y.case_reference, y.name, y.preferred_name, y.date_of_birth, "
			+ "y.preferred_language, y.status, y.quiet_start, y.quiet_end, y.left_care_on, y.team, "
			+ "a.worker_id as allocated_worker from young_person y "
			+ "left join allocation a on a.young_person_id = y.id and a.ends_at is null ";

	/** One condition for both the caseload list and the single-record check. */
	static final String VISIBLE = "(:admin or (:manager and y.team = :team) or a.worker_id = :me "
			+ "or (:onDuty and y.team = :team and (a.id is null or exists (select 1 from worker_absence b "
			+ "where b.worker_id = a.worker_id and b.starts_on <= :today and b.ends_on >= :today))))";

	private final DatabaseClient db;

	private final Clock clock;

	YoungPeople(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	static YoungPerson map(Readable row) {
		return new YoungPerson(row.get("id", Long.class), row.get("case_reference", String.class),
				row.get("name", String.class), row.get("preferred_name", String.class),
				row.get("date_of_birth", LocalDate.class), row.get("preferred_language", String.class),
				row.get("status", String.class), row.get("quiet_start", LocalTime.class),
				row.get("quiet_end", LocalTime.class), row.get("left_care_on", LocalDate.class),
				row.get("team", String.class), row.get("allocated_worker", Long.class));
	}

	Mono<YoungPerson> byId(long id) {
		return this.db.sql(SELECT + "where y.id = :id").bind("id", id).map(YoungPeople::map).one();
	}

	Mono<YoungPerson> byCaseReference(String caseReference) {
		return this.db.sql(SELECT + "where y.case_reference = :ref")
			.bind("ref", caseReference)
			.map(YoungPeople::map)
			.one();
	}

	Flux<YoungPerson> caseload(Worker caller) {
		return visibility(this.db.sql(SELECT + "where " + VISIBLE + " order by y.id"), caller).map(YoungPeople::map)
			.all();
	}

	Mono<Boolean> visible(Worker caller, long id) {
		return visibility(this.db.sql("select y.id from young_person y left join allocation a "
				+ "on a.young_person_id = y.id and a.ends_at is null where y.id = :id and " + VISIBLE), caller)
			.bind("id", id)
			.map(row -> true)
			.first()
			.defaultIfEmpty(false);
	}

	DatabaseClient.GenericExecuteSpec visibility(DatabaseClient.GenericExecuteSpec spec, Worker caller) {
		return spec.bind("admin", caller.role() == Role.ADMIN)
			.bind("manager", caller.role() == Role.MANAGER)
			.bind("onDuty", caller.onDuty())
			// no team matches no team: an empty string never equals a null column
			.bind("team", caller.team() == null ? "" : caller.team())
			.bind("me", caller.id())
			.bind("today", LocalDate.now(this.clock));
	}

	Mono<Long> create(YoungPerson person) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into young_person (case_reference, name, preferred_name, date_of_birth, preferred_language, "
					+ "left_care_on, team, created_at, updated_at) "
					+ "values (:ref, :name, :preferred, :dob, :language, :leftCare, :team, :now, :now)")
			.bind("ref", person.caseReference())
			.bind("name", person.name())
			.bind("language", person.preferredLanguage() == null ? "en" : person.preferredLanguage())
			.bind("now", Sql.now(this.clock));
		insert = Sql.bindNullable(insert, "preferred", person.preferredName(), String.class);
		insert = Sql.bindNullable(insert, "dob", person.dateOfBirth(), LocalDate.class);
		insert = Sql.bindNullable(insert, "leftCare", person.leftCareOn(), LocalDate.class);
		insert = Sql.bindNullable(insert, "team", person.team(), String.class);
		return insert.filter(s -> s.returnGeneratedValues("id")).map(row -> row.get("id", Long.class)).one();
	}

	Mono<Void> update(YoungPerson person) {
		DatabaseClient.GenericExecuteSpec update = this.db
			.sql("update young_person set name = :name, preferred_name = :preferred, date_of_birth = :dob, "
					+ "preferred_language = :language, status = :status, quiet_start = :quietStart, "
					+ "quiet_end = :quietEnd, left_care_on = :leftCare, team = :team, updated_at = :now where id = :id")
			.bind("name", person.name())
			.bind("language", person.preferredLanguage())
			.bind("status", person.status())
			.bind("quietStart", person.quietStart())
			.bind("quietEnd", person.quietEnd())
			.bind("now", Sql.now(this.clock))
			.bind("id", person.id());
		update = Sql.bindNullable(update, "preferred", person.preferredName(), String.class);
		update = Sql.bindNullable(update, "dob", person.dateOfBirth(), LocalDate.class);
		update = Sql.bindNullable(update, "leftCare", person.leftCareOn(), LocalDate.class);
		update = Sql.bindNullable(update, "team", person.team(), String.class);
		return update.then();
	}

}
