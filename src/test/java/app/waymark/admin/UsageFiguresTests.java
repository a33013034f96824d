package app.waymark.admin;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The usage screen's figures: weeks and hours in London time, rates, bar sizes. */
class UsageFiguresTests {

	static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2026-12-05T10:15:00Z | 30 Nov | 10
			2026-11-30T00:30:00Z | 30 Nov | 0
			2026-11-29T23:30:00Z | 23 Nov | 23
			2026-07-01T23:30:00Z | -      | -
			""")
	void eachQuestionCountsInItsLondonWeekAndHour(String at, String week, String hour) {
		UsageFigures figures = UsageFigures.of(List.of(new UsageFigures.Asked("a", true, OffsetDateTime.parse(at))), 4,
				TODAY, AdminDates.LONDON, id -> "money");
		if ("-".equals(week)) {
			assertThat(figures.questions()).isZero();
			assertThat(figures.topics()).isEmpty();
			return;
		}
		int index = figures.weeks().indexOf(week);
		assertThat(index).as(figures.weeks().toString()).isNotNegative();
		assertThat(figures.topics().get(0).perWeek().get(index)).isEqualTo(1);
		assertThat(figures.hours().get(Integer.parseInt(hour)).count()).isEqualTo(1);
		assertThat(figures.busiest()).extracting(UsageFigures.HourCount::hour).containsExactly(Integer.parseInt(hour));
	}

	@Test
	void summerTimeIsLondonTimeAndRatesAreRoundedPerWeek() {
		LocalDate july = LocalDate.of(2026, 7, 3);
		UsageFigures figures = UsageFigures.of(List.of(asked("a", true, "2026-07-01T16:10:00Z"),
				asked("a", false, "2026-07-01T16:20:00Z"), asked(null, false, "2026-07-02T08:00:00Z")), 1, july,
				AdminDates.LONDON, id -> "housing");
		assertThat(figures.hours().get(17).count()).isEqualTo(2);
		assertThat(figures.rates()).singleElement()
			.satisfies(rate -> assertThat(rate.percent()).isEqualTo(33))
			.satisfies(rate -> assertThat(rate.questions()).isEqualTo(3));
		assertThat(figures.confidentPercent()).isEqualTo(33);
		assertThat(figures.topics()).extracting(UsageFigures.TopicRow::topic)
			.containsExactly("housing", "no article found");
		// the tallest bar fills the chart; a bar of one of two is half as tall
		assertThat(figures.hourBars().get(17).height()).isEqualTo(UsageFigures.HEIGHT);
		assertThat(figures.hourBars().get(9).height()).isEqualTo(UsageFigures.HEIGHT / 2);
	}

	private static UsageFigures.Asked asked(String article, boolean confident, String at) {
		return new UsageFigures.Asked(article, confident, OffsetDateTime.parse(at));
	}

}
