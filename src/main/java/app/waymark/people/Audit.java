package app.waymark.people;

import java.time.Clock;

import app.waymark.system.Sql;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Who read or changed whose record, and when. Never the content: only actor, action and
 * subject.
 */
@Component
class Audit {

	private final DatabaseClient db;

	private final Clock clock;

	Audit(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	Mono<Void> record(String actorType, Long actorId, String action, String subjectType, Long subjectId) {
		return record(actorType, actorId, action, subjectType, subjectId, null);
	}

	Mono<Void> record(String actorType, Long actorId, String action, String subjectType, Long subjectId,
			String detail) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into audit_event (actor_type, actor_id, action, subject_type, subject_id, detail, at) "
					+ "values (:actorType, :actorId, :action, :subjectType, :subjectId, :detail, :at)")
			.bind("actorType", actorType)
			.bind("action", action)
			.bind("subjectType", subjectType)
			.bind("at", Sql.now(this.clock));
		insert = Sql.bindNullable(insert, "actorId", actorId, Long.class);
		insert = Sql.bindNullable(insert, "subjectId", subjectId, Long.class);
		insert = Sql.bindNullable(insert, "detail", detail == null ? null : truncate(detail), String.class);
		return insert.then();
	}

	Mono<Void> byWorker(Worker actor, String action, String subjectType, Long subjectId) {
		return record(actor.role() == Role.ADMIN ? "ADMIN" : "WORKER", actor.id(), action, subjectType, subjectId);
	}

	private static String truncate(String detail) {
		return detail.length() > 500 ? detail.substring(0, 500) : detail;
	}

}
