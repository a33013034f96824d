package app.waymark.checkin;

import app.waymark.channel.TestChannels;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import app.waymark.alert.AlertSettings;
import app.waymark.alert.Alerts;
import app.waymark.channel.OutboundQueue;
import app.waymark.conversation.Phrases;
import app.waymark.people.Allocations;
import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * One scheduling pass over 100,000 young people (or each size given), each with a linked
 * number and no plan yet: the pass makes the plans, claims them in batches and queues a
 * check-in for each. Prints the time and heap figures, one line per size, each on a fresh
 * database. Not part of the normal build; run with
 *
 * <pre>
 * CI=true ./mvnw test -Dtest=CheckInSchedulerBenchmark -Dsurefire.excludedGroups= \
 *     -Dcheckin.benchmark.people=10000,30000,100000 -Dcheckin.benchmark.database=POSTGRES
 * </pre>
 *
 * ({@code -Dcheckin.benchmark.batch} sets the plans per claim, 1000 unless given).
 */
@Tag("benchmark")
class CheckInSchedulerBenchmark {

	static final List<Integer> SIZES = Arrays
		.stream(System.getProperty("checkin.benchmark.people", "100000").split(","))
		.map(String::strip)
		.map(Integer::valueOf)
		.toList();

	/** One database kind only, or both when not given. */
	static final String DATABASE = System.getProperty("checkin.benchmark.database", "");

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void onePassOverEachSize(TestDatabase.Kind kind) throws Exception {
		assumeTrue(DATABASE.isEmpty() || DATABASE.equalsIgnoreCase(kind.name()), "database " + DATABASE + " only");
		for (int people : SIZES) {
			onePass(kind, people);
		}
	}

	private void onePass(TestDatabase.Kind kind, int people) throws Exception {
		try (TestDatabase database = TestDatabase.create(kind)) {
			Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));
			MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
			long loadStart = System.nanoTime();
			load(database, sealer, clock.instant(), people);
			double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

			ConnectionPool pool = new ConnectionPool(ConnectionPoolConfiguration
				.builder(ConnectionFactories.get(ConnectionFactoryOptions.parse(database.r2dbcUrl())
					.mutate()
					.option(ConnectionFactoryOptions.USER, database.user())
					.option(ConnectionFactoryOptions.PASSWORD, "")
					.build()))
				.initialSize(4)
				.maxSize(8)
				.build());
			DatabaseClient db = DatabaseClient.create(pool);
			TransactionalOperator transactions = TransactionalOperator.create(new R2dbcTransactionManager(pool));
			OutboundQueue queue = new OutboundQueue(db, transactions, sealer, clock, TestChannels.all());
			Alerts alerts = new Alerts(db, transactions, new Allocations(db, clock),
					new AlertSettings(Duration.ofMinutes(15)), event -> {
					}, clock);
			CheckInSettings settings = new CheckInSettings(false, Duration.ofMinutes(1),
					Integer.getInteger("checkin.benchmark.batch", 1000), Duration.ofMinutes(30), Duration.ofHours(48),
					Duration.ofDays(7), ZoneId.of("Europe/London"));
			CheckInScheduler scheduler = new CheckInScheduler(db, transactions, queue, alerts, sealer, new Phrases(),
					settings, clock, "benchmark");

			System.gc();
			long heapBefore = usedHeap();
			ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
			long start = System.nanoTime();
			CheckInScheduler.Pass pass = scheduler.runOnce().block();
			double seconds = (System.nanoTime() - start) / 1e9;
			long heapAfter = usedHeap();
			long peak = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter(memory -> memory.getType() == MemoryType.HEAP)
				.mapToLong(memory -> memory.getPeakUsage().getUsed())
				.sum();
			System.out.printf(
					"CHECKIN BENCHMARK %s: %d people loaded in %.1f s; one pass %.1f s (%.0f check-ins/s): %s; "
							+ "heap before %d MB, after %d MB, peak (sum of pool peaks) %d MB, max %d MB%n",
					kind, people, loadSeconds, seconds, pass.sent() / seconds, pass, heapBefore >> 20, heapAfter >> 20,
					peak >> 20, Runtime.getRuntime().maxMemory() >> 20);
			assertThat(pass.plansCreated()).isEqualTo(people);
			assertThat(pass.sent()).isEqualTo(people);
			pool.dispose();
		}
	}

	private static long usedHeap() {
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** People, numbers and nothing else, in JDBC batches. */
	private static void load(TestDatabase database, Sealer sealer, Instant now, int people) throws Exception {
		Timestamp at = Timestamp.from(now);
		try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "")) {
			connection.setAutoCommit(false);
			try (PreparedStatement person = connection.prepareStatement(
					"insert into young_person (id, case_reference, name, preferred_name, created_at, updated_at) "
							+ "values (?, ?, ?, ?, ?, ?)");
					PreparedStatement identity = connection
						.prepareStatement("insert into channel_identity (channel, address_hash, address_sealed, "
								+ "young_person_id, verified_at) values ('sms', ?, ?, ?, ?)")) {
				for (int i = 1; i <= people; i++) {
					person.setLong(1, 1_000_000L + i);
					person.setString(2, "B" + i);
					person.setString(3, "Bench Person " + i);
					person.setString(4, "P" + i);
					person.setTimestamp(5, at);
					person.setTimestamp(6, at);
					person.addBatch();
					String number = "+4477" + (10_000_000 + i);
					identity.setString(1, sealer.hash(number));
					identity.setString(2, sealer.seal(number));
					identity.setLong(3, 1_000_000L + i);
					identity.setTimestamp(4, at);
					identity.addBatch();
					if (i % 2000 == 0) {
						person.executeBatch();
						identity.executeBatch();
						connection.commit();
					}
				}
				person.executeBatch();
				identity.executeBatch();
				connection.commit();
			}
		}
	}

}
