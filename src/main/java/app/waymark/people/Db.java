package app.waymark.people;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.r2dbc.core.DatabaseClient;

/** Small helpers shared by the people feature's SQL. */
final class Db {

	private Db() {
	}

	static <T> DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, String name, T value,
			Class<T> type) {
		return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
	}

	static OffsetDateTime now(Clock clock) {
		return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

}
