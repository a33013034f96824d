package app.waymark.system;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The two things every feature's SQL needs: binding a value that may be null, and "now"
 * in UTC.
 */
public final class Sql {

	private Sql() {
	}

	public static <T> DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec,
			String name, T value, Class<T> type) {
		return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
	}

	/**
	 * Whether the database is PostgreSQL (else the embedded H2): for the few statements
	 * the two spell differently, such as reading back the rows an insert made.
	 */
	public static boolean postgres(DatabaseClient db) {
		return db.getConnectionFactory()
			.getMetadata()
			.getName()
			.toLowerCase(java.util.Locale.ROOT)
			.contains("postgres");
	}

	/**
	 * An insert that reads back columns of the rows it made: {@code RETURNING} on
	 * PostgreSQL, a {@code FINAL TABLE} query on H2.
	 */
	public static String returning(DatabaseClient db, String insert, String columns) {
		return postgres(db) ? insert + " returning " + columns
				: "select " + columns + " from final table (" + insert + ")";
	}

	public static OffsetDateTime now(Clock clock) {
		return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
