package app.waymark.admin;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Dates as a council admin reads them: review dates in words from today ("overdue by 3
 * days", "in 2 months") and moments in Europe/London ("today 18:18"), never ISO text.
 */
final class AdminDates {

	static final ZoneId LONDON = ZoneId.of("Europe/London");

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

	private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

	private AdminDates() {
	}

	/** "12 March 2027". */
	static String day(LocalDate date) {
		return date == null ? "not set" : DAY.format(date);
	}

	/** How far a review date is from today, in words. */
	static String fromToday(LocalDate date, LocalDate today) {
		if (date == null) {
			return "no review date";
		}
		long days = ChronoUnit.DAYS.between(today, date);
		if (days == 0) {
			return "due today";
		}
		if (days == 1) {
			return "due tomorrow";
		}
		if (days < 0) {
			return "overdue by " + span(-days);
		}
		return "due in " + span(days);
	}

	private static String span(long days) {
		if (days < 14) {
			return days + (days == 1 ? " day" : " days");
		}
		if (days < 60) {
			return (days / 7) + " weeks";
		}
		if (days < 730) {
			return (days / 30) + " months";
		}
		return (days / 365) + " years";
	}

	/**
	 * A moment in London time: "today 18:18", "yesterday 09:05" or "3 Dec 2026 14:00".
	 */
	static String moment(OffsetDateTime at, LocalDate today) {
		if (at == null) {
			return "never";
		}
		ZonedDateTime local = at.atZoneSameInstant(LONDON);
		LocalDate day = local.toLocalDate();
		String time = TIME.format(local);
		if (day.equals(today)) {
			return "today " + time;
		}
		if (day.equals(today.minusDays(1))) {
			return "yesterday " + time;
		}
		return SHORT_DAY.format(day) + " " + time;
	}

}
