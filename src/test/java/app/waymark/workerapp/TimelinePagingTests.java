package app.waymark.workerapp;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cutting a merged history into pages: newest first, a moment never split across two
 * pages (unless it alone fills one), and the cursor pointing at what comes next.
 */
class TimelinePagingTests {

	static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

	/**
	 * @param seconds each entry's time, in seconds after T0
	 * @param size the page size
	 * @param shown how many entries the page keeps
	 * @param cursor the next cursor in seconds after T0 (fractions: microseconds), or -1
	 * for none
	 */
	@ParameterizedTest(name = "{0} by {1}: {2} shown, cursor {3}")
	@CsvSource(delimiter = '|', textBlock = """
			1 2 3          | 5 | 3 | -1
			1 2 3 4 5      | 5 | 5 | -1
			1 2 3 4 5 6    | 5 | 5 | 2
			1 2 3 3 3 4    | 3 | 1 | 3.000001
			1 2 3 3 4 4    | 4 | 4 | 3
			1 1 1 1 1 1    | 4 | 4 | 1
			1 2 2 2 2 2    | 4 | 4 | 2
			""")
	void cut(String seconds, int size, int shown, double cursor) {
		List<Views.Entry> entries = new ArrayList<>();
		long order = 0;
		for (String s : seconds.split(" ")) {
			OffsetDateTime at = T0.plusSeconds(Long.parseLong(s)).atOffset(ZoneOffset.UTC);
			entries.add(new Views.Entry(at, order++, "them", "Sam", null, "text " + s, null, false));
		}
		Views.TimelinePage page = Timeline.cut(entries, size);
		assertThat(page.entries()).hasSize(shown);
		assertThat(page.entries()).isSortedAccordingTo(java.util.Comparator.comparing(Views.Entry::at));
		if (cursor < 0) {
			assertThat(page.older()).isNull();
		}
		else {
			long micros = ChronoUnit.MICROS.between(Instant.EPOCH, T0) + Math.round(cursor * 1_000_000);
			assertThat(page.older()).isEqualTo(micros);
		}
	}

}
