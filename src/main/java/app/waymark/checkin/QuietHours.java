package app.waymark.checkin;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.function.Predicate;

/**
 * When a young person may be messaged: never inside their quiet hours (which usually
 * cross midnight, 21:00 to 09:00) and never on a day off of their worker. Times are local
 * (Europe/London), so the rule holds across the BST/GMT change.
 */
public final class QuietHours {

	private QuietHours() {
	}

	public static boolean quiet(LocalTime time, LocalTime start, LocalTime end) {
		if (start.equals(end)) {
			return false;
		}
		if (start.isAfter(end)) {
			// crosses midnight
			return !time.isBefore(start) || time.isBefore(end);
		}
		return !time.isBefore(start) && time.isBefore(end);
	}

	/** The first moment at or after {@code from} outside quiet hours and days off. */
	public static ZonedDateTime nextAllowed(ZonedDateTime from, LocalTime start, LocalTime end,
			Predicate<LocalDate> dayOff) {
		ZonedDateTime at = from;
		// A year of days off in a row would be a data error; stop rather than spin.
		for (int i = 0; i < 800; i++) {
			LocalTime time = at.toLocalTime();
			if (quiet(time, start, end)) {
				LocalDate day = time.isBefore(end) ? at.toLocalDate() : at.toLocalDate().plusDays(1);
				at = ZonedDateTime.of(day, end, at.getZone());
				continue;
			}
			if (dayOff.test(at.toLocalDate())) {
				at = at.toLocalDate().plusDays(1).atStartOfDay(at.getZone());
				continue;
			}
			return at;
		}
		return at;
	}

}
