package app.waymark.workerapp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import app.waymark.channel.RetentionSettings;
import app.waymark.system.Sealer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * One young person's history in time order, across channels and both sides: what they
 * wrote, what the bot answered (crisis replies marked), workers' replies and private
 * notes, check-ins and their answers, alerts raised and acknowledged. Read a page at a
 * time, newest first, so a long history stays as fast as a short one: each source gives
 * at most a page and one more, and the merge keeps the newest page. Callers check access
 * first.
 */
@Component
class Timeline {

	/** Before everything: the first page's cursor. */
	private static final OffsetDateTime END = OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

	/**
	 * Messages the timeline shows through other rows (an alert to a worker is the alert;
	 * a check-in is its check-in row) or that are not about the young person at all.
	 */
	private static final String HIDDEN_KINDS = "('ALERT', 'CHECK_IN', 'WORKER_COMMAND')";

	private final DatabaseClient db;

	private final Sealer sealer;

	private final RetentionSettings retention;

	Timeline(DatabaseClient db, Sealer sealer, RetentionSettings retention) {
		this.db = db;
		this.sealer = sealer;
		this.retention = retention;
	}

	/**
	 * Up to {@code size} entries older than {@code before} (microseconds since the epoch,
	 * null for the newest), oldest first, and the cursor for the page before it.
	 */
	Mono<Views.TimelinePage> page(long youngPersonId, String name, Long before, int size) {
		OffsetDateTime cursor = before == null ? END
				: Instant.EPOCH.plus(before, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
		int max = size + 1;
		return Flux
			.concat(messages(youngPersonId, name, cursor, max), checkIns(youngPersonId, cursor, max),
					alerts(youngPersonId, cursor, max), alertSteps(youngPersonId, cursor, max),
					notes(youngPersonId, cursor, max))
			.collectList()
			.map(entries -> cut(entries, size));
	}

	/**
	 * The newest {@code size} entries. When more remain, entries at the very moment of
	 * the oldest one kept go to the next page together (the cursor is "strictly before"),
	 * unless the whole page is that one moment.
	 */
	static Views.TimelinePage cut(List<Views.Entry> entries, int size) {
		List<Views.Entry> newestFirst = new ArrayList<>(entries);
		newestFirst.sort(Comparator.comparing(Views.Entry::at).thenComparing(Views.Entry::order).reversed());
		if (newestFirst.size() <= size) {
			return new Views.TimelinePage(newestFirst.reversed(), null);
		}
		List<Views.Entry> kept = new ArrayList<>(newestFirst.subList(0, size));
		Instant boundary = kept.getLast().at().toInstant();
		Instant next = newestFirst.get(size).at().toInstant();
		Instant cursor = boundary;
		if (next.equals(boundary)) {
			List<Views.Entry> before = kept.stream().filter(e -> !e.at().toInstant().equals(boundary)).toList();
			if (!before.isEmpty()) {
				kept = new ArrayList<>(before);
				// the next page starts with that moment
				cursor = boundary.plus(1, ChronoUnit.MICROS);
			}
			// else one moment fills the page: it is shown and the rest of that moment is
			// skipped rather than the page repeating itself (rare)
		}
		return new Views.TimelinePage(kept.reversed(), ChronoUnit.MICROS.between(Instant.EPOCH, cursor));
	}

	private Flux<Views.Entry> messages(long youngPersonId, String name, OffsetDateTime before, int max) {
		return this.db
			.sql("select m.id, m.created_at, m.channel, m.direction, m.body_sealed, m.kind, m.status, "
					+ "w.name as worker_name from message m left join worker w on w.id = m.worker_id "
					+ "where m.young_person_id = :id and m.created_at < :before and (m.kind is null or m.kind not in "
					+ HIDDEN_KINDS + ") order by m.created_at desc, m.id desc limit :max")
			.bind("id", youngPersonId)
			.bind("before", before)
			.bind("max", max)
			.map(row -> {
				OffsetDateTime at = row.get("created_at", OffsetDateTime.class);
				String channel = Words.channel(row.get("channel", String.class));
				String kind = row.get("kind", String.class);
				String text = open(row.get("body_sealed", String.class));
				long order = order(0, row.get("id", Long.class));
				if ("IN".equals(row.get("direction", String.class))) {
					return new Views.Entry(at, order, "them", name, "by " + channel, text, null, false);
				}
				String status = Words.plain(row.get("status", String.class));
				if ("WORKER_REPLY".equals(kind)) {
					String worker = row.get("worker_name", String.class);
					return new Views.Entry(at, order, "worker", "Reply from " + (worker == null ? "a worker" : worker),
							"by " + channel, text, status, false);
				}
				boolean crisis = "CRISIS".equals(kind);
				return new Views.Entry(at, order, crisis ? "bot crisis" : "bot", "Waymark: " + Words.kind(kind),
						"by " + channel, text, status, crisis);
			})
			.all();
	}

	private Flux<Views.Entry> checkIns(long youngPersonId, OffsetDateTime before, int max) {
		return this.db
			.sql("select id, sent_at, channel, status, answer, answered_at from check_in where young_person_id = :id "
					+ "and sent_at < :before order by sent_at desc, id desc limit :max")
			.bind("id", youngPersonId)
			.bind("before", before)
			.bind("max", max)
			.map(row -> {
				String status = row.get("status", String.class);
				String answer = Words.answer(row.get("answer", String.class));
				String outcome = switch (status) {
					case "ANSWERED" -> "Answered: " + (answer == null ? "yes" : answer);
					case "NO_REPLY" -> "No reply";
					case "REMINDED" -> "Reminder sent, no answer yet";
					case "FAILED" -> "Could not be sent";
					default -> "Waiting for an answer";
				};
				return new Views.Entry(row.get("sent_at", OffsetDateTime.class), order(1, row.get("id", Long.class)),
						"event", "Check-in sent", "by " + Words.channel(row.get("channel", String.class)), outcome,
						null, "NEED_HELP".equals(row.get("answer", String.class)));
			})
			.all();
	}

	private Flux<Views.Entry> alerts(long youngPersonId, OffsetDateTime before, int max) {
		return this.db.sql("select id, created_at, level, reason, category, status, repeat_count from alert "
				+ "where young_person_id = :id and created_at < :before order by created_at desc, id desc limit :max")
			.bind("id", youngPersonId)
			.bind("before", before)
			.bind("max", max)
			.map(row -> {
				boolean urgent = "URGENT".equals(row.get("level", String.class));
				Integer repeats = row.get("repeat_count", Integer.class);
				String topic = Words.alertTopic(row.get("reason", String.class), row.get("category", String.class));
				String text = Words.reason(row.get("reason", String.class))
						+ (repeats != null && repeats > 1 ? ", raised " + repeats + " times" : "");
				return new Views.Entry(row.get("created_at", OffsetDateTime.class), order(2, row.get("id", Long.class)),
						urgent ? "event alert urgent" : "event alert", (urgent ? "Urgent alert: " : "Alert: ") + topic,
						null, text, Words.plain(row.get("status", String.class)), urgent);
			})
			.all();
	}

	private Flux<Views.Entry> alertSteps(long youngPersonId, OffsetDateTime before, int max) {
		return this.db
			.sql("select e.id, e.at, e.step, w.name as worker_name, a.reason, a.category from alert_event e "
					+ "join alert a on a.id = e.alert_id left join worker w on w.id = e.worker_id "
					+ "where a.young_person_id = :id and e.step in ('ACKNOWLEDGED', 'ESCALATED') and e.at < :before "
					+ "order by e.at desc, e.id desc limit :max")
			.bind("id", youngPersonId)
			.bind("before", before)
			.bind("max", max)
			.map(row -> {
				String topic = Words.alertTopic(row.get("reason", String.class), row.get("category", String.class));
				String worker = row.get("worker_name", String.class);
				boolean acknowledged = "ACKNOWLEDGED".equals(row.get("step", String.class));
				String what = acknowledged ? "Alert acknowledged" + (worker == null ? "" : " by " + worker)
						: "Alert escalated to the duty worker and manager";
				return new Views.Entry(row.get("at", OffsetDateTime.class), order(3, row.get("id", Long.class)),
						"event", what, null, topic, null, false);
			})
			.all();
	}

	private Flux<Views.Entry> notes(long youngPersonId, OffsetDateTime before, int max) {
		return this.db
			.sql("select n.id, n.created_at, n.body_sealed, w.name as worker_name from worker_note n "
					+ "join worker w on w.id = n.worker_id where n.young_person_id = :id and n.created_at < :before "
					+ "order by n.created_at desc, n.id desc limit :max")
			.bind("id", youngPersonId)
			.bind("before", before)
			.bind("max", max)
			.map(row -> new Views.Entry(row.get("created_at", OffsetDateTime.class),
					order(4, row.get("id", Long.class)), "note",
					"Private note by " + row.get("worker_name", String.class), "not sent to them",
					this.sealer.open(row.get("body_sealed", String.class)), null, false))
			.all();
	}

	/**
	 * Within one moment: what they wrote, then what answered it, then the check-in, the
	 * alert it raised, what was done about it, and notes.
	 */
	private static long order(int source, long id) {
		return ((long) source << 48) | id;
	}

	/** A message's text, or what happened to it once past retention. */
	String open(String sealed) {
		return sealed == null ? "(removed after " + this.retention.messages().toDays() + " days)"
				: this.sealer.open(sealed);
	}

}
