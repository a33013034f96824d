package app.waymark.checkin;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/** Scheduling rules and exactly-once sending, on both databases the service runs on. */
class CheckInSchedulerTests {

	private CheckInFixture fixture;

	@AfterEach
	void close() {
		if (this.fixture != null) {
			this.fixture.close();
		}
	}

	/**
	 * @param label what the row shows
	 * @param now the moment of the pass (UTC)
	 * @param frequency the plan's frequency
	 * @param dayOff whose day off today is: "mine", "everyone", "another", or null
	 * @param sent whether a check-in goes out
	 * @param nextDue the plan's next due moment after the pass (UTC)
	 */
	record Case(String label, String now, Frequency frequency, String dayOff, boolean sent, String nextDue) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static List<Case> cases() {
		return List.of(
				new Case("due on a weekday morning", "2026-11-24T10:00:00Z", Frequency.FOUR_WEEKLY, null, true,
						"2026-12-22T10:00:00Z"),
				new Case("20:59 London in winter sends", "2026-11-24T20:59:00Z", Frequency.FOUR_WEEKLY, null, true,
						"2026-12-22T20:59:00Z"),
				new Case("21:00 London in winter waits until 09:00", "2026-11-24T21:00:00Z", Frequency.FOUR_WEEKLY,
						null, false, "2026-11-25T09:00:00Z"),
				new Case("08:59 London waits a minute", "2026-11-24T08:59:00Z", Frequency.WEEKLY, null, false,
						"2026-11-24T09:00:00Z"),
				new Case("20:59 BST sends", "2026-07-01T19:59:00Z", Frequency.WEEKLY, null, true,
						"2026-07-08T19:59:00Z"),
				new Case("21:00 BST waits until 09:00 BST", "2026-07-01T20:00:00Z", Frequency.WEEKLY, null, false,
						"2026-07-02T08:00:00Z"),
				new Case("quiet night the clocks go back waits until 09:00 GMT", "2026-10-25T00:30:00Z",
						Frequency.WEEKLY, null, false, "2026-10-25T09:00:00Z"),
				new Case("quiet night the clocks go forward waits until 09:00 BST", "2026-03-29T00:30:00Z",
						Frequency.WEEKLY, null, false, "2026-03-29T08:00:00Z"),
				new Case("worker's day off waits until the next morning", "2026-11-24T10:00:00Z", Frequency.FOUR_WEEKLY,
						"mine", false, "2026-11-25T09:00:00Z"),
				new Case("everyone's day off waits too", "2026-11-24T10:00:00Z", Frequency.FOUR_WEEKLY, "everyone",
						false, "2026-11-25T09:00:00Z"),
				new Case("another worker's day off does not matter", "2026-11-24T10:00:00Z", Frequency.FOUR_WEEKLY,
						"another", true, "2026-12-22T10:00:00Z"),
				new Case("fortnightly", "2026-11-24T10:00:00Z", Frequency.FORTNIGHTLY, null, true,
						"2026-12-08T10:00:00Z"),
				new Case("monthly is a calendar month", "2026-01-31T10:00:00Z", Frequency.MONTHLY, null, true,
						"2026-02-28T10:00:00Z"),
				new Case("paused plan sends nothing and stays put", "2026-11-24T10:00:00Z", Frequency.PAUSED, null,
						false, "2026-11-24T10:00:00Z"));
	}

	static Stream<Arguments> casesOnBothDatabases() {
		return TestDatabase.onEachKind(cases());
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("casesOnBothDatabases")
	void schedules(TestDatabase.Kind kind, Case row) {
		Instant now = Instant.parse(row.now());
		this.fixture = new CheckInFixture(kind, now);
		long worker = this.fixture.worker();
		long other = this.fixture.worker();
		long person = this.fixture.youngPerson(worker);
		this.fixture.identity(person, "sms", "+447700900001");
		LocalDate today = now.atZone(this.fixture.settings.zone()).toLocalDate();
		if (row.dayOff() != null) {
			this.fixture.dayOff(switch (row.dayOff()) {
				case "mine" -> worker;
				case "another" -> other;
				default -> null;
			}, today);
		}
		this.fixture.execute("insert into check_in_plan (young_person_id, frequency, next_due_at, updated_at) values ("
				+ person + ", '" + row.frequency() + "', timestamp with time zone '"
				+ row.now().replace("T", " ").replace("Z", "+00")
				+ "', timestamp with time zone '2026-01-01 00:00:00+00')");

		CheckInScheduler.Pass pass = this.fixture.scheduler("a").runOnce().block();

		assertThat(this.fixture.count("select count(*) from check_in")).isEqualTo(row.sent() ? 1 : 0);
		assertThat(this.fixture.count("select count(*) from outbound where purpose = 'CHECK_IN'"))
			.isEqualTo(row.sent() ? 1 : 0);
		assertThat(pass.sent()).isEqualTo(row.sent() ? 1 : 0);
		assertThat(this.fixture.nextDue(person).toInstant()).isEqualTo(Instant.parse(row.nextDue()));
		assertThat(this.fixture.count("select count(*) from check_in_plan where lease_owner is not null")).isZero();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void plansAreMadeForLinkedOptedInYoungPeopleOnly(TestDatabase.Kind kind) {
		this.fixture = new CheckInFixture(kind, Instant.parse("2026-11-24T10:00:00Z"));
		long linked = this.fixture.youngPerson(null);
		this.fixture.identity(linked, "sms", "+447700900001");
		long unlinked = this.fixture.youngPerson(null);
		long optedOut = this.fixture.youngPerson(null);
		this.fixture.identity(optedOut, "sms", "+447700900002");
		this.fixture
			.execute("insert into consent (channel, address_hash, opted_in, source, recorded_at) values ('sms', '"
					+ this.fixture.sealer.hash("+447700900002") + "', false, 'SMS_KEYWORD', :now)");
		long closed = this.fixture.youngPerson(null);
		this.fixture.identity(closed, "sms", "+447700900003");
		this.fixture.execute("update young_person set status = 'CLOSED' where id = " + closed);

		CheckInScheduler.Pass pass = this.fixture.scheduler("a").runOnce().block();

		assertThat(pass.plansCreated()).isEqualTo(1);
		assertThat(this.fixture.rows("select young_person_id, frequency from check_in_plan")).singleElement()
			.satisfies(plan -> {
				assertThat(((Number) plan.get("young_person_id")).longValue()).isEqualTo(linked);
				assertThat(plan.get("frequency")).isEqualTo("FOUR_WEEKLY");
			});
		assertThat(this.fixture.count("select count(*) from check_in where young_person_id = " + linked)).isEqualTo(1);
		assertThat(unlinked).isNotEqualTo(linked);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void noUsableChannelAlertsOnce(TestDatabase.Kind kind) {
		this.fixture = new CheckInFixture(kind, Instant.parse("2026-11-24T10:00:00Z"));
		long person = this.fixture.youngPerson(this.fixture.worker());
		this.fixture.identity(person, "sms", "+447700900001");
		CheckInScheduler scheduler = this.fixture.scheduler("a");
		scheduler.runOnce().block();
		// the number goes dead; the next check-ins have nowhere to go
		this.fixture.execute("update channel_identity set unreachable_at = :now");
		this.fixture.clock.advance(Duration.ofDays(28));
		for (int day = 0; day < 3; day++) {
			scheduler.runOnce().block();
			this.fixture.clock.advance(Duration.ofDays(1));
		}
		assertThat(this.fixture.count("select count(*) from check_in")).isEqualTo(1);
		assertThat(this.fixture.count("select count(*) from alert where reason = 'NO_CHANNEL'")).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void checkInMissedWhileDownIsSentOnceWhenBack(TestDatabase.Kind kind) {
		this.fixture = new CheckInFixture(kind, Instant.parse("2026-11-24T10:00:00Z"));
		long person = this.fixture.youngPerson(this.fixture.worker());
		this.fixture.identity(person, "sms", "+447700900001");
		this.fixture.execute("insert into check_in_plan (young_person_id, frequency, next_due_at, updated_at) values ("
				+ person + ", 'WEEKLY', timestamp with time zone '2026-11-24 10:00:00+00', :now)");
		// the service was down for three days
		this.fixture.clock.advance(Duration.ofDays(3));
		CheckInScheduler scheduler = this.fixture.scheduler("a");
		scheduler.runOnce().block();
		scheduler.runOnce().block();
		assertThat(this.fixture.count("select count(*) from check_in")).isEqualTo(1);
		assertThat(this.fixture.nextDue(person).toInstant()).isEqualTo(Instant.parse("2026-12-04T10:00:00Z"));
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void failedChannelFallsBackToTheNextOne(TestDatabase.Kind kind) {
		this.fixture = new CheckInFixture(kind, Instant.parse("2026-11-24T10:00:00Z"));
		long person = this.fixture.youngPerson(this.fixture.worker());
		this.fixture.identity(person, "telegram", "123456");
		this.fixture.identity(person, "sms", "+447700900001");
		CheckInScheduler scheduler = this.fixture.scheduler("a");
		scheduler.runOnce().block();
		Long messageId = (Long) this.fixture.db.sql("select message_id from check_in")
			.map(row -> row.get("message_id", Long.class))
			.one()
			.block();
		assertThat(this.fixture.rows("select channel, extras from outbound")).singleElement()
			.satisfies(row -> assertThat(row.get("channel")).isEqualTo("telegram"));
		new CheckInFailures(this.fixture.db, this.fixture.clock)
			.failed(new app.waymark.channel.DeliveryFailed(messageId, "telegram",
					app.waymark.channel.OutboundMessage.Purpose.CHECK_IN, person, null, "blocked"))
			.block();
		scheduler.runOnce().block();
		assertThat(this.fixture.rows("select channel, status from check_in order by id"))
			.extracting(row -> row.get("channel") + ":" + row.get("status"))
			.containsExactly("telegram:FAILED", "sms:SENT");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void telegramCheckInCarriesAnswerButtons(TestDatabase.Kind kind) {
		this.fixture = new CheckInFixture(kind, Instant.parse("2026-11-24T10:00:00Z"));
		long person = this.fixture.youngPerson(null);
		this.fixture.identity(person, "telegram", "123456");
		this.fixture.scheduler("a").runOnce().block();
		app.waymark.channel.QueuedMessage queued = this.fixture.queue
			.claim("telegram", 10, "test", Duration.ofMinutes(1))
			.blockFirst();
		assertThat(queued.text())
			.isEqualTo("Hi Sam, how are things? Reply 1 Good, 2 OK, 3 Need help - or tell me in your own words.");
		assertThat(queued.extras()).contains("\"data\":\"checkin:GOOD\"")
			.contains("\"data\":\"checkin:OK\"")
			.contains("\"data\":\"checkin:NEED_HELP\"");
		assertThat(queued.purpose()).isEqualTo(app.waymark.channel.OutboundMessage.Purpose.CHECK_IN);
	}

	static final int RACERS = 120;

	@ParameterizedTest
	@EnumSource(value = TestDatabase.Kind.class, names = "POSTGRES")
	void twoInstancesRacingSendEachCheckInOnce(TestDatabase.Kind kind) {
		this.fixture = new CheckInFixture(kind, Instant.parse("2026-11-24T10:00:00Z"));
		for (int i = 0; i < RACERS; i++) {
			long person = this.fixture.youngPerson(null);
			this.fixture.identity(person, "sms", "+4477009" + (10000 + i));
		}
		this.fixture.execute(
				"insert into check_in_plan (young_person_id, next_due_at, updated_at) "
						+ "select id, :due, :now from young_person",
				java.util.Map.of("due", this.fixture.now().minusHours(1)));
		CheckInScheduler a = this.fixture.scheduler("a");
		CheckInScheduler b = this.fixture.scheduler("b");
		List<CheckInScheduler.Pass> passes = Mono
			.zip(a.runOnce().subscribeOn(Schedulers.boundedElastic()),
					b.runOnce().subscribeOn(Schedulers.boundedElastic()))
			.map(both -> List.of(both.getT1(), both.getT2()))
			.block();
		assertThat(passes.get(0).sent() + passes.get(1).sent()).isEqualTo(RACERS);
		assertThat(this.fixture.count("select count(*) from check_in")).isEqualTo(RACERS);
		assertThat(this.fixture.count("select count(distinct young_person_id) from check_in")).isEqualTo(RACERS);
		assertThat(this.fixture.count("select count(*) from outbound")).isEqualTo(RACERS);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void instanceThatLostItsLeaseSendsNothing(TestDatabase.Kind kind) {
		this.fixture = new CheckInFixture(kind, Instant.parse("2026-11-24T10:00:00Z"));
		for (int i = 0; i < 5; i++) {
			long person = this.fixture.youngPerson(null);
			this.fixture.identity(person, "sms", "+4477009" + (20000 + i));
		}
		CheckInScheduler a = this.fixture.scheduler("a");
		CheckInScheduler b = this.fixture.scheduler("b");
		OffsetDateTime then = this.fixture.now();
		a.createPlans(then).block();
		String token = a.claim(then).block();
		List<CheckInScheduler.DuePlan> claimed = a.load(token).block();
		assertThat(claimed).hasSize(5);
		// instance a stalls (or dies) holding the lease; b takes over once it runs out
		assertThat(b.runOnce().block().sent()).isZero();
		this.fixture.clock.advance(this.fixture.settings.lease().plusSeconds(1));
		assertThat(b.runOnce().block().sent()).isEqualTo(5);
		// a wakes up and carries on with its stale batch
		int[] counts = a.process(claimed, token, then, new int[3]).block();
		assertThat(counts[0]).isZero();
		assertThat(this.fixture.count("select count(*) from check_in")).isEqualTo(5);
		assertThat(this.fixture.count("select count(*) from outbound")).isEqualTo(5);
		assertThat(this.fixture.count("select count(*) from message")).isEqualTo(5);
	}

	/**
	 * A batch where one plan is no longer ours fails its lease check as a whole, and is
	 * then written row by row: the others are sent, the one taken is left to its holder.
	 */
	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void batchWithOnePlanTakenIsWrittenRowByRow(TestDatabase.Kind kind) {
		this.fixture = new CheckInFixture(kind, Instant.parse("2026-11-24T10:00:00Z"));
		for (int i = 0; i < 5; i++) {
			long person = this.fixture.youngPerson(null);
			this.fixture.identity(person, "sms", "+4477009" + (30000 + i));
		}
		CheckInScheduler a = this.fixture.scheduler("a");
		OffsetDateTime then = this.fixture.now();
		a.createPlans(then).block();
		String token = a.claim(then).block();
		List<CheckInScheduler.DuePlan> claimed = a.load(token).block();
		long taken = claimed.get(0).youngPersonId();
		this.fixture.execute(
				"update check_in_plan set lease_owner = 'b#1', updated_at = :now where young_person_id = :id",
				java.util.Map.of("id", taken));
		int[] counts = a.process(claimed, token, then, new int[3]).block();
		assertThat(counts[0]).isEqualTo(4);
		assertThat(this.fixture.count("select count(*) from check_in")).isEqualTo(4);
		assertThat(this.fixture.count("select count(*) from check_in where young_person_id = " + taken)).isZero();
		assertThat(this.fixture.count("select count(*) from outbound")).isEqualTo(4);
		assertThat(this.fixture.count("select count(*) from message")).isEqualTo(4);
	}

	/**
	 * One batch of every kind of outcome is written set-wise (arrays on PostgreSQL,
	 * multi-row on H2), never falling back to row by row, and each check-in, log row and
	 * queue row belongs to the right person: their own name in the text, their own
	 * address, the channel they were sent by; each plan moved as row by row would move
	 * it.
	 */
	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void mixedBatchIsWrittenSetWiseEachRowToItsOwnPerson(TestDatabase.Kind kind) {
		this.fixture = new CheckInFixture(kind, Instant.parse("2026-11-24T10:00:00Z"));
		java.util.Map<Long, String> addresses = new java.util.LinkedHashMap<>();
		for (int i = 0; i < 12; i++) {
			long person = this.fixture.youngPerson(null);
			this.fixture.execute("update young_person set preferred_name = 'P" + person + "' where id = " + person);
			String address = i % 3 == 0 ? String.valueOf(550_000 + i) : "+4477009" + (40000 + i);
			this.fixture.identity(person, i % 3 == 0 ? "telegram" : "sms", address);
			addresses.put(person, address);
		}
		List<Long> people = List.copyOf(addresses.keySet());
		long quiet = people.get(1);
		long closed = people.get(2);
		long skipping = people.get(3);
		this.fixture.identity(skipping, "sms", "+447700949999");
		addresses.put(skipping, "+447700949999");
		this.fixture.execute("update young_person set quiet_start = time '09:00:00', quiet_end = time '18:00:00' "
				+ "where id = " + quiet);
		this.fixture.execute("update young_person set status = 'CLOSED' where id = " + closed);
		this.fixture.execute(
				"insert into check_in_plan (young_person_id, next_due_at, updated_at) "
						+ "select id, :due, :now from young_person",
				java.util.Map.of("due", this.fixture.now().minusHours(1)));
		this.fixture
			.execute("update check_in_plan set no_channel_since = :since, updated_at = :now where young_person_id in ("
					+ quiet + ", " + closed + ")", java.util.Map.of("since", this.fixture.now().minusDays(3)));
		this.fixture.execute("update check_in_plan set skip_channel = 'telegram' where young_person_id = " + skipping);

		ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger(CheckInScheduler.class);
		ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged = new ch.qos.logback.core.read.ListAppender<>();
		logged.start();
		logger.addAppender(logged);
		CheckInScheduler.Pass pass;
		try {
			pass = this.fixture.scheduler("a").runOnce().block();
		}
		finally {
			logger.detachAppender(logged);
		}

		assertThat(logged.list).as("written set-wise, not row by row").isEmpty();
		assertThat(pass.sent()).isEqualTo(10);
		assertThat(pass.deferred()).isEqualTo(1);
		List<java.util.Map<String, Object>> sent = this.fixture
			.rows("select c.young_person_id, c.channel as sent_by, m.young_person_id as logged_for, m.channel, "
					+ "m.address_hash, m.body_sealed as logged_body, o.address_sealed, o.body_sealed, o.channel as queued_on "
					+ "from check_in c join message m on m.id = c.message_id join outbound o on o.message_id = m.id");
		assertThat(sent).hasSize(10);
		for (java.util.Map<String, Object> row : sent) {
			long person = ((Number) row.get("young_person_id")).longValue();
			String address = addresses.get(person);
			assertThat(((Number) row.get("logged_for")).longValue()).isEqualTo(person);
			assertThat(row.get("channel")).isEqualTo(row.get("sent_by")).isEqualTo(row.get("queued_on"));
			assertThat(this.fixture.sealer.open((String) row.get("address_sealed"))).isEqualTo(address);
			assertThat(row.get("address_hash")).isEqualTo(this.fixture.sealer.hash(address));
			assertThat(row.get("body_sealed")).isEqualTo(row.get("logged_body"));
			assertThat(this.fixture.sealer.open((String) row.get("body_sealed"))).startsWith("Hi P" + person + ",");
		}
		assertThat(sent).filteredOn(row -> ((Number) row.get("young_person_id")).longValue() == skipping)
			.singleElement()
			.satisfies(row -> assertThat(row.get("sent_by")).isEqualTo("sms"));

		java.util.Map<Long, java.util.Map<String, Object>> plans = new java.util.HashMap<>();
		this.fixture
			.rows("select young_person_id, next_due_at, skip_channel, no_channel_since, lease_owner from check_in_plan")
			.forEach(row -> plans.put(((Number) row.get("young_person_id")).longValue(), row));
		for (long person : people) {
			java.util.Map<String, Object> plan = plans.get(person);
			assertThat(plan.get("lease_owner")).isNull();
			Instant next = ((OffsetDateTime) plan.get("next_due_at")).toInstant();
			if (person == quiet) {
				assertThat(next).isEqualTo(Instant.parse("2026-11-24T18:00:00Z"));
				assertThat(((OffsetDateTime) plan.get("no_channel_since")).toInstant())
					.as("a deferred plan keeps when it first had no channel")
					.isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
			}
			else {
				assertThat(next).isEqualTo(Instant.parse("2026-12-22T10:00:00Z"));
				assertThat(plan.get("no_channel_since")).isNull();
				assertThat(plan.get("skip_channel")).isNull();
			}
		}
	}

}
