package app.waymark.workerapp;

import java.time.Clock;

import app.waymark.system.Sealer;
import app.waymark.system.Sql;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Workers' private notes on a young person: for other workers who may see them, never
 * sent to the young person. The text is sealed as message text is. Callers check access.
 */
@Component
class Notes {

	static final int MAX_LENGTH = 2000;

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Clock clock;

	Notes(DatabaseClient db, Sealer sealer, Clock clock) {
		this.db = db;
		this.sealer = sealer;
		this.clock = clock;
	}

	Mono<Void> add(long youngPersonId, long workerId, String text) {
		String note = text == null ? "" : text.strip();
		if (note.isEmpty() || note.length() > MAX_LENGTH) {
			return Mono.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"A note needs some words, at most " + MAX_LENGTH + " characters."));
		}
		return this.db
			.sql("insert into worker_note (young_person_id, worker_id, body_sealed, created_at) "
					+ "values (:youngPerson, :worker, :body, :now)")
			.bind("youngPerson", youngPersonId)
			.bind("worker", workerId)
			.bind("body", this.sealer.seal(note))
			.bind("now", Sql.now(this.clock))
			.then();
	}

}
