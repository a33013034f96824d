package app.waymark.workerapp;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;

import app.waymark.people.YoungPerson;
import app.waymark.system.Sealer;
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

	static final List<String> CHANNEL_ORDERS = List.of("telegram,sms", "sms,telegram", "telegram", "sms");

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Clock clock;

	Records(DatabaseClient db, Sealer sealer, Clock clock) {
		this.db = db;
		this.sealer = sealer;
		this.clock = clock;
	}

	OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	Mono<Views.CaseloadRow> caseloadRow(YoungPerson person) {
		long id = person.id();
		Mono<java.util.Optional<OffsetDateTime>> lastContact = this.db
			.sql("select max(created_at) as last from message where young_person_id = :id")
			.bind("id", id)
			.map(row -> java.util.Optional.ofNullable(row.get("last", OffsetDateTime.class)))
			.one()
			.defaultIfEmpty(java.util.Optional.empty());
		Mono<java.util.Optional<Views.CheckInRow>> lastCheckIn = checkIns(id, 1).next()
			.map(java.util.Optional::of)
			.defaultIfEmpty(java.util.Optional.empty());
		Mono<Boolean> urgent = this.db
			.sql("select count(*) as n from alert where young_person_id = :id and level = 'URGENT' "
					+ "and status in ('OPEN', 'ESCALATED')")
			.bind("id", id)
			.map(row -> row.get("n", Long.class) > 0)
			.one();
		Mono<Boolean> lastOutboundFailed = this.db
			.sql("select status from message where young_person_id = :id and direction = 'OUT' "
					+ "order by created_at desc, id desc limit 1")
			.bind("id", id)
			.map(row -> "FAILED".equals(row.get("status", String.class)))
			.one()
			.defaultIfEmpty(false);
		return Mono.zip(lastContact, lastCheckIn, urgent, lastOutboundFailed, channels(id).collectList(), plan(id))
			.map(t -> {
				Views.CheckInRow checkIn = t.getT2().orElse(null);
				List<Views.Channel> channels = t.getT5();
				Rag status = Rag.of(new Rag.Inputs(t.getT3(), checkIn == null ? null : checkIn.status(),
						checkIn == null ? null : checkIn.answer(), t.getT4(),
						channels.stream().anyMatch(Views.Channel::unreachable)));
				String name = person.preferredName() == null ? person.name()
						: person.preferredName() + " (" + person.name() + ")";
				return new Views.CaseloadRow(id, name, person.caseReference(), t.getT1().orElse(null),
						t.getT6().nextCheckIn(), checkIn == null ? null : checkIn.answer(), channels, status);
			});
	}

	Flux<Views.Channel> channels(long youngPersonId) {
		return this.db
			.sql("select i.channel, i.unreachable_at, (select c.opted_in from consent c where c.channel = i.channel "
					+ "and c.address_hash = i.address_hash order by c.recorded_at desc, c.id desc limit 1) as opted_in "
					+ "from channel_identity i where i.young_person_id = :id order by i.channel, i.id")
			.bind("id", youngPersonId)
			.map(row -> new Views.Channel(row.get("channel", String.class),
					!Boolean.FALSE.equals(row.get("opted_in", Boolean.class)),
					row.get("unreachable_at", OffsetDateTime.class) != null))
			.all();
	}

	/**
	 * The address to write to on the first reachable, opted-in channel, in plan order.
	 */
	Mono<Address> replyAddress(long youngPersonId) {
		return plan(youngPersonId).flatMap(plan -> this.db
			.sql("select i.channel, i.address_sealed, (select c.opted_in from consent c where c.channel = i.channel "
					+ "and c.address_hash = i.address_hash order by c.recorded_at desc, c.id desc limit 1) as opted_in "
					+ "from channel_identity i where i.young_person_id = :id and i.unreachable_at is null order by i.id")
			.bind("id", youngPersonId)
			.map(row -> new Object[] { row.get("channel", String.class), row.get("address_sealed", String.class),
					row.get("opted_in", Boolean.class) })
			.all()
			.filter(row -> !Boolean.FALSE.equals(row[2]))
			.sort(java.util.Comparator.comparingInt(row -> rank(plan.channelOrder(), (String) row[0])))
			.next()
			.map(row -> new Address((String) row[0], this.sealer.open((String) row[1]))));
	}

	record Address(String channel, String address) {

		@Override
		public String toString() {
			return "Address[" + this.channel + "]";
		}

	}

	private static int rank(String order, String channel) {
		int index = List.of(order.split(",")).indexOf(channel);
		return index < 0 ? Integer.MAX_VALUE : index;
	}

	Mono<Views.Plan> plan(long youngPersonId) {
		return this.db
			.sql("select frequency, channel_order, next_due_at from check_in_plan where young_person_id = :id")
			.bind("id", youngPersonId)
			.map(row -> new Views.Plan(row.get("frequency", String.class), row.get("channel_order", String.class),
					row.get("next_due_at", OffsetDateTime.class), true))
			.one()
			.defaultIfEmpty(new Views.Plan("FOUR_WEEKLY", "telegram,sms", null, false));
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
		return sealed == null ? "(removed after the retention period)" : this.sealer.open(sealed);
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
	 * Open alerts about these young people or addressed to this worker, most urgent and
	 * newest first.
	 */
	Flux<Views.AlertRow> openAlerts(Collection<Long> youngPeople, long workerId) {
		List<Long> ids = youngPeople.isEmpty() ? List.of(-1L) : List.copyOf(youngPeople);
		return this.db
			.sql("select a.id, a.young_person_id, coalesce(y.preferred_name, y.name) as name, a.level, a.reason, "
					+ "a.status, a.created_at, a.escalate_at, a.escalated_at from alert a "
					+ "left join young_person y on y.id = a.young_person_id "
					+ "where a.status in ('OPEN', 'ESCALATED') and (a.young_person_id in (:ids) or a.worker_id = :me) "
					+ "order by case when a.level = 'URGENT' then 0 else 1 end, a.created_at desc, a.id desc")
			.bind("ids", ids)
			.bind("me", workerId)
			.map(row -> new Views.AlertRow(row.get("id", Long.class), row.get("young_person_id", Long.class),
					row.get("name", String.class), row.get("level", String.class), row.get("reason", String.class),
					row.get("status", String.class), row.get("created_at", OffsetDateTime.class),
					row.get("escalate_at", OffsetDateTime.class), row.get("escalated_at", OffsetDateTime.class)))
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
