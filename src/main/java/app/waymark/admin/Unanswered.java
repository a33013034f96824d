package app.waymark.admin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.waymark.system.Sealer;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Questions the bot was not sure about, opened, stripped of personal details and grouped
 * by wording, so admins see what the knowledge base is missing without seeing who asked.
 */
@Component
class Unanswered {

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Clock clock;

	Unanswered(DatabaseClient db, Sealer sealer, Clock clock) {
		this.db = db;
		this.sealer = sealer;
		this.clock = clock;
	}

	/**
	 * @param wording the grouping key
	 * @param example the newest question in the group, redacted
	 */
	record Group(String wording, String example, int count, OffsetDateTime lastSeen) {
	}

	private record Row(String text, OffsetDateTime at) {
	}

	/** Every unanswered question (admins). */
	Mono<List<Group>> groups() {
		return groups("select body_sealed, created_at from message where direction = 'IN' and confident = false "
				+ "and body_sealed is not null order by created_at desc", null);
	}

	/**
	 * The unanswered questions of one team's young people; none without a team.
	 */
	Mono<List<Group>> groupsForTeam(String team) {
		if (team == null || team.isBlank()) {
			return Mono.just(List.of());
		}
		return groups("select m.body_sealed, m.created_at from message m join young_person y "
				+ "on y.id = m.young_person_id where m.direction = 'IN' and m.confident = false "
				+ "and m.body_sealed is not null and y.team = :team order by m.created_at desc", team);
	}

	/**
	 * How many questions went unanswered since {@code since}: every one for admins
	 * ({@code everyone}), else those of one team's young people. Counted as the groups
	 * are, so a question whose group an admin marked handled after it came is not counted
	 * (nor one whose text is gone or holds no words).
	 */
	Mono<Integer> countSince(OffsetDateTime since, String team, boolean everyone) {
		if (!everyone && (team == null || team.isBlank())) {
			return Mono.just(0);
		}
		String sql = everyone
				? "select body_sealed, created_at from message where direction = 'IN' and confident = false "
						+ "and body_sealed is not null and created_at >= :since order by created_at desc"
				: "select m.body_sealed, m.created_at from message m join young_person y on y.id = m.young_person_id "
						+ "where m.direction = 'IN' and m.confident = false and m.body_sealed is not null "
						+ "and m.created_at >= :since and y.team = :team order by m.created_at desc";
		return groups(sql, everyone ? null : team, since).map(groups -> groups.stream().mapToInt(Group::count).sum());
	}

	private Mono<List<Group>> groups(String sql, String team) {
		return groups(sql, team, null);
	}

	private Mono<List<Group>> groups(String sql, String team, OffsetDateTime since) {
		Mono<Map<String, OffsetDateTime>> handled = this.db.sql("select wording, handled_at from unanswered_handled")
			.map(row -> Map.entry(row.get("wording", String.class), row.get("handled_at", OffsetDateTime.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
		DatabaseClient.GenericExecuteSpec statement = this.db.sql(sql);
		DatabaseClient.GenericExecuteSpec withTeam = team == null ? statement : statement.bind("team", team);
		DatabaseClient.GenericExecuteSpec query = since == null ? withTeam : withTeam.bind("since", since);
		return handled
			.flatMap(done -> query
				.map(row -> new Row(this.sealer.open(row.get("body_sealed", String.class)),
						row.get("created_at", OffsetDateTime.class)))
				.all()
				.collectList()
				.map(rows -> group(rows, done)));
	}

	private static List<Group> group(List<Row> rows, Map<String, OffsetDateTime> handled) {
		Map<String, Group> groups = new LinkedHashMap<>();
		for (Row row : rows) {
			String redacted = Redaction.redact(row.text());
			String wording = Redaction.wording(redacted);
			if (wording.isEmpty()) {
				continue;
			}
			OffsetDateTime handledAt = handled.get(wording);
			if (handledAt != null && !row.at().isAfter(handledAt)) {
				continue;
			}
			// rows come newest first: the first in a group is its example and last
			// sighting
			groups.merge(wording, new Group(wording, redacted, 1, row.at()),
					(old, next) -> new Group(old.wording(), old.example(), old.count() + 1, old.lastSeen()));
		}
		return groups.values()
			.stream()
			.sorted(Comparator.comparingInt(Group::count)
				.reversed()
				.thenComparing(Group::lastSeen, Comparator.reverseOrder()))
			.toList();
	}

	Mono<Void> markHandled(String wording, String by) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		return this.db.sql("delete from unanswered_handled where wording = :wording")
			.bind("wording", wording)
			.then()
			.then(this.db.sql("insert into unanswered_handled (wording, handled_at, handled_by) values (:w, :at, :by)")
				.bind("w", wording)
				.bind("at", now)
				.bind("by", by)
				.then());
	}

}
