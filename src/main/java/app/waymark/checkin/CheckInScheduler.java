package app.waymark.checkin;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import app.waymark.alert.AlertLevel;
import app.waymark.alert.Alerts;
import app.waymark.alert.NewAlert;
import app.waymark.channel.Choice;
import app.waymark.channel.OutboundMessage;
import app.waymark.channel.OutboundQueue;
import app.waymark.conversation.Phrases;
import app.waymark.system.Periodic;
import app.waymark.system.Sealer;
import app.waymark.system.Sql;
import io.r2dbc.spi.Readable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Sends check-ins when they are due, reminds, and tells the worker when nobody answers.
 *
 * <p>
 * Everything lives in the database, nothing in timers: each pass claims a batch of due
 * plans with a compare-and-set update of their lease (only one instance's update matches
 * a row; a crashed instance's lease runs out), and sending a check-in, recording it and
 * moving the plan on commit together, only while the lease is still ours. So several
 * instances send each due check-in once, and a check-in missed while the service was down
 * goes out once when it is back.
 *
 * <p>
 * A batch is written set-wise: quiet hours and days off are settled in one pass over it
 * in Java (where the message text is made and sealed), then one transaction checks the
 * lease on the whole batch, queues every check-in and moves the plans on. On PostgreSQL
 * that is three statements whatever the batch size, each column bound as one array; on H2
 * a few multi-row inserts and one update per next due time. It was four statements and
 * two transactions a check-in. If that transaction fails, the batch is done again row by
 * row, each row under its own lease check.
 */
@Component
public class CheckInScheduler {

	private static final Logger log = LoggerFactory.getLogger(CheckInScheduler.class);

	static final String OPTED_IN = "coalesce((select c.opted_in from consent c where c.channel = i.channel "
			+ "and c.address_hash = i.address_hash order by c.recorded_at desc, c.id desc limit 1), true)";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final OutboundQueue queue;

	private final Alerts alerts;

	private final Sealer sealer;

	private final Phrases phrases;

	private final CheckInSettings settings;

	private final Clock clock;

	private final String owner;

	private final AtomicLong claims = new AtomicLong();

	private final Map<String, List<Choice>> choices = new ConcurrentHashMap<>();

	/** Check-ins recorded per multi-row insert, well under the bind-parameter limits. */
	static final int ROWS_PER_STATEMENT = 500;

	private final Periodic loop;

	private final boolean postgres;

	@Autowired
	public CheckInScheduler(DatabaseClient db, TransactionalOperator transaction, OutboundQueue queue, Alerts alerts,
			Sealer sealer, Phrases phrases, CheckInSettings settings, Clock clock) {
		this(db, transaction, queue, alerts, sealer, phrases, settings, clock,
				ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID());
	}

	CheckInScheduler(DatabaseClient db, TransactionalOperator transaction, OutboundQueue queue, Alerts alerts,
			Sealer sealer, Phrases phrases, CheckInSettings settings, Clock clock, String owner) {
		this.db = db;
		this.transaction = transaction;
		this.queue = queue;
		this.alerts = alerts;
		this.sealer = sealer;
		this.phrases = phrases;
		this.settings = settings;
		this.clock = clock;
		this.owner = owner;
		this.postgres = Sql.postgres(db);
		this.loop = new Periodic(settings.pollInterval(), log, "Check-in pass failed",
				() -> runOnce().doOnNext(pass -> {
					if (pass.sent() + pass.reminded() + pass.notHeardFrom() > 0) {
						log.info("Check-ins: {}", pass);
					}
				}));
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (!this.settings.enabled()) {
			return;
		}
		this.loop.start();
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		this.loop.stop();
	}

	/**
	 * What one pass did.
	 *
	 * @param plansCreated plans made for newly linked young people
	 * @param sent check-ins queued
	 * @param deferred due plans moved on to after quiet hours or a day off
	 * @param noChannel due plans with no channel to use
	 * @param reminded reminders queued
	 * @param notHeardFrom check-ins closed without a reply
	 */
	public record Pass(long plansCreated, int sent, int deferred, int noChannel, int reminded, int notHeardFrom) {
	}

	/** One pass: new plans, overdue replies, reminders, then every due check-in. */
	public Mono<Pass> runOnce() {
		OffsetDateTime now = now();
		return createPlans(now).flatMap(created -> noReplies(now).flatMap(
				silent -> reminders(now).flatMap(reminded -> daysOff(now).flatMap(off -> sendDue(now, off, new int[3]))
					.map(counts -> new Pass(created, counts[0], counts[1], counts[2], reminded, silent)))));
	}

	/** Plans for active young people with a usable channel who have none yet. */
	Mono<Long> createPlans(OffsetDateTime now) {
		return this.db
			.sql("insert into check_in_plan (young_person_id, next_due_at, updated_at) select y.id, :now, :now "
					+ "from young_person y where y.status = 'ACTIVE' and not exists (select 1 from check_in_plan p "
					+ "where p.young_person_id = y.id) and exists (select 1 from channel_identity i "
					+ "where i.young_person_id = y.id and i.unreachable_at is null and " + OPTED_IN + " = true)")
			.bind("now", now)
			.fetch()
			.rowsUpdated()
			// another instance made the same plans at the same moment: theirs stand
			.onErrorResume(DataIntegrityViolationException.class, ex -> Mono.just(0L));
	}

	/**
	 * Batches worked on at once: while one waits for the database, the next is claimed,
	 * loaded and prepared. Each claim takes different plans, so they never overlap.
	 */
	static final int BATCHES_AT_ONCE = 2;

	private Mono<int[]> sendDue(OffsetDateTime now, Set<String> off, int[] counts) {
		return Flux.range(0, BATCHES_AT_ONCE).flatMap(lane -> drain(now, off, counts)).then(Mono.just(counts));
	}

	/**
	 * Claims and works batches until none is left to claim. A loop rather than each batch
	 * chaining the next: a chain held every batch it had worked (plans, texts, sealed
	 * rows) until the pass ended, so the heap grew with the number of people.
	 */
	private Mono<Void> drain(OffsetDateTime now, Set<String> off, int[] counts) {
		return Mono
			.defer(() -> claim(now).flatMap(token -> load(token).flatMap(batch -> batch.isEmpty() ? Mono.just(false)
					: process(batch, token, now, off, counts).thenReturn(true))))
			.repeat()
			.takeWhile(more -> more)
			.then();
	}

	/** Sends, defers or alerts for each claimed plan. */
	Mono<int[]> process(List<DuePlan> batch, String token, OffsetDateTime now, int[] counts) {
		return daysOff(now).flatMap(off -> process(batch, token, now, off, counts));
	}

	/**
	 * Settles each plan of the batch in Java (inactive, quiet, no channel, or a check-in
	 * to send), then writes the sends and the moves in one transaction. Plans with no
	 * channel are rare and raise an alert, so they go one by one.
	 */
	private Mono<int[]> process(List<DuePlan> batch, String token, OffsetDateTime now, Set<String> off, int[] counts) {
		ZonedDateTime local = now.atZoneSameInstant(this.settings.zone());
		List<Outcome> outcomes = new ArrayList<>(batch.size());
		List<DuePlan> noChannel = new ArrayList<>();
		for (DuePlan plan : batch) {
			Outcome outcome = outcome(plan, local, off);
			if (outcome == null) {
				noChannel.add(plan);
			}
			else {
				outcomes.add(outcome);
			}
		}
		Mono<Void> written = outcomes.isEmpty() ? Mono.empty()
				: write(outcomes, batch.size(), token, now).doOnSuccess(ignored -> outcomes.forEach(outcome -> {
					if (outcome.message() != null) {
						count(counts, 0);
					}
					else if (outcome.deferred()) {
						count(counts, 1);
					}
				})).onErrorResume(ex -> {
					if (ex instanceof LeaseLost lost) {
						// none still ours: another instance has them; some: those go row
						// by row
						return lost.none ? Mono.empty() : rowByRow(outcomes, token, now, off, counts);
					}
					log.warn("Check-in batch of {} failed ({}); writing it row by row", outcomes.size(),
							ex.getClass().getSimpleName());
					return rowByRow(outcomes, token, now, off, counts);
				});
		return written
			.then(Flux.fromIterable(noChannel).concatMap(plan -> process(plan, token, now, off, counts)).then())
			.thenReturn(counts);
	}

	private Mono<Void> rowByRow(List<Outcome> outcomes, String token, OffsetDateTime now, Set<String> off,
			int[] counts) {
		return Flux.fromIterable(outcomes)
			.flatMap(outcome -> process(outcome.plan(), token, now, off, counts), 4)
			.then();
	}

	/**
	 * What becomes of one due plan: a check-in to send (with its message), or a move to a
	 * later time; null when it has no usable channel.
	 *
	 * @param plan the plan
	 * @param message the check-in to queue, or null for a move only
	 * @param channel the channel it goes by, or null
	 * @param next when the plan is due next
	 * @param noChannel whether the plan stays marked as having no channel
	 * @param deferred whether it was moved for quiet hours or a day off
	 */
	record Outcome(DuePlan plan, OutboundMessage message, String channel, OffsetDateTime next, boolean noChannel,
			boolean deferred) {
	}

	private Outcome outcome(DuePlan plan, ZonedDateTime local, Set<String> off) {
		if (!"ACTIVE".equals(plan.status())) {
			return new Outcome(plan, null, null, utc(plan.frequency().after(local)), false, false);
		}
		ZonedDateTime allowed = allowed(plan, local, off);
		if (allowed.isAfter(local)) {
			return new Outcome(plan, null, null, utc(allowed), plan.noChannelAlerted(), true);
		}
		Address address = channel(plan);
		if (address == null) {
			return null;
		}
		return new Outcome(plan, message(plan, address), address.channel(), utc(plan.frequency().after(local)), false,
				false);
	}

	private static ZonedDateTime allowed(DuePlan plan, ZonedDateTime local, Set<String> off) {
		return QuietHours.nextAllowed(local, plan.quietStart(), plan.quietEnd(), day -> off.contains("null@" + day)
				|| (plan.workerId() != null && off.contains(plan.workerId() + "@" + day)));
	}

	private OutboundMessage message(DuePlan plan, Address address) {
		String language = plan.language() == null ? "en" : plan.language();
		return new OutboundMessage(address.channel(), address.address(),
				this.phrases.get(language, "checkin.question", plan.name()), choices(language),
				OutboundMessage.Purpose.CHECK_IN, plan.youngPersonId(), null, "CHECK_IN");
	}

	/**
	 * One transaction for the batch, which writes only while every plan is still ours. On
	 * PostgreSQL the plans are moved on first, by one update over arrays: it locks them
	 * (no other instance can take one before this commits) and its count says whether all
	 * were still ours; then the check-ins are queued and recorded, one statement each. On
	 * H2 a locking read checks the lease on every claimed plan first, then multi-row
	 * inserts queue and record, and one update per distinct next time and kind of move
	 * moves them on.
	 */
	private Mono<Void> write(List<Outcome> outcomes, int claimed, String token, OffsetDateTime now) {
		List<Outcome> sends = outcomes.stream().filter(outcome -> outcome.message() != null).toList();
		Mono<Void> queued = sends.isEmpty() ? Mono.empty()
				: this.queue.enqueueAll(sends.stream().map(Outcome::message).toList())
					.flatMap(messageIds -> this.postgres ? recordCheckInArrays(sends, messageIds, now)
							: recordCheckInChunks(sends, messageIds, now));
		if (this.postgres) {
			Mono<Void> moved = moveArrays(outcomes, token, now).flatMap(updated -> updated == outcomes.size()
					? Mono.<Void>empty() : Mono.error(new LeaseLost(updated == 0)));
			return this.transaction.transactional(moved.then(queued));
		}
		// a locking read, not an update: the same row locks without writing every row
		// again
		Mono<Void> lease = this.db
			.sql("select young_person_id from check_in_plan where lease_owner = :token for update")
			.bind("token", token)
			.map(row -> 1)
			.all()
			.count()
			.flatMap(held -> held == claimed ? Mono.<Void>empty() : Mono.error(new LeaseLost(held == 0)));
		Mono<Void> moved = moveEach(outcomes, token, now)
			.flatMap(updated -> updated == outcomes.size() ? Mono.<Void>empty() : Mono.error(new LeaseLost(false)));
		return this.transaction.transactional(lease.then(queued).then(moved));
	}

	/** H2: one update per distinct next time and kind of move. */
	private Mono<Long> moveEach(List<Outcome> outcomes, String token, OffsetDateTime now) {
		Map<Move, List<Long>> moves = new LinkedHashMap<>();
		for (Outcome outcome : outcomes) {
			moves
				.computeIfAbsent(new Move(outcome.next(), outcome.message() != null, outcome.noChannel()),
						move -> new ArrayList<>())
				.add(outcome.plan().youngPersonId());
		}
		return Flux.fromIterable(moves.entrySet())
			.concatMap(move -> move(move.getKey(), move.getValue(), token, now))
			.reduce(0L, Long::sum);
	}

	/**
	 * PostgreSQL: every plan of the batch moved on by one update, its next time and kind
	 * of move bound as arrays beside its id.
	 */
	private Mono<Long> moveArrays(List<Outcome> outcomes, String token, OffsetDateTime now) {
		int size = outcomes.size();
		Long[] ids = new Long[size];
		OffsetDateTime[] nexts = new OffsetDateTime[size];
		Boolean[] sent = new Boolean[size];
		Boolean[] noChannel = new Boolean[size];
		for (int i = 0; i < size; i++) {
			Outcome outcome = outcomes.get(i);
			ids[i] = outcome.plan().youngPersonId();
			nexts[i] = outcome.next();
			sent[i] = outcome.message() != null;
			noChannel[i] = outcome.noChannel();
		}
		// a send clears the channel to skip and the "no channel" mark; a move without
		// one keeps the mark's first time or clears it, as move() does
		return this.db.sql("update check_in_plan p set next_due_at = m.next_due_at, "
				+ "skip_channel = case when m.sent then null else p.skip_channel end, "
				+ "no_channel_since = case when not m.sent and m.no_channel then coalesce(p.no_channel_since, :now) "
				+ "else null end, lease_owner = null, lease_until = null, updated_at = :now "
				+ "from unnest(cast(:ids as bigint[]), cast(:nexts as timestamp with time zone[]), "
				+ "cast(:sent as boolean[]), cast(:noChannel as boolean[])) as m(young_person_id, next_due_at, sent, "
				+ "no_channel) where p.young_person_id = m.young_person_id and p.lease_owner = :token")
			.bind("ids", ids)
			.bind("nexts", nexts)
			.bind("sent", sent)
			.bind("noChannel", noChannel)
			.bind("now", now)
			.bind("token", token)
			.fetch()
			.rowsUpdated();
	}

	/** PostgreSQL: the check-ins of the batch recorded by one insert over arrays. */
	private Mono<Void> recordCheckInArrays(List<Outcome> sends, List<Long> messageIds, OffsetDateTime now) {
		int size = sends.size();
		Long[] people = new Long[size];
		String[] channels = new String[size];
		for (int i = 0; i < size; i++) {
			people[i] = sends.get(i).plan().youngPersonId();
			channels[i] = sends.get(i).channel();
		}
		return this.db.sql("insert into check_in (young_person_id, channel, status, sent_at, message_id) "
				+ "select young_person_id, channel, 'SENT', :now, message_id from unnest(cast(:people as bigint[]), "
				+ "cast(:channels as varchar[]), cast(:messages as bigint[])) as c(young_person_id, channel, message_id)")
			.bind("people", people)
			.bind("channels", channels)
			.bind("messages", messageIds.toArray(Long[]::new))
			.bind("now", now)
			.then();
	}

	/** H2: multi-row inserts of up to {@value #ROWS_PER_STATEMENT} check-ins each. */
	private Mono<Void> recordCheckInChunks(List<Outcome> sends, List<Long> messageIds, OffsetDateTime now) {
		return Flux.range(0, (sends.size() + ROWS_PER_STATEMENT - 1) / ROWS_PER_STATEMENT).concatMap(chunk -> {
			int from = chunk * ROWS_PER_STATEMENT;
			int to = Math.min(sends.size(), from + ROWS_PER_STATEMENT);
			return recordCheckIns(sends.subList(from, to), messageIds.subList(from, to), now);
		}).then();
	}

	private Mono<Void> recordCheckIns(List<Outcome> sends, List<Long> messageIds, OffsetDateTime now) {
		StringBuilder values = new StringBuilder();
		for (int i = 0; i < sends.size(); i++) {
			values.append(i == 0 ? "" : ", ")
				.append("(:person")
				.append(i)
				.append(", :channel")
				.append(i)
				.append(", 'SENT', :now, :message")
				.append(i)
				.append(')');
		}
		// one map bound at once: each bind() copies every binding so far
		Map<String, Object> bound = new HashMap<>();
		bound.put("now", now);
		for (int i = 0; i < sends.size(); i++) {
			bound.put("person" + i, sends.get(i).plan().youngPersonId());
			bound.put("channel" + i, sends.get(i).channel());
			bound.put("message" + i, messageIds.get(i));
		}
		return this.db
			.sql("insert into check_in (young_person_id, channel, status, sent_at, message_id) values " + values)
			.bindValues(bound)
			.then();
	}

	/**
	 * Plans moved on alike: to one next time, after a send (which clears the channel to
	 * skip and the "no channel" mark) or without one.
	 */
	private record Move(OffsetDateTime next, boolean sent, boolean noChannel) {
	}

	private Mono<Long> move(Move move, List<Long> ids, String token, OffsetDateTime now) {
		String marks = move.sent() ? "skip_channel = null, no_channel_since = null"
				: "no_channel_since = " + (move.noChannel() ? "coalesce(no_channel_since, :now)" : "null");
		return this.db
			.sql("update check_in_plan set next_due_at = :next, " + marks + ", lease_owner = null, lease_until = null, "
					+ "updated_at = :now where lease_owner = :token and young_person_id in (:ids)")
			.bind("next", move.next())
			.bind("now", now)
			.bind("token", token)
			.bind("ids", ids)
			.fetch()
			.rowsUpdated();
	}

	private static OffsetDateTime utc(ZonedDateTime at) {
		return at.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
	}

	/**
	 * Claims up to a batch of due plans in one statement and returns the lease token they
	 * now carry. The lease condition is repeated outside the sub-select: when two
	 * instances race, PostgreSQL re-checks it on the locked row, so the loser's update
	 * matches nothing. On PostgreSQL the sub-select also skips plans another instance is
	 * claiming at that moment, so racing instances take different plans instead of
	 * waiting for each other; H2 has no {@code SKIP LOCKED} and relies on the re-check.
	 * There the ids come as an array ({@code = any}), so the plans are updated through
	 * their key rather than by a join that reads the whole table on every claim.
	 */
	Mono<String> claim(OffsetDateTime now) {
		String token = this.owner + "#" + this.claims.incrementAndGet();
		return this.db.sql("update check_in_plan set lease_owner = :token, lease_until = :until where young_person_id "
				+ (this.postgres ? "= any(array(" : "in (")
				+ "select p.young_person_id from check_in_plan p where p.next_due_at <= :now "
				+ "and p.frequency <> 'PAUSED' and (p.lease_until is null or p.lease_until < :now) "
				+ "order by p.next_due_at limit :max" + (this.postgres ? " for update skip locked))" : ")") + " "
				+ "and next_due_at <= :now and frequency <> 'PAUSED' and (lease_until is null or lease_until < :now)")
			.bind("token", token)
			.bind("until", now.plus(this.settings.lease()))
			.bind("now", now)
			.bind("max", this.settings.batch())
			.fetch()
			.rowsUpdated()
			.thenReturn(token);
	}

	record DuePlan(long youngPersonId, Frequency frequency, List<String> channelOrder, String skipChannel,
			boolean noChannelAlerted, String name, String language, String status, LocalTime quietStart,
			LocalTime quietEnd, Long workerId, List<Address> addresses) {
	}

	record Address(String channel, String address, boolean usable) {
	}

	/**
	 * PostgreSQL: the claimed ids as one array, so each table is read by its index for
	 * just those. Joined on the lease alone, the planner expects few index look-ups to
	 * cost more than reading the whole table, and every batch read every young person: a
	 * pass grew with the square of their number.
	 */
	private static final String CLAIMED = "any(array(select young_person_id from check_in_plan "
			+ "where lease_owner = :token))";

	Mono<List<DuePlan>> load(String token) {
		Mono<Map<Long, List<Address>>> addresses = this.db
			.sql("select i.young_person_id, i.channel, i.address_sealed, i.unreachable_at, " + OPTED_IN
					+ " as opted_in from channel_identity i "
					+ (this.postgres ? "where i.young_person_id = " + CLAIMED
							: "join check_in_plan p on p.young_person_id = i.young_person_id where p.lease_owner = :token"))
			.bind("token", token)
			.map(row -> Map.entry(row.get("young_person_id", Long.class),
					new Address(row.get("channel", String.class),
							this.sealer.open(row.get("address_sealed", String.class)),
							row.get("unreachable_at", OffsetDateTime.class) == null
									&& Boolean.TRUE.equals(row.get("opted_in", Boolean.class)))))
			.all()
			.collectMultimap(Map.Entry::getKey, Map.Entry::getValue)
			.map(map -> {
				Map<Long, List<Address>> lists = new LinkedHashMap<>();
				map.forEach((id, list) -> lists.put(id, new ArrayList<>(list)));
				return lists;
			});
		return addresses.flatMap(byPerson -> this.db
			.sql("select p.young_person_id, p.frequency, p.channel_order, p.skip_channel, p.no_channel_since, "
					+ "y.preferred_name, y.name, y.preferred_language, y.status, y.quiet_start, y.quiet_end, "
					+ "a.worker_id from check_in_plan p join young_person y on y.id = p.young_person_id "
					+ "left join allocation a on a.young_person_id = y.id and a.ends_at is null "
					+ "where p.lease_owner = :token" + (this.postgres ? " and y.id = " + CLAIMED : ""))
			.bind("token", token)
			.map(row -> plan(row, byPerson))
			.all()
			.collectList()
			.map(plans -> {
				Map<Long, DuePlan> unique = new LinkedHashMap<>();
				plans.forEach(plan -> unique.putIfAbsent(plan.youngPersonId(), plan));
				return List.copyOf(unique.values());
			}));
	}

	private static DuePlan plan(Readable row, Map<Long, List<Address>> addresses) {
		long id = row.get("young_person_id", Long.class);
		String preferred = row.get("preferred_name", String.class);
		String name = preferred != null && !preferred.isBlank() ? preferred : firstName(row.get("name", String.class));
		List<String> order = new ArrayList<>();
		for (String channel : row.get("channel_order", String.class).split(",")) {
			if (!channel.isBlank()) {
				order.add(channel.strip().toLowerCase(Locale.ROOT));
			}
		}
		return new DuePlan(id, Frequency.valueOf(row.get("frequency", String.class)), order,
				row.get("skip_channel", String.class), row.get("no_channel_since", OffsetDateTime.class) != null, name,
				row.get("preferred_language", String.class), row.get("status", String.class),
				row.get("quiet_start", LocalTime.class), row.get("quiet_end", LocalTime.class),
				row.get("worker_id", Long.class), addresses.getOrDefault(id, List.of()));
	}

	private static String firstName(String name) {
		if (name == null) {
			return "";
		}
		String stripped = name.strip();
		int space = stripped.indexOf(' ');
		return space < 0 ? stripped : stripped.substring(0, space);
	}

	/** Days off from yesterday on: (worker id or null for everyone) and date. */
	private Mono<Set<String>> daysOff(OffsetDateTime now) {
		LocalDate today = now.atZoneSameInstant(this.settings.zone()).toLocalDate();
		return this.db.sql("select worker_id, off_on from check_in_day_off where off_on >= :from and off_on <= :to")
			.bind("from", today.minusDays(1))
			.bind("to", today.plusDays(400))
			.map(row -> row.get("worker_id", Long.class) + "@" + row.get("off_on", LocalDate.class))
			.all()
			.collect(HashSet::new, Set::add);
	}

	private Mono<Void> process(DuePlan plan, String token, OffsetDateTime now, Set<String> off, int[] counts) {
		ZonedDateTime local = now.atZoneSameInstant(this.settings.zone());
		if (!"ACTIVE".equals(plan.status())) {
			return release(plan, token, plan.frequency().after(local), false, now);
		}
		ZonedDateTime allowed = allowed(plan, local, off);
		if (allowed.isAfter(local)) {
			count(counts, 1);
			return release(plan, token, allowed, plan.noChannelAlerted(), now);
		}
		Address address = channel(plan);
		if (address == null) {
			count(counts, 2);
			Mono<Void> alert = plan.noChannelAlerted() ? Mono.empty()
					: this.alerts.raise(new NewAlert(plan.youngPersonId(), AlertLevel.NORMAL, "NO_CHANNEL", null, null))
						.then();
			// look again tomorrow: a channel may be linked by then
			return alert.then(release(plan, token, local.plusDays(1), true, now));
		}
		return send(plan, address, token, now, local).doOnSuccess(ignored -> count(counts, 0))
			.onErrorResume(LeaseLost.class, ex -> Mono.empty());
	}

	private static synchronized void count(int[] counts, int index) {
		counts[index]++;
	}

	/** The first usable channel in the plan's order, after the one that just failed. */
	static Address channel(DuePlan plan) {
		List<String> order = plan.channelOrder();
		int from = plan.skipChannel() == null ? 0 : order.indexOf(plan.skipChannel()) + 1;
		for (int i = from; i < order.size(); i++) {
			for (Address address : plan.addresses()) {
				if (address.usable() && address.channel().equals(order.get(i))) {
					return address;
				}
			}
		}
		return null;
	}

	private Mono<Void> send(DuePlan plan, Address address, String token, OffsetDateTime now, ZonedDateTime local) {
		OutboundMessage message = message(plan, address);
		OffsetDateTime next = plan.frequency().after(local).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
		Mono<Void> work = this.queue.enqueue(message)
			.flatMap(messageId -> this.db
				.sql("insert into check_in (young_person_id, channel, status, sent_at, message_id) "
						+ "values (:id, :channel, 'SENT', :now, :messageId)")
				.bind("id", plan.youngPersonId())
				.bind("channel", address.channel())
				.bind("now", now)
				.bind("messageId", messageId)
				.then())
			.then(this.db
				.sql("update check_in_plan set next_due_at = :next, skip_channel = null, no_channel_since = null, "
						+ "lease_owner = null, lease_until = null, updated_at = :now "
						+ "where young_person_id = :id and lease_owner = :token")
				.bind("next", next)
				.bind("now", now)
				.bind("id", plan.youngPersonId())
				.bind("token", token)
				.fetch()
				.rowsUpdated())
			.flatMap(updated -> updated == 1 ? Mono.<Void>empty() : Mono.error(new LeaseLost()));
		return this.transaction.transactional(work);
	}

	/**
	 * Another instance took the plan after our lease ran out; our work is rolled back.
	 */
	static final class LeaseLost extends RuntimeException {

		/** Whether none of the batch was still ours (then there is nothing to retry). */
		final boolean none;

		LeaseLost() {
			this(true);
		}

		LeaseLost(boolean none) {
			super("check-in plan lease lost", null, false, false);
			this.none = none;
		}

	}

	private Mono<Void> release(DuePlan plan, String token, ZonedDateTime next, boolean noChannel, OffsetDateTime now) {
		DatabaseClient.GenericExecuteSpec update = this.db
			.sql("update check_in_plan set next_due_at = :next, lease_owner = null, lease_until = null, "
					+ "no_channel_since = " + (noChannel ? "coalesce(no_channel_since, :now)" : "null")
					+ ", updated_at = :now where young_person_id = :id and lease_owner = :token")
			.bind("next", next.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
			.bind("now", now)
			.bind("id", plan.youngPersonId())
			.bind("token", token);
		return update.then();
	}

	/**
	 * The three answers, which each channel shows its own way (buttons, or the numbers
	 * the question already names).
	 */
	List<Choice> choices(String language) {
		// the same three for every check-in in a language: made once, not per message
		return this.choices.computeIfAbsent(language, this::makeChoices);
	}

	private List<Choice> makeChoices(String language) {
		return List.of(new Choice(this.phrases.get(language, "checkin.button.good"), "checkin:GOOD", "1"),
				new Choice(this.phrases.get(language, "checkin.button.ok"), "checkin:OK", "2"),
				new Choice(this.phrases.get(language, "checkin.button.need-help"), "checkin:NEED_HELP", "3"));
	}

	/**
	 * Closes check-ins unanswered for too long and tells the worker. The status change is
	 * the compare-and-set: an instance that loses it raises nothing.
	 */
	Mono<Integer> noReplies(OffsetDateTime now) {
		return this.db
			.sql("select id, young_person_id from check_in where status in ('SENT', 'REMINDED') and sent_at <= :cutoff")
			.bind("cutoff", now.minus(this.settings.noReplyAfter()))
			.map(row -> new long[] { row.get("id", Long.class), row.get("young_person_id", Long.class) })
			.all()
			.concatMap(row -> this.transaction.transactional(this.db
				.sql("update check_in set status = 'NO_REPLY', closed_at = :now where id = :id "
						+ "and status in ('SENT', 'REMINDED')")
				.bind("now", now)
				.bind("id", row[0])
				.fetch()
				.rowsUpdated()
				.filter(updated -> updated == 1)
				.flatMap(updated -> this.alerts
					.raise(new NewAlert(row[1], AlertLevel.NORMAL, "NOT_HEARD_FROM", null, null))
					.thenReturn(1))))
			.reduce(0, Integer::sum);
	}

	/** A gentle reminder on the same channel, outside quiet hours. */
	Mono<Integer> reminders(OffsetDateTime now) {
		LocalTime local = now.atZoneSameInstant(this.settings.zone()).toLocalTime();
		return this.db
			.sql("select c.id, c.young_person_id, c.channel, y.preferred_name, y.name, y.preferred_language, "
					+ "y.quiet_start, y.quiet_end, i.address_sealed from check_in c "
					+ "join young_person y on y.id = c.young_person_id join channel_identity i "
					+ "on i.young_person_id = c.young_person_id and i.channel = c.channel "
					+ "where c.status = 'SENT' and c.sent_at <= :cutoff and i.unreachable_at is null")
			.bind("cutoff", now.minus(this.settings.remindAfter()))
			.map(row -> new Reminder(row.get("id", Long.class), row.get("young_person_id", Long.class),
					row.get("channel", String.class), row.get("preferred_name", String.class),
					row.get("name", String.class), row.get("preferred_language", String.class),
					row.get("quiet_start", LocalTime.class), row.get("quiet_end", LocalTime.class),
					row.get("address_sealed", String.class)))
			.all()
			.filter(reminder -> !QuietHours.quiet(local, reminder.quietStart(), reminder.quietEnd()))
			.concatMap(reminder -> remind(reminder, now))
			.reduce(0, Integer::sum);
	}

	private record Reminder(long id, long youngPersonId, String channel, String preferredName, String name,
			String language, LocalTime quietStart, LocalTime quietEnd, String addressSealed) {
	}

	private Mono<Integer> remind(Reminder reminder, OffsetDateTime now) {
		String language = reminder.language() == null ? "en" : reminder.language();
		String name = reminder.preferredName() != null ? reminder.preferredName() : firstName(reminder.name());
		OutboundMessage message = new OutboundMessage(reminder.channel(), this.sealer.open(reminder.addressSealed()),
				this.phrases.get(language, "checkin.reminder", name), choices(language),
				OutboundMessage.Purpose.CHECK_IN, reminder.youngPersonId(), null, "CHECK_IN_REMINDER");
		return this.transaction.transactional(this.db
			.sql("update check_in set status = 'REMINDED', reminded_at = :now where id = :id and status = 'SENT'")
			.bind("now", now)
			.bind("id", reminder.id())
			.fetch()
			.rowsUpdated()
			.filter(updated -> updated == 1)
			.flatMap(updated -> this.queue.enqueue(message).thenReturn(1)));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
