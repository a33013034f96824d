package app.waymark.admin;

import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Review dates and moments in the words the admin screens show. */
class AdminDatesTests {

	static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2026-12-05 | due today
			2026-12-06 | due tomorrow
			2026-12-04 | overdue by 1 day
			2026-11-20 | overdue by 2 weeks
			2026-12-15 | due in 10 days
			2027-01-05 | due in 4 weeks
			2027-06-05 | due in 6 months
			2029-12-05 | due in 3 years
			""")
	void reviewDatesFromToday(LocalDate date, String words) {
		assertThat(AdminDates.fromToday(date, TODAY)).isEqualTo(words);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2026-12-05T18:18:34Z | today 18:18
			2026-12-04T09:05:00Z | yesterday 09:05
			2026-07-01T13:00:00Z | 1 Jul 2026 14:00
			""")
	void momentsInLondonTime(String at, String words) {
		assertThat(AdminDates.moment(OffsetDateTime.parse(at), TODAY)).isEqualTo(words);
	}

}
