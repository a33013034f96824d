package app.waymark.checkin;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class QuietHoursTests {

	static final ZoneId LONDON = ZoneId.of("Europe/London");

	@ParameterizedTest(name = "{0} with quiet {1}-{2}: next allowed {3}")
	@CsvSource({ "2026-11-24T20:59, 21:00, 09:00, 2026-11-24T20:59", "2026-11-24T21:00, 21:00, 09:00, 2026-11-25T09:00",
			"2026-11-24T23:59, 21:00, 09:00, 2026-11-25T09:00", "2026-11-25T00:00, 21:00, 09:00, 2026-11-25T09:00",
			"2026-11-25T08:59, 21:00, 09:00, 2026-11-25T09:00", "2026-11-25T09:00, 21:00, 09:00, 2026-11-25T09:00",
			"2026-11-24T13:30, 13:00, 14:00, 2026-11-24T14:00", "2026-11-24T12:59, 13:00, 14:00, 2026-11-24T12:59",
			"2026-11-24T03:00, 00:00, 00:00, 2026-11-24T03:00",
			// a day off (the 26th) inside the wait carries on to the next morning
			"2026-11-25T22:00, 21:00, 09:00, 2026-11-27T09:00" })
	void nextAllowed(String from, String start, String end, String expected) {
		Set<LocalDate> off = Set.of(LocalDate.parse("2026-11-26"));
		ZonedDateTime next = QuietHours.nextAllowed(ZonedDateTime.of(java.time.LocalDateTime.parse(from), LONDON),
				LocalTime.parse(start), LocalTime.parse(end), off::contains);
		assertThat(next.toLocalDateTime()).isEqualTo(java.time.LocalDateTime.parse(expected));
	}

}
