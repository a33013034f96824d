package app.waymark.workerapp;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.waymark.people.YoungPerson;
import app.waymark.channel.Channels;
import app.waymark.channel.RetentionSettings;
import app.waymark.system.Sealer;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reads what the worker pages show straight from the tables (messages, check-ins, alerts,
 * channels), decrypting message text only for display. Callers check access first:
 * nothing here knows who may see whom.
 */
@Component
class Records {

	static final List<String> FREQUENCIES = List.of("WEEKLY", "FORTNIGHTLY", "FOUR_WEEKLY", "MONTHLY", "PAUSED");

	private static final int IDS_PER_QUERY = 1000;

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Clock clock;

	private final Channels channels;

	/**
	 * What a young person without a plan is shown: the default every plan starts from.
	 */
	private final Views.Plan noPlan;

	/** What a message past retention says instead of its words. */
	private final String gone;

	Records(DatabaseClient db, Sealer sealer, Clock clock, Channels channels, RetentionSettings retention) {
		this.gone = "(removed after " + retention.messages().toDays() + " days)";
		this.channels = channels;
		this.noPlan = new Views.Plan("FOUR_WEEKLY", channels.defaultOrder(), null, false);
		this.db = db;
		this.sealer = sealer;
		this.clock = clock;
	}

	OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	Mono<Views.CaseloadRow> caseloadRow(YoungPerson person) {
		return caseloadRows(List.of(person)).next();
	}

	/**
	 * One caseload line per young person, in the order given. Each kind of fact is read
	 * for all of them at once (a fixed number of queries however long the caseload) and
	 * put together here.
	 */
	Flux<Views.CaseloadRow> caseloadRows(List<YoungPerson> people) {
		if (people.isEmpty()) {
			return Flux.empty();
		}
		List<Long> ids = people.stream().map(YoungPerson::id).distinct().toList();
		Mono<Map<Long, OffsetDateTime>> lastContact = perChunk(ids, chunk -> this.db
			.sql("select young_person_id, max(created_at) as last from message where young_person_id in (:ids) "
					+ "group by young_person_id")
			.bind("ids", chunk)
			.map(row -> new Keyed<>(row.get("young_person_id", Long.class), row.get("last", OffsetDateTime.class)))
			.all()).collectMap(Keyed::youngPersonId, Keyed::value);
		Mono<Map<Long, Views.CheckInRow>> lastCheckIn = perChunk(ids, chunk -> this.db
			.sql("select young_person_id, sent_at, channel, status, answer, answered_at from ("
					+ "select c.*, row_number() over (partition by c.young_person_id "
					+ "order by c.sent_at desc, c.id desc) as newest from check_in c where c.young_person_id in (:ids)"
					+ ") latest where newest = 1")
			.bind("ids", chunk)
			.map(row -> new Keyed<>(row.get("young_person_id", Long.class),
					new Views.CheckInRow(row.get("sent_at", OffsetDateTime.class), row.get("channel", String.class),
							row.get("status", String.class), row.get("answer", String.class),
							row.get("answered_at", OffsetDateTime.class))))
			.all()).collectMap(Keyed::youngPersonId, Keyed::value);
		Mono<Set<Long>> urgent = perChunk(ids, chunk -> this.db
			.sql("select distinct young_person_id from alert where young_person_id in (:ids) and level = 'URGENT' "
					+ "and status in ('OPEN', 'ESCALATED')")
			.bind("ids", chunk)
			.map(row -> row.get("young_person_id", Long.class))
			.all()).collect(Collectors.toSet());
		Mono<Set<Long>> lastOutboundFailed = perChunk(ids, chunk -> this.db
			.sql("select young_person_id, status from (select m.young_person_id, m.status, row_number() over ("
					+ "partition by m.young_person_id order by m.created_at desc, m.id desc) as newest from message m "
					+ "where m.young_person_id in (:ids) and m.direction = 'OUT') latest where newest = 1")
			.bind("ids", chunk)
			.map(row -> new Keyed<>(row.get("young_person_id", Long.class), row.get("status", String.class)))
			.all()).filter(newest -> "FAILED".equals(newest.value()))
			.map(Keyed::youngPersonId)
			.collect(Collectors.toSet());
		Mono<Map<Long, List<Views.Channel>>> channels = perChunk(ids,
				chunk -> this.db
					.sql("select i.young_person_id, i.channel, i.unreachable_at, (select c.opted_in from consent c "
							+ "where c.channel = i.channel and c.address_hash = i.address_hash "
							+ "order by c.recorded_at desc, c.id desc limit 1) as opted_in "
							+ "from channel_identity i where i.young_person_id in (:ids) order by i.channel, i.id")
					.bind("ids", chunk)
					.map(row -> new Keyed<>(row.get("young_person_id", Long.class), channel(row)))
					.all())
			.collect(
					Collectors.groupingBy(Keyed::youngPersonId, Collectors.mapping(Keyed::value, Collectors.toList())));
		Mono<Map<Long, Views.Plan>> plans = perChunk(ids,
				chunk -> this.db
					.sql("select young_person_id, frequency, channel_order, next_due_at from check_in_plan "
							+ "where young_person_id in (:ids)")
					.bind("ids", chunk)
					.map(row -> new Keyed<>(row.get("young_person_id", Long.class), plan(row)))
					.all())
			.collectMap(Keyed::youngPersonId, Keyed::value);
		return Mono.zip(lastContact, lastCheckIn, urgent, lastOutboundFailed, channels, plans)
			.flatMapIterable(t -> people.stream()
				.map(person -> row(person, t.getT1().get(person.id()), t.getT2().get(person.id()),
						t.getT3().contains(person.id()), t.getT4().contains(person.id()),
						t.getT5().getOrDefault(person.id(), List.of()),
						t.getT6().getOrDefault(person.id(), this.noPlan)))
				.toList());
	}

	/** One fact about one young person, null allowed (unlike a map entry). */
	private record Keyed<T>(Long youngPersonId, T value) {
	}

	private static Views.CaseloadRow row(YoungPerson person, OffsetDateTime lastContact, Views.CheckInRow checkIn,
			boolean urgent, boolean lastOutboundFailed, List<Views.Channel> channels, Views.Plan plan) {
		Rag status = Rag.of(new Rag.Inputs(urgent, checkIn == null ? null : checkIn.status(),
				checkIn == null ? null : checkIn.answer(), lastOutboundFailed,
				channels.stream().anyMatch(Views.Channel::unreachable)));
		String name = person.preferredName() == null ? person.name()
				: person.preferredName() + " (" + person.name() + ")";
		return new Views.CaseloadRow(person.id(), name, person.caseReference(), lastContact, plan.nextCheckIn(),
				checkIn == null ? null : checkIn.answer(), channels, status, plan.due());
	}

	/**
	 * Runs a query per slice of ids, so a very long caseload (an admin's) stays under the
	 * databases' limits on bind parameters.
	 */
	private static <T> Flux<T> perChunk(List<Long> ids, Function<List<Long>, Flux<T>> query) {
		List<List<Long>> chunks = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
			chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)));
		}
		return Flux.fromIterable(chunks).concatMap(query);
	}

	private static Views.Channel channel(Readable row) {
		return new Views.Channel(row.get("channel", String.class),
				!Boolean.FALSE.equals(row.get("opted_in", Boolean.class)),
				row.get("unreachable_at", OffsetDateTime.class) != null);
	}

	Flux<Views.Channel> channels(long youngPersonId) {
		return this.db
			.sql("select i.channel, i.unreachable_at, (select c.opted_in from consent c where c.channel = i.channel "
					+ "and c.address_hash = i.address_hash order by c.recorded_at desc, c.id desc limit 1) as opted_in "
					+ "from channel_identity i where i.young_person_id = :id order by i.channel, i.id")
			.bind("id", youngPersonId)
			.map(row -> channel(row))
			.all();
	}

	Mono<Views.Plan> plan(long youngPersonId) {
		return this.db
			.sql("select frequency, channel_order, next_due_at from check_in_plan where young_person_id = :id")
			.bind("id", youngPersonId)
			.map(row -> plan(row))
			.one()
			.defaultIfEmpty(this.noPlan);
	}

	private static Views.Plan plan(Readable row) {
		return new Views.Plan(row.get("frequency", String.class), row.get("channel_order", String.class),
				row.get("next_due_at", OffsetDateTime.class), true);
	}

	Flux<Views.CheckInRow> checkIns(long youngPersonId, int max) {
		return this.db
			.sql("select sent_at, channel, status, answer, answered_at from check_in where young_person_id = :id "
					+ "order by sent_at desc, id desc limit :max")
			.bind("id", youngPersonId)
			.bind("max", max)
			.map(row -> new Views.CheckInRow(row.get("sent_at", OffsetDateTime.class), row.get("channel", String.class),
					row.get("status", String.class), row.get("answer", String.class),
					row.get("answered_at", OffsetDateTime.class)))
			.all();
	}

	/** The newest {@code max} messages in and out, oldest first, decrypted. */
	Flux<Views.MessageRow> conversation(long youngPersonId, int max) {
		return this.db
			.sql("select created_at, channel, direction, body_sealed, kind, status from message "
					+ "where young_person_id = :id order by created_at desc, id desc limit :max")
			.bind("id", youngPersonId)
			.bind("max", max)
			.map(row -> new Views.MessageRow(row.get("created_at", OffsetDateTime.class),
					row.get("channel", String.class), row.get("direction", String.class),
					openOrGone(row.get("body_sealed", String.class)), row.get("kind", String.class),
					row.get("status", String.class)))
			.all()
			.collectList()
			.flatMapMany(rows -> Flux.fromIterable(rows.reversed()));
	}

	private String openOrGone(String sealed) {
		return sealed == null ? this.gone : this.sealer.open(sealed);
	}

	/**
	 * Check-in answers and the young person's own inbound words between two times, in
	 * time order, for their pathway plan.
	 */
	Flux<Views.VoiceRow> voice(long youngPersonId, OffsetDateTime from, OffsetDateTime to) {
		Flux<Views.VoiceRow> answers = this.db
			.sql("select answered_at, channel, answer from check_in where young_person_id = :id "
					+ "and answered_at >= :from and answered_at < :to and answer is not null")
			.bind("id", youngPersonId)
			.bind("from", from)
			.bind("to", to)
			.map(row -> new Views.VoiceRow(row.get("answered_at", OffsetDateTime.class), "CHECK_IN_ANSWER",
					row.get("channel", String.class), row.get("answer", String.class)))
			.all();
		Flux<Views.VoiceRow> words = this.db.sql(
				"select created_at, channel, body_sealed from message where young_person_id = :id and direction = 'IN' "
						+ "and body_sealed is not null and created_at >= :from and created_at < :to")
			.bind("id", youngPersonId)
			.bind("from", from)
			.bind("to", to)
			.map(row -> new Views.VoiceRow(row.get("created_at", OffsetDateTime.class), "OWN_WORDS",
					row.get("channel", String.class), this.sealer.open(row.get("body_sealed", String.class))))
			.all();
		return Flux.concat(answers, words).sort(java.util.Comparator.comparing(Views.VoiceRow::at));
	}

	/**
	 * Open alerts about these young people (the caseload: an alert follows its young
	 * person's allocation) or about a stranger and addressed to this worker, most urgent
	 * and newest first. The message's words come as the excerpt policy says.
	 */
	Flux<Views.AlertRow> openAlerts(Collection<Long> youngPeople, long workerId) {
		return openAlerts(youngPeople, workerId, Excerpt.NONE);
	}

	Flux<Views.AlertRow> openAlerts(Collection<Long> youngPeople, long workerId, Excerpt excerpt) {
		List<Long> ids = youngPeople.isEmpty() ? List.of(-1L) : List.copyOf(youngPeople);
		// with no words allowed, the message text is not even read
		String words = excerpt == Excerpt.NONE ? "cast(null as varchar(1)) as body_sealed, 0 as has_message"
				: "m.body_sealed, case when m.id is null then 0 else 1 end as has_message";
		return this.db
			.sql("select a.id, a.young_person_id, coalesce(y.preferred_name, y.name) as name, a.level, a.reason, "
					+ "a.status, a.created_at, a.escalate_at, a.escalated_at, a.category, a.repeat_count, "
					+ "a.last_raised_at, " + words + " from alert a "
					+ "left join young_person y on y.id = a.young_person_id "
					+ "left join message m on m.id = a.message_id "
					+ "where a.status in ('OPEN', 'ESCALATED') and (a.young_person_id in (:ids) "
					// about a young person: only while they are on the caseload
					+ "or (a.young_person_id is null and a.worker_id = :me)) "
					+ "order by case when a.level = 'URGENT' then 0 else 1 end, a.created_at desc, a.id desc")
			.bind("ids", ids)
			.bind("me", workerId)
			.map(row -> {
				Integer repeats = row.get("repeat_count", Integer.class);
				boolean hasMessage = ((Number) row.get("has_message")).intValue() == 1;
				String sealed = row.get("body_sealed", String.class);
				String text = !hasMessage ? null
						: excerpt.apply(sealed == null ? null : this.sealer.open(sealed), this.gone);
				return new Views.AlertRow(row.get("id", Long.class), row.get("young_person_id", Long.class),
						row.get("name", String.class), row.get("level", String.class), row.get("reason", String.class),
						row.get("status", String.class), row.get("created_at", OffsetDateTime.class),
						row.get("escalate_at", OffsetDateTime.class), row.get("escalated_at", OffsetDateTime.class),
						row.get("category", String.class), repeats == null ? 1 : repeats,
						row.get("last_raised_at", OffsetDateTime.class), text);
			})
			.all();
	}

	/**
	 * Who an alert is about and who it went to, for the access check before
	 * acknowledging.
	 */
	Mono<Long[]> alertSubject(long alertId) {
		return this.db.sql("select young_person_id, worker_id from alert where id = :id")
			.bind("id", alertId)
			.map(row -> new Long[] { row.get("young_person_id", Long.class), row.get("worker_id", Long.class) })
			.one();
	}

}
