package app.waymark.announcement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import app.waymark.people.Role;
import app.waymark.people.Worker;
import app.waymark.system.Sql;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;

import static app.waymark.system.Sql.bindNullable;

/**
 * The announcement tables: what was written, its sends, and who may see it. An admin sees
 * every announcement; a manager those for their team and their own, and an admin's that
 * reached their team (read-only).
 */
@Component
class Announcements {

	static final String MAIN = "MAIN";

	static final String REMINDER = "REMINDER";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final Clock clock;

	Announcements(DatabaseClient db, TransactionalOperator transaction, Clock clock) {
		this.db = db;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * An announcement as stored.
	 *
	 * @param id its id
	 * @param body the message
	 * @param audience who it is for
	 * @param eventAt the event it is about, or null
	 * @param createdBy the worker who wrote it
	 * @param createdAt when
	 * @param cancelledAt when it was cancelled, or null
	 */
	record Announcement(long id, String body, Audience audience, OffsetDateTime eventAt, long createdBy,
			OffsetDateTime createdAt, OffsetDateTime cancelledAt) {
	}

	/**
	 * One going-out of an announcement.
	 *
	 * @param id its id
	 * @param announcementId the announcement
	 * @param kind MAIN or REMINDER
	 * @param body the text it sends
	 * @param sendAt when it is due
	 * @param status SCHEDULED, EXPANDED or CANCELLED
	 */
	record Send(long id, long announcementId, String kind, String body, OffsetDateTime sendAt, String status) {

		boolean reminder() {
			return REMINDER.equals(this.kind);
		}

	}

	Mono<Long> create(Draft.Checked.Valid draft, Worker author) {
		OffsetDateTime now = now();
		Audience audience = draft.audience();
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into announcement (body, team, language, min_age, max_age, left_care_months, scope_team, "
					+ "event_at, created_by, created_at) values (:body, :team, :language, :minAge, :maxAge, :months, "
					+ ":scope, :eventAt, :author, :now)")
			.bind("body", draft.body())
			.bind("author", author.id())
			.bind("now", now);
		insert = bindNullable(insert, "team", audience.team(), String.class);
		insert = bindNullable(insert, "language", audience.language(), String.class);
		insert = bindNullable(insert, "minAge", audience.minAge(), Integer.class);
		insert = bindNullable(insert, "maxAge", audience.maxAge(), Integer.class);
		insert = bindNullable(insert, "months", audience.leftCareMonths(), Integer.class);
		insert = bindNullable(insert, "scope", audience.scopeTeam(), String.class);
		insert = bindNullable(insert, "eventAt",
				draft.eventAt() == null ? null
						: draft.eventAt().toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC),
				OffsetDateTime.class);
		Mono<Long> work = insert.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.flatMap(id -> addSend(id, MAIN, draft.body(), utc(draft.sendAt())).then(draft.reminderAt() == null
					? Mono.empty() : addSend(id, REMINDER, draft.reminderBody(), utc(draft.reminderAt())))
				.thenReturn(id));
		return this.transaction.transactional(work);
	}

	private Mono<Void> addSend(long announcementId, String kind, String body, OffsetDateTime at) {
		return this.db
			.sql("insert into announcement_send (announcement_id, kind, body, send_at, status) "
					+ "values (:id, :kind, :body, :at, 'SCHEDULED')")
			.bind("id", announcementId)
			.bind("kind", kind)
			.bind("body", body)
			.bind("at", at)
			.then();
	}

	private static final String COLUMNS = "a.id, a.body, a.team, a.language, a.min_age, a.max_age, a.left_care_months, "
			+ "a.scope_team, a.event_at, a.created_by, a.created_at, a.cancelled_at";

	/**
	 * Who sees an announcement: an admin every one; a manager their own, those scoped to
	 * their team, and, read-only, an admin's that is for their team or reached someone in
	 * it (so they know what their young people were told).
	 */
	private static final String VISIBLE = "(:admin or a.created_by = :me or a.scope_team = :team "
			+ "or (a.scope_team is null and (lower(a.team) = lower(:team) or exists (select 1 from announcement_send s "
			+ "join announcement_recipient r on r.send_id = s.id join young_person y on y.id = r.young_person_id "
			+ "where s.announcement_id = a.id and lower(y.team) = lower(:team)))))";

	/** The newest first, as many as {@code max}. */
	Flux<Announcement> list(Worker viewer, int max) {
		return visible(this.db.sql("select " + COLUMNS + " from announcement a where " + VISIBLE
				+ " order by a.created_at desc, a.id desc limit :max"), viewer)
			.bind("max", max)
			.map(Announcements::announcement)
			.all();
	}

	/**
	 * The announcement if the viewer may see it; 404 otherwise (its existence is theirs
	 * to know only).
	 */
	Mono<Announcement> find(long id, Worker viewer) {
		return visible(this.db.sql("select " + COLUMNS + " from announcement a where a.id = :id and " + VISIBLE),
				viewer)
			.bind("id", id)
			.map(Announcements::announcement)
			.one()
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such announcement.")));
	}

	Flux<Send> sends(long announcementId) {
		return this.db
			.sql("select id, announcement_id, kind, body, send_at, status from announcement_send "
					+ "where announcement_id = :id order by send_at, id")
			.bind("id", announcementId)
			.map(Announcements::send)
			.all();
	}

	/** The sends of these announcements, for the list page. */
	Flux<Send> sends(List<Long> announcementIds) {
		if (announcementIds.isEmpty()) {
			return Flux.empty();
		}
		return this.db
			.sql("select id, announcement_id, kind, body, send_at, status from announcement_send "
					+ "where announcement_id in (:ids) order by send_at, id")
			.bind("ids", announcementIds)
			.map(Announcements::send)
			.all();
	}

	/**
	 * Cancels what has not gone yet: sends still scheduled, and recipients still waiting
	 * out their quiet hours. What is queued already goes. False when nothing was left to
	 * cancel.
	 */
	Mono<Boolean> cancel(long id, Worker by) {
		OffsetDateTime now = now();
		Mono<Boolean> work = this.db
			.sql("update announcement set cancelled_at = :now, cancelled_by = :by where id = :id "
					+ "and cancelled_at is null")
			.bind("now", now)
			.bind("by", by.id())
			.bind("id", id)
			.fetch()
			.rowsUpdated()
			.flatMap(cancelled -> this.db
				.sql("update announcement_send set status = 'CANCELLED' where announcement_id = :id "
						+ "and status = 'SCHEDULED'")
				.bind("id", id)
				.fetch()
				.rowsUpdated()
				.flatMap(sends -> this.db
					.sql("update announcement_recipient set status = 'SKIPPED', reason = 'cancelled' "
							+ "where status = 'WAITING' and send_id in (select s.id from announcement_send s "
							+ "where s.announcement_id = :id)")
					.bind("id", id)
					.fetch()
					.rowsUpdated()
					.map(waiting -> cancelled > 0 && sends + waiting > 0)));
		return this.transaction.transactional(work);
	}

	/** Active young people (of one team, when a manager's), as an audience sees them. */
	Mono<List<Audience.Candidate>> candidates(String scopeTeam) {
		return bindNullable(this.db.sql("select id, team, preferred_language, date_of_birth, left_care_on, "
				+ "quiet_start, quiet_end from young_person where status = 'ACTIVE' "
				+ "and (cast(:scope as varchar(100)) is null or lower(team) = lower(cast(:scope as varchar(100)))) "
				+ "order by id"), "scope", scopeTeam, String.class)
			.map(row -> new Audience.Candidate(row.get("id", Long.class), row.get("team", String.class),
					row.get("preferred_language", String.class), row.get("date_of_birth", LocalDate.class),
					row.get("left_care_on", LocalDate.class), row.get("quiet_start", LocalTime.class),
					row.get("quiet_end", LocalTime.class)))
			.all()
			.collectList();
	}

	/** The teams and languages of active young people, for the form's lists. */
	Mono<List<String>> teams(String scopeTeam) {
		return distinct("team", scopeTeam);
	}

	Mono<List<String>> languages(String scopeTeam) {
		return distinct("preferred_language", scopeTeam);
	}

	private Mono<List<String>> distinct(String column, String scopeTeam) {
		return bindNullable(this.db.sql("select distinct " + column + " as v from young_person where status = 'ACTIVE' "
				+ "and " + column + " is not null "
				+ "and (cast(:scope as varchar(100)) is null or lower(team) = lower(cast(:scope as varchar(100)))) "
				+ "order by v"), "scope", scopeTeam, String.class)
			.map(row -> row.get("v", String.class))
			.all()
			.collectList();
	}

	/**
	 * Whether the viewer may change (cancel) it: an admin any; a manager their own and
	 * those scoped to their team, not an admin's that only reached their team.
	 */
	static boolean manages(Worker viewer, Announcement announcement) {
		return viewer.role() == Role.ADMIN || announcement.createdBy() == viewer.id()
				|| (announcement.audience().scopeTeam() != null
						&& announcement.audience().scopeTeam().equals(viewer.team()));
	}

	/** The team a viewer's announcements are limited to: null for an admin. */
	static String scopeOf(Worker worker) {
		return worker.role() == Role.ADMIN ? null : worker.team() == null ? "" : worker.team();
	}

	private DatabaseClient.GenericExecuteSpec visible(DatabaseClient.GenericExecuteSpec spec, Worker viewer) {
		return spec.bind("admin", viewer.role() == Role.ADMIN)
			.bind("me", viewer.id())
			// no team matches no team: an empty string never equals a null column
			.bind("team", viewer.team() == null ? "" : viewer.team());
	}

	static Announcement announcement(Readable row) {
		return new Announcement(row.get("id", Long.class), row.get("body", String.class),
				new Audience(row.get("team", String.class), row.get("language", String.class),
						row.get("min_age", Integer.class), row.get("max_age", Integer.class),
						row.get("left_care_months", Integer.class), row.get("scope_team", String.class)),
				row.get("event_at", OffsetDateTime.class), row.get("created_by", Long.class),
				row.get("created_at", OffsetDateTime.class), row.get("cancelled_at", OffsetDateTime.class));
	}

	static Send send(Readable row) {
		return new Send(row.get("id", Long.class), row.get("announcement_id", Long.class),
				row.get("kind", String.class), row.get("body", String.class), row.get("send_at", OffsetDateTime.class),
				row.get("status", String.class));
	}

	private OffsetDateTime now() {
		return Sql.now(this.clock);
	}

	/** In milliseconds, as the sender compares it. */
	private static OffsetDateTime utc(java.time.Instant at) {
		return at.atOffset(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
	}

}
