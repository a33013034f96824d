package app.waymark.checkin;

import app.waymark.channel.TestChannels;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.alert.AlertSettings;
import app.waymark.alert.Alerts;
import app.waymark.channel.OutboundQueue;
import app.waymark.conversation.Phrases;
import app.waymark.people.Allocations;
import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The check-in scheduler over a fresh database, with a hand-moved clock and helpers that
 * insert workers, young people and their channel identities directly.
 */
final class CheckInFixture implements AutoCloseable {

	final TestDatabase database;

	final MutableClock clock;

	final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	final DatabaseClient db;

	final TransactionalOperator transactions;

	final OutboundQueue queue;

	final Alerts alerts;

	final CheckInSettings settings = CheckInSettings.defaults();

	private final AtomicInteger numbers = new AtomicInteger();

	CheckInFixture(TestDatabase.Kind kind, Instant start) {
		this.database = TestDatabase.create(kind);
		this.clock = new MutableClock(start);
		this.db = this.database.client();
		this.transactions = this.database.transactions();
		this.queue = new OutboundQueue(this.db, this.transactions, this.sealer, this.clock, TestChannels.all());
		this.alerts = new Alerts(this.db, this.transactions, new Allocations(this.db, this.clock),
				new AlertSettings(java.time.Duration.ofMinutes(15)), event -> {
				}, this.clock);
	}

	CheckInScheduler scheduler(String owner) {
		return new CheckInScheduler(this.db, this.transactions, this.queue, this.alerts, this.sealer, new Phrases(),
				this.settings, this.clock, owner);
	}

	OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	long worker() {
		int n = this.numbers.incrementAndGet();
		return insert("insert into worker (name, email, role, created_at) values ('Worker " + n + "', 'w" + n
				+ "@example.org', 'WORKER', :now)");
	}

	/** An active young person allocated to the worker (if any), with one SMS number. */
	long youngPerson(Long workerId) {
		int n = this.numbers.incrementAndGet();
		long id = insert("insert into young_person (case_reference, name, preferred_name, created_at, updated_at) "
				+ "values ('C" + n + "', 'Young Person " + n + "', 'Sam', :now, :now)");
		if (workerId != null) {
			this.db.sql("insert into allocation (young_person_id, worker_id, starts_at) values (:yp, :w, :now)")
				.bind("yp", id)
				.bind("w", workerId)
				.bind("now", now())
				.then()
				.block();
		}
		return id;
	}

	void identity(long youngPersonId, String channel, String address) {
		this.db
			.sql("insert into channel_identity (channel, address_hash, address_sealed, young_person_id, verified_at) "
					+ "values (:channel, :hash, :sealed, :yp, :now)")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.bind("sealed", this.sealer.seal(address))
			.bind("yp", youngPersonId)
			.bind("now", now())
			.then()
			.block();
	}

	void dayOff(Long workerId, LocalDate day) {
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into check_in_day_off (worker_id, off_on) values (:w, :day)")
			.bind("day", day);
		insert = workerId == null ? insert.bindNull("w", Long.class) : insert.bind("w", workerId);
		insert.then().block();
	}

	/**
	 * Runs a statement; {@code :now} in it is the fixture's clock, never the database's
	 * own {@code current_timestamp}, which would drift away from the clock the scheduler
	 * runs on as the real date moves on.
	 */
	void execute(String sql) {
		DatabaseClient.GenericExecuteSpec statement = this.db.sql(sql);
		if (sql.contains(":now")) {
			statement = statement.bind("now", now());
		}
		statement.then().block();
	}

	/** As {@link #execute(String)}, with more named values bound. */
	void execute(String sql, Map<String, Object> values) {
		DatabaseClient.GenericExecuteSpec statement = this.db.sql(sql).bind("now", now());
		for (Map.Entry<String, Object> value : values.entrySet()) {
			statement = statement.bind(value.getKey(), value.getValue());
		}
		statement.then().block();
	}

	long count(String sql) {
		return this.db.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block();
	}

	List<Map<String, Object>> rows(String sql) {
		return this.db.sql(sql).fetch().all().collectList().block();
	}

	OffsetDateTime nextDue(long youngPersonId) {
		return this.db.sql("select next_due_at from check_in_plan where young_person_id = :id")
			.bind("id", youngPersonId)
			.map(row -> row.get("next_due_at", OffsetDateTime.class))
			.one()
			.block();
	}

	private long insert(String sql) {
		return this.db.sql(sql)
			.bind("now", now())
			.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
	}

	@Override
	public void close() {
		this.database.close();
	}

}
