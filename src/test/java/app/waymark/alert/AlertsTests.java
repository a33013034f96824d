package app.waymark.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import app.waymark.people.Allocations;
import app.waymark.system.MutableClock;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Raising and acknowledging alerts, on both databases. */
class AlertsTests {

	static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

	private final MutableClock clock = new MutableClock(NOW);

	private final List<Object> events = new ArrayList<>();

	private TestDatabase database;

	private DatabaseClient db;

	private Alerts alerts;

	private void open(TestDatabase.Kind kind) {
		this.database = TestDatabase.create(kind);
		this.db = this.database.client();
		this.alerts = new Alerts(this.db, this.database.transactions(), new Allocations(this.db, this.clock),
				new AlertSettings(Duration.ofMinutes(15)), this.events::add, this.clock);
	}

	@AfterEach
	void close() {
		if (this.database != null) {
			this.database.close();
		}
	}

	private long insert(String sql) {
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql);
		if (sql.contains(":now")) {
			spec = spec.bind("now", OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC));
		}
		return spec.filter(s -> s.returnGeneratedValues("id")).map(row -> row.get("id", Long.class)).one().block();
	}

	private long worker(String email, String team, boolean onDuty) {
		return insert("insert into worker (name, email, role, team, on_duty, created_at) values ('W', '" + email
				+ "', 'WORKER', '" + team + "', " + onDuty + ", :now)");
	}

	private long youngPerson(String reference, String team) {
		return insert("insert into young_person (case_reference, name, team, created_at, updated_at) values ('"
				+ reference + "', 'Y', '" + team + "', :now, :now)");
	}

	private void allocate(long youngPerson, long worker) {
		insert("insert into allocation (young_person_id, worker_id, starts_at) values (" + youngPerson + ", " + worker
				+ ", :now)");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void urgentAlertGoesToTheAllocatedWorkerWithAnEscalationTime(TestDatabase.Kind kind) {
		open(kind);
		long ann = worker("ann@example.org", "North", false);
		long jo = youngPerson("C-1", "North");
		allocate(jo, ann);
		Alert alert = this.alerts.raise(new NewAlert(jo, AlertLevel.URGENT, "CRISIS", "self-harm", null)).block();
		assertThat(alert.workerId()).isEqualTo(ann);
		assertThat(alert.status()).isEqualTo("OPEN");
		assertThat(alert.escalateAt().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
		assertThat(this.events).containsExactly(new AlertRaised(alert.id()));
		assertThat(this.alerts.steps(alert.id()).collectList().block()).extracting(Alerts.AlertStep::step)
			.containsExactly("RAISED");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void workerOnLeaveMeansTheDutyWorkerGetsIt(TestDatabase.Kind kind) {
		open(kind);
		long ann = worker("ann@example.org", "North", false);
		long duty = worker("duty@example.org", "North", true);
		long jo = youngPerson("C-1", "North");
		allocate(jo, ann);
		insert("insert into worker_absence (worker_id, starts_on, ends_on) values (" + ann
				+ ", date '2026-11-20', date '2026-11-30')");
		Alert alert = this.alerts.raise(new NewAlert(jo, AlertLevel.NORMAL, "CONCERN", null, null)).block();
		assertThat(alert.workerId()).isEqualTo(duty);
		assertThat(alert.escalateAt()).as("normal alerts do not escalate").isNull();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void acknowledgingTwiceCountsOnceAndIsRecorded(TestDatabase.Kind kind) {
		open(kind);
		long ann = worker("ann@example.org", "North", false);
		Alert alert = this.alerts.raise(new NewAlert(null, AlertLevel.URGENT, "CRISIS", null, null)).block();
		assertThat(alert.workerId()).as("an unknown sender has no allocated worker").isNull();
		this.clock.advance(Duration.ofMinutes(3));
		assertThat(this.alerts.acknowledge(alert.id(), ann, "api").block()).isTrue();
		assertThat(this.alerts.acknowledge(alert.id(), ann, "api").block()).isFalse();
		Alert acknowledged = this.alerts.find(alert.id()).block();
		assertThat(acknowledged.status()).isEqualTo("ACKNOWLEDGED");
		assertThat(acknowledged.acknowledgedBy()).isEqualTo(ann);
		assertThat(acknowledged.acknowledgedAt().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(3)));
		assertThat(this.alerts.steps(alert.id()).collectList().block()).extracting(Alerts.AlertStep::step)
			.containsExactly("RAISED", "ACKNOWLEDGED");
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aReallocationWhoseEventWasLostIsCaughtUpOnceAndADutyHandoverStays(TestDatabase.Kind kind) {
		open(kind);
		long ann = worker("ann@example.org", "North", false);
		long bob = worker("bob@example.org", "North", false);
		long duty = worker("duty@example.org", "North", true);
		long jo = youngPerson("C-1", "North");
		allocate(jo, ann);
		Alert before = this.alerts.raise(new NewAlert(jo, AlertLevel.URGENT, "CRISIS", "self-harm", null)).block();
		assertThat(before.workerId()).isEqualTo(ann);
		this.clock.advance(Duration.ofMinutes(2));
		// Jo moves to Bob, and the Reallocated event never arrives (the instance died)
		OffsetDateTime moved = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		this.db.sql("update allocation set ends_at = :at where young_person_id = :jo and ends_at is null")
			.bind("at", moved)
			.bind("jo", jo)
			.then()
			.block();
		this.db.sql("insert into allocation (young_person_id, worker_id, starts_at) values (:jo, :bob, :at)")
			.bind("jo", jo)
			.bind("bob", bob)
			.bind("at", moved)
			.then()
			.block();
		this.clock.advance(Duration.ofMinutes(1));
		// Bob is away, so an alert raised now goes to the duty worker: that is not a
		// missed move
		insert("insert into worker_absence (worker_id, starts_on, ends_on) values (" + bob
				+ ", date '2026-11-20', date '2026-11-30')");
		Alert after = this.alerts.raise(new NewAlert(jo, AlertLevel.NORMAL, "ASKED_FOR_WORKER", null, null)).block();
		assertThat(after.workerId()).isEqualTo(duty);
		this.events.clear();

		assertThat(this.alerts.followAllocations().block()).isEqualTo(1);
		assertThat(this.alerts.find(before.id()).block().workerId()).isEqualTo(bob);
		assertThat(this.alerts.steps(before.id()).collectList().block()).extracting(Alerts.AlertStep::step)
			.containsExactly("RAISED", "REASSIGNED");
		assertThat(this.events).as("sent to Bob like any moved alert").containsExactly(new AlertRaised(before.id()));
		assertThat(this.alerts.find(after.id()).block().workerId()).isEqualTo(duty);
		assertThat(this.alerts.followAllocations().block()).as("caught up once").isZero();
	}

	private long message(String channel, String addressHash, Long youngPerson) {
		return insert("insert into message (channel, direction, address_hash, young_person_id, status, created_at, "
				+ "updated_at) values ('" + channel + "', 'IN', '" + addressHash + "', " + youngPerson
				+ ", 'RECEIVED', :now, :now)");
	}

	private long count(String where) {
		return this.db.sql("select count(*) as n from alert where " + where)
			.map(row -> row.get("n", Long.class))
			.one()
			.block();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void repeatsAboutTheSameSenderWithinTheWindowAreOneAlertWithACount(TestDatabase.Kind kind) {
		open(kind);
		long ann = worker("ann@example.org", "North", false);
		long jo = youngPerson("C-1", "North");
		allocate(jo, ann);
		Alert first = this.alerts
			.raise(new NewAlert(jo, AlertLevel.URGENT, "CRISIS", "self-harm", message("sms", "a1", jo)))
			.block();
		for (int i = 0; i < 9; i++) {
			this.clock.advance(Duration.ofMinutes(5));
			Alert again = this.alerts
				.raise(new NewAlert(jo, AlertLevel.URGENT, "CRISIS", "self-harm", message("sms", "a1", jo)))
				.block();
			assertThat(again.id()).isEqualTo(first.id());
		}
		Alert counted = this.alerts.find(first.id()).block();
		assertThat(counted.repeatCount()).isEqualTo(10);
		assertThat(counted.lastRaisedAt().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(45)));
		assertThat(counted.createdAt().toInstant()).isEqualTo(NOW);
		assertThat(count("young_person_id = " + jo)).isOne();
		assertThat(this.events).as("delivered once: nine more texts would be noise").hasSize(1);
		assertThat(this.alerts.steps(first.id()).collectList().block()).extracting(Alerts.AlertStep::step)
			.containsExactly("RAISED", "REPEATED", "REPEATED", "REPEATED", "REPEATED", "REPEATED", "REPEATED",
					"REPEATED", "REPEATED", "REPEATED");
		// a different level is its own alert; so is the same one after the window
		this.alerts.raise(new NewAlert(jo, AlertLevel.NORMAL, "CONCERN", "money", message("sms", "a1", jo))).block();
		assertThat(count("young_person_id = " + jo)).isEqualTo(2);
		this.clock.advance(Duration.ofHours(2));
		this.alerts.raise(new NewAlert(jo, AlertLevel.URGENT, "CRISIS", "self-harm", message("sms", "a1", jo))).block();
		assertThat(count("young_person_id = " + jo + " and level = 'URGENT'")).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void anAcknowledgedAlertNeverAbsorbsANewOne(TestDatabase.Kind kind) {
		open(kind);
		long ann = worker("ann@example.org", "North", false);
		long jo = youngPerson("C-1", "North");
		allocate(jo, ann);
		Alert first = this.alerts
			.raise(new NewAlert(jo, AlertLevel.URGENT, "CRISIS", "self-harm", message("sms", "a1", jo)))
			.block();
		this.alerts.acknowledge(first.id(), ann, "api").block();
		Alert next = this.alerts
			.raise(new NewAlert(jo, AlertLevel.URGENT, "CRISIS", "self-harm", message("sms", "a1", jo)))
			.block();
		assertThat(next.id()).isNotEqualTo(first.id());
		assertThat(this.events).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void strangersAreCountedPerAddressAndOnTheWebChatPerClient(TestDatabase.Kind kind) {
		open(kind);
		for (int i = 0; i < 3; i++) {
			this.alerts.raise(new NewAlert(null, AlertLevel.URGENT, "CRISIS", null, message("sms", "phone-1", null)))
				.block();
			// a new conversation id each time, one client
			this.alerts
				.raise(new NewAlert(null, AlertLevel.URGENT, "CRISIS", null, message("web", "conversation-" + i, null),
						"client-1"))
				.block();
		}
		this.alerts.raise(new NewAlert(null, AlertLevel.URGENT, "CRISIS", null, message("sms", "phone-2", null)))
			.block();
		assertThat(count("young_person_id is null")).isEqualTo(3);
		assertThat(count("sender_key = 'client:client-1' and repeat_count = 3")).isOne();
		assertThat(count("sender_key = 'sms:phone-1' and repeat_count = 3")).isOne();
		// alerts about no message (a check-in nobody answered) are never merged
		long jo = youngPerson("C-2", "North");
		this.alerts.raise(new NewAlert(jo, AlertLevel.NORMAL, "NOT_HEARD_FROM", null, null)).block();
		this.alerts.raise(new NewAlert(jo, AlertLevel.NORMAL, "NOT_HEARD_FROM", null, null)).block();
		assertThat(count("young_person_id = " + jo)).isEqualTo(2);
	}

}
