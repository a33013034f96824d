package app.waymark.workerapp;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Times in words as a worker in London reads them, around midnight and clock changes. */
class TimeWordsTests {

	static final ZoneId LONDON = ZoneId.of("Europe/London");

	@ParameterizedTest(name = "{2}: now {0}, {1} -> {3}")
	@CsvSource(delimiter = '|', textBlock = """
			2026-12-05T18:30:00Z | 2026-12-05T18:18:34.522352Z | same day in winter (GMT)        | today 18:18
			2026-12-05T18:30:00Z | 2026-12-04T09:05:00Z        | the day before                  | yesterday 09:05
			2026-12-05T18:30:00Z | 2026-12-06T10:00:00Z        | the next day (a check-in due)   | tomorrow 10:00
			2026-12-05T18:30:00Z | 2026-12-01T14:00:00Z        | earlier this week               | Tue 1 Dec 14:00
			2026-12-05T18:30:00Z | 2026-12-20T09:00:00Z        | later this month                | Sun 20 Dec 09:00
			2026-12-05T18:30:00Z | 2025-11-03T10:00:00Z        | over a year ago                 | 3 Nov 2025
			2026-12-05T18:30:00Z | 2026-05-19T10:00:00Z        | over half a year ago            | 19 May 2026
			2026-12-05T18:30:00Z | 2026-07-08T08:00:00Z        | summer, shown in BST            | Wed 8 Jul 09:00
			2026-12-05T00:10:00Z | 2026-12-04T23:50:00Z        | just before midnight            | yesterday 23:50
			2026-07-01T12:00:00Z | 2026-06-30T23:30:00Z        | BST: 23:30 UTC is after midnight| today 00:30
			2026-10-25T12:00:00Z | 2026-10-24T23:30:00Z        | clocks go back: still BST       | today 00:30
			2026-10-25T12:00:00Z | 2026-10-25T01:30:00Z        | clocks go back: now GMT         | today 01:30
			2026-03-29T12:00:00Z | 2026-03-29T00:30:00Z        | clocks go forward: still GMT    | today 00:30
			2026-03-29T12:00:00Z | 2026-03-29T01:30:00Z        | clocks go forward: now BST      | today 02:30
			2026-03-29T00:30:00Z | 2026-03-28T23:59:00Z        | the night before the change     | yesterday 23:59
			""")
	void at(String now, String time, String why, String expected) {
		assertThat(words(now).at(OffsetDateTime.parse(time))).as(why).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{1} before -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			2026-12-05T18:30:00Z | 2026-12-05T18:29:40Z | just now
			2026-12-05T18:30:00Z | 2026-12-05T18:18:00Z | 12 min ago
			2026-12-05T18:30:00Z | 2026-12-05T15:30:00Z | 3 h ago
			2026-12-05T18:30:00Z | 2026-12-05T15:20:00Z | 3 h 10 min ago
			2026-12-05T18:30:00Z | 2026-12-04T09:05:00Z | yesterday 09:05
			2026-12-05T18:30:00Z | 2026-12-05T18:31:00Z | just now
			""")
	void ago(String now, String time, String expected) {
		assertThat(words(now).ago(OffsetDateTime.parse(time))).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{1} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			2026-12-05T18:30:00Z | 2026-12-05T18:34:00Z | in 4 min
			2026-12-05T18:30:00Z | 2026-12-05T18:30:20Z | in less than a minute
			2026-12-05T18:30:00Z | 2026-12-05T19:35:00Z | in 1 h 5 min
			2026-12-05T18:30:00Z | 2026-12-05T18:27:00Z | overdue by 3 min
			2026-12-05T18:30:00Z | 2026-12-08T18:30:00Z | in 3 days
			""")
	void until(String now, String time, String expected) {
		assertThat(words(now).until(OffsetDateTime.parse(time))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2026-12-05T18:18:00Z | Saturday 5 December 2026, 18:18
			2026-07-08T08:00:00Z | Wednesday 8 July 2026, 09:00
			""")
	void fullDateForTooltips(String time, String expected) {
		assertThat(words("2026-12-05T18:30:00Z").full(OffsetDateTime.parse(time))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "2026-12-05T18:30:00Z" })
	void nothingIsADash(String now) {
		assertThat(words(now).at((OffsetDateTime) null)).isEqualTo("–");
		assertThat(words(now).ago(null)).isEqualTo("–");
	}

	private static TimeWords words(String now) {
		return new TimeWords(Clock.fixed(Instant.parse(now), ZoneOffset.UTC), LONDON);
	}

}
