package app.waymark.workerapp;

import java.time.Clock;

import app.waymark.system.Sql;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The replies workers pick from on a young person's page; an admin keeps the list.
 * Callers check the role.
 */
@Component
class CannedReplies {

	static final int MAX_TITLE = 80;

	static final int MAX_BODY = 1000;

	private final DatabaseClient db;

	private final Clock clock;

	CannedReplies(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	Flux<Views.CannedReply> all() {
		return this.db.sql("select id, title, body from canned_reply order by lower(title), id")
			.map(row -> new Views.CannedReply(row.get("id", Long.class), row.get("title", String.class),
					row.get("body", String.class)))
			.all();
	}

	Mono<Views.CannedReply> find(long id) {
		return this.db.sql("select id, title, body from canned_reply where id = :id")
			.bind("id", id)
			.map(row -> new Views.CannedReply(row.get("id", Long.class), row.get("title", String.class),
					row.get("body", String.class)))
			.one();
	}

	Mono<Void> add(String title, String body, long adminId) {
		return valid(title, body).then(this.db
			.sql("insert into canned_reply (title, body, updated_by, updated_at) values (:title, :body, :by, :now)")
			.bind("title", title.strip())
			.bind("body", body.strip())
			.bind("by", adminId)
			.bind("now", Sql.now(this.clock))
			.then());
	}

	Mono<Void> change(long id, String title, String body, long adminId) {
		return valid(title, body).then(this.db
			.sql("update canned_reply set title = :title, body = :body, updated_by = :by, updated_at = :now "
					+ "where id = :id")
			.bind("id", id)
			.bind("title", title.strip())
			.bind("body", body.strip())
			.bind("by", adminId)
			.bind("now", Sql.now(this.clock))
			.fetch()
			.rowsUpdated()
			.flatMap(CannedReplies::found));
	}

	Mono<Void> delete(long id) {
		return this.db.sql("delete from canned_reply where id = :id")
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.flatMap(CannedReplies::found);
	}

	private static Mono<Void> found(Long rows) {
		return rows == 0 ? Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such canned reply."))
				: Mono.empty();
	}

	private static Mono<Void> valid(String title, String body) {
		String t = title == null ? "" : title.strip();
		String b = body == null ? "" : body.strip();
		if (t.isEmpty() || t.length() > MAX_TITLE || b.isEmpty() || b.length() > MAX_BODY) {
			return Mono
				.error(new ResponseStatusException(HttpStatus.BAD_REQUEST, "A canned reply needs a title (at most "
						+ MAX_TITLE + " characters) and words (at most " + MAX_BODY + ")."));
		}
		return Mono.empty();
	}

}
