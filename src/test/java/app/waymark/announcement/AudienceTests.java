package app.waymark.announcement;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Who an audience holds, case by case, on one fixed day. */
class AudienceTests {

	static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

	static final LocalTime NINE_PM = LocalTime.of(21, 0);

	static final LocalTime NINE_AM = LocalTime.of(9, 0);

	static Audience.Candidate person(long id, String team, String language, String born, String leftCare) {
		return new Audience.Candidate(id, team, language, born == null ? null : LocalDate.parse(born),
				leftCare == null ? null : LocalDate.parse(leftCare), NINE_PM, NINE_AM);
	}

	/**
	 * Ages on 2026-12-05: 1 is 17, 2 is 18 today, 3 is 21, 4 is 25, 5 has no birth date.
	 */
	static final List<Audience.Candidate> PEOPLE = List.of(person(1, "North", "en", "2009-06-01", "2026-11-01"),
			person(2, "South", "ar", "2008-12-05", "2026-06-05"), person(3, "north", "EN", "2005-01-01", "2026-06-04"),
			person(4, null, "fa", "2001-12-06", null), person(5, "South", "en", null, "2026-12-24"));

	record Case(String label, Audience audience, List<Long> expected) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static List<Case> cases() {
		return List.of(
				new Case("no criteria: everyone", new Audience(null, null, null, null, null, null),
						List.of(1L, 2L, 3L, 4L, 5L)),
				new Case("blank criteria narrow nothing", new Audience(" ", "", null, null, null, null),
						List.of(1L, 2L, 3L, 4L, 5L)),
				new Case("a team, whatever its case", new Audience("NORTH", null, null, null, null, null),
						List.of(1L, 3L)),
				new Case("a language, whatever its case", new Audience(null, "en", null, null, null, null),
						List.of(1L, 3L, 5L)),
				new Case("18 and over includes an 18th birthday today", new Audience(null, null, 18, null, null, null),
						List.of(2L, 3L, 4L)),
				new Case("up to 24 leaves out the day before a 25th birthday? no: 24 until tomorrow",
						new Audience(null, null, null, 24, null, null), List.of(1L, 2L, 3L, 4L)),
				new Case("an age band leaves out unknown birth dates", new Audience(null, null, 16, 25, null, null),
						List.of(1L, 2L, 3L, 4L)),
				new Case("18 to 21", new Audience(null, null, 18, 21, null, null), List.of(2L, 3L)),
				new Case("left care within 6 months: the day six months ago counts, the day before does not",
						new Audience(null, null, null, null, 6, null), List.of(1L, 2L)),
				new Case("a leaving date still to come is not leaving care",
						new Audience(null, null, null, null, 12, null), List.of(1L, 2L, 3L)),
				new Case("criteria combine", new Audience("South", "ar", 18, 18, 6, null), List.of(2L)),
				new Case("a manager's scope limits everything", new Audience(null, null, null, null, null, "South"),
						List.of(2L, 5L)),
				new Case("a manager with no team reaches nobody", new Audience(null, null, null, null, null, ""),
						List.of()),
				new Case("scope and a team both apply", new Audience("North", null, null, null, null, "South"),
						List.of()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void holdsExactlyTheMatchingPeople(Case c) {
		assertThat(c.audience().of(PEOPLE, TODAY)).extracting(Audience.Candidate::id)
			.containsExactlyElementsOf(c.expected());
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("descriptions")
	void saysWhoInWords(Audience audience, String words) {
		assertThat(audience.describe()).isEqualTo(words);
	}

	static List<org.junit.jupiter.params.provider.Arguments> descriptions() {
		return List.of(
				org.junit.jupiter.params.provider.Arguments.of(new Audience(null, null, null, null, null, null),
						"All active young people"),
				org.junit.jupiter.params.provider.Arguments.of(new Audience("North", "ar", 18, 21, 6, null),
						"Active young people: team North, language ar, aged 18\u201321, left care within 6 months"),
				org.junit.jupiter.params.provider.Arguments.of(new Audience(null, null, 18, null, 1, "South"),
						"Active young people: team South, aged 18 or over, left care within 1 month"));
	}

}
