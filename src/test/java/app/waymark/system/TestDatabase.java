package app.waymark.system;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;

import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * A freshly migrated database for one test class: H2 in memory, or PostgreSQL in a schema
 * of its own (dropped at close) so runs never collide. PostgreSQL is at 127.0.0.1:5432
 * (database {@code test}, user {@code postgres}) unless
 * {@code WAYMARK_TEST_PG_HOST}/{@code _PORT} say otherwise. Where it is absent the
 * PostgreSQL cases skip, except under {@code CI=true}, where they fail: CI must exercise
 * the production database. Held in a static {@code @RegisterExtension} field, it is
 * dropped after the test class.
 */
public final class TestDatabase implements AutoCloseable, AfterAllCallback {

	public enum Kind {

		H2, POSTGRES

	}

	static final String PG_HOST = System.getenv().getOrDefault("WAYMARK_TEST_PG_HOST", "127.0.0.1");

	static final int PG_PORT = Integer.parseInt(System.getenv().getOrDefault("WAYMARK_TEST_PG_PORT", "5432"));

	private final Kind kind;

	private final String name;

	private final ConnectionFactory connections;

	private final byte[] sealingKey = new byte[32];

	private TestDatabase(Kind kind) {
		this.kind = kind;
		this.name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		new SecureRandom().nextBytes(this.sealingKey);
		if (kind == Kind.POSTGRES) {
			requirePostgres();
		}
		Flyway.configure()
			.dataSource(jdbcUrl(), user(), "")
			.schemas(kind == Kind.POSTGRES ? new String[] { this.name } : new String[0])
			.load()
			.migrate();
		this.connections = ConnectionFactories.get(ConnectionFactoryOptions.parse(r2dbcUrl())
			.mutate()
			.option(ConnectionFactoryOptions.USER, user())
			.option(ConnectionFactoryOptions.PASSWORD, "")
			.build());
	}

	public static TestDatabase create(Kind kind) {
		return new TestDatabase(kind);
	}

	public Kind kind() {
		return this.kind;
	}

	public DatabaseClient client() {
		return DatabaseClient.create(this.connections);
	}

	public TransactionalOperator transactions() {
		return TransactionalOperator.create(new R2dbcTransactionManager(this.connections));
	}

	public String r2dbcUrl() {
		return switch (this.kind) {
			case H2 -> "r2dbc:h2:mem:///" + this.name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
			case POSTGRES -> "r2dbc:postgresql://postgres@" + PG_HOST + ":" + PG_PORT + "/test?schema=" + this.name;
		};
	}

	public String jdbcUrl() {
		return switch (this.kind) {
			case H2 -> "jdbc:h2:mem:" + this.name + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
			case POSTGRES -> "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/test?currentSchema=" + this.name;
		};
	}

	public String user() {
		return this.kind == Kind.POSTGRES ? "postgres" : "sa";
	}

	/**
	 * The key an application seals personal data in this database with: its own, so no
	 * test reads or writes a key file in the working directory.
	 */
	public byte[] sealingKey() {
		return this.sealingKey.clone();
	}

	/**
	 * A made-up out-of-hours number (Ofcom's range for drama), which a real deployment
	 * must set.
	 */
	public static final String OUT_OF_HOURS_NUMBER = "020 7946 0999";

	/** Spring properties pointing a whole application at this database (and its key). */
	public Map<String, String> springProperties() {
		return Map.of("spring.r2dbc.url", r2dbcUrl(), "spring.r2dbc.username", user(), "spring.r2dbc.password", "",
				"spring.flyway.url", jdbcUrl(), "spring.flyway.user", user(), "spring.flyway.password", "",
				"spring.flyway.schemas", this.kind == Kind.POSTGRES ? this.name : "", "waymark.encryption-key",
				Base64.getEncoder().encodeToString(this.sealingKey), "waymark.conversation.out-of-hours-number",
				OUT_OF_HOURS_NUMBER);
	}

	/** Points a Spring test's application at this database. */
	public void register(DynamicPropertyRegistry registry) {
		springProperties().forEach((key, value) -> registry.add(key, () -> value));
	}

	/** As {@link #register}, with the first admin the application creates at start-up. */
	public void register(DynamicPropertyRegistry registry, String adminEmail, String adminPassword) {
		register(registry);
		registry.add("waymark.people.admin-email", () -> adminEmail);
		registry.add("waymark.people.admin-password", () -> adminPassword);
	}

	@Override
	public void close() {
		try (Connection connection = DriverManager.getConnection(jdbcUrl(), user(), "")) {
			String drop = this.kind == Kind.POSTGRES ? "drop schema if exists " + this.name + " cascade"
					: "drop all objects";
			connection.createStatement().execute(drop);
		}
		catch (SQLException ex) {
			// best effort: a leftover schema has a random name and harms no later run
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		close();
	}

	/**
	 * Each case on each database, for a parameterized test taking the kind first: a case
	 * given as {@link Arguments} is spread after the kind, anything else is one argument.
	 */
	public static Stream<Arguments> onEachKind(List<?> cases) {
		return Stream.of(Kind.values()).flatMap(kind -> cases.stream().map(row -> {
			Object[] values = row instanceof Arguments arguments ? arguments.get() : new Object[] { row };
			Object[] withKind = new Object[values.length + 1];
			withKind[0] = kind;
			System.arraycopy(values, 0, withKind, 1, values.length);
			return Arguments.of(withKind);
		}));
	}

	/** Skips (or, under CI, fails) when PostgreSQL is not reachable. */
	public static void requirePostgres() {
		boolean up = postgresReachable();
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		if (!up && ci) {
			throw new IllegalStateException("CI=true but PostgreSQL is not reachable at " + PG_HOST + ":" + PG_PORT
					+ "; the PostgreSQL tests must run in CI");
		}
		Assumptions.assumeTrue(up, "PostgreSQL not reachable at " + PG_HOST + ":" + PG_PORT + "; skipping");
	}

	private static boolean postgresReachable() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(PG_HOST, PG_PORT), 1_000);
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

	@Override
	public String toString() {
		return this.kind.name().toLowerCase(Locale.ROOT);
	}

}
