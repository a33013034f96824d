package app.waymark.announcement;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * Who an announcement is for: active young people, narrowed by any of a team, a language,
 * an age band and having left care recently. Criteria left empty narrow nothing, so an
 * empty audience is everyone active. Kept as criteria and applied when a send is due, so
 * the people are those who match then.
 *
 * @param team only this team (null: any)
 * @param language only this preferred language (null: any)
 * @param minAge youngest age, inclusive (null: no lower bound)
 * @param maxAge oldest age, inclusive (null: no upper bound)
 * @param leftCareMonths only those who left care within this many months (null: anyone)
 * @param scopeTeam the team a manager's announcement is limited to (null for an admin's)
 */
record Audience(String team, String language, Integer minAge, Integer maxAge, Integer leftCareMonths,
		String scopeTeam) {

	Audience {
		team = blankToNull(team);
		language = blankToNull(language);
		// not blanked: a manager with no team has "" here, which matches nobody
	}

	/**
	 * An active young person as the audience sees them.
	 *
	 * @param id their id
	 * @param team their team, or null
	 * @param language their preferred language
	 * @param dateOfBirth when they were born, or null (then no age band includes them)
	 * @param leftCareOn when they left care, or null (then "left care within" excludes
	 * them)
	 * @param quietStart start of their quiet hours
	 * @param quietEnd end of their quiet hours
	 */
	record Candidate(long id, String team, String language, LocalDate dateOfBirth, LocalDate leftCareOn,
			LocalTime quietStart, LocalTime quietEnd) {
	}

	boolean includes(Candidate person, LocalDate today) {
		if (this.scopeTeam != null && (person.team() == null || !this.scopeTeam.equalsIgnoreCase(person.team()))) {
			return false;
		}
		if (this.team != null && (person.team() == null || !this.team.equalsIgnoreCase(person.team()))) {
			return false;
		}
		if (this.language != null && !this.language.equalsIgnoreCase(nullToEmpty(person.language()))) {
			return false;
		}
		if (this.minAge != null || this.maxAge != null) {
			if (person.dateOfBirth() == null) {
				return false;
			}
			int age = Period.between(person.dateOfBirth(), today).getYears();
			if ((this.minAge != null && age < this.minAge) || (this.maxAge != null && age > this.maxAge)) {
				return false;
			}
		}
		if (this.leftCareMonths != null) {
			LocalDate left = person.leftCareOn();
			// a date still to come has not happened: they have not left care yet
			return left != null && !left.isAfter(today) && !left.isBefore(today.minusMonths(this.leftCareMonths));
		}
		return true;
	}

	List<Candidate> of(List<Candidate> people, LocalDate today) {
		return people.stream().filter(person -> includes(person, today)).toList();
	}

	/** In words, for the list and status pages: "team North, aged 18–21". */
	String describe() {
		List<String> parts = new ArrayList<>();
		if (this.team != null) {
			parts.add("team " + this.team);
		}
		else if (this.scopeTeam != null && !this.scopeTeam.isEmpty()) {
			parts.add("team " + this.scopeTeam);
		}
		if (this.language != null) {
			parts.add("language " + this.language);
		}
		if (this.minAge != null && this.maxAge != null) {
			parts.add("aged " + this.minAge + "\u2013" + this.maxAge);
		}
		else if (this.minAge != null) {
			parts.add("aged " + this.minAge + " or over");
		}
		else if (this.maxAge != null) {
			parts.add("aged " + this.maxAge + " or under");
		}
		if (this.leftCareMonths != null) {
			parts.add("left care within " + this.leftCareMonths + (this.leftCareMonths == 1 ? " month" : " months"));
		}
		return parts.isEmpty() ? "All active young people" : "Active young people: " + String.join(", ", parts);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

	private static String nullToEmpty(String value) {
		return value == null ? "" : value;
	}

}
