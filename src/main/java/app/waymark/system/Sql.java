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

	public static OffsetDateTime now(Clock clock) {
		return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
