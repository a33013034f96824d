package app.waymark.workerapp;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Times as a worker reads them, in the council's zone (Europe/London, so British Summer
 * Time is applied): "today 18:18", "yesterday 09:05", "tomorrow 10:00", "Tue 1 Dec 14:00"
 * within about half a year, "3 Nov 2025" further away. Also "12 min ago" and "in 4 min"
 * for alerts. Never an ISO string: these are for people.
 */
public final class TimeWords {

	/** Past or future, a date this close keeps its weekday and time. */
	static final int NEAR_DAYS = 180;

	private static final DateTimeFormatter NEAR = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK);

	private static final DateTimeFormatter FAR = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

	private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK);

	private final Clock clock;

	private final ZoneId zone;

	public TimeWords(Clock clock, ZoneId zone) {
		this.clock = clock;
		this.zone = zone;
	}

	/** When, in words; "–" for nothing. */
	public String at(OffsetDateTime time) {
		return time == null ? "–" : at(time.toInstant());
	}

	public String at(Instant time) {
		if (time == null) {
			return "–";
		}
		ZonedDateTime local = time.atZone(this.zone);
		LocalDate today = LocalDate.now(this.clock.withZone(this.zone));
		long days = ChronoUnit.DAYS.between(today, local.toLocalDate());
		if (days == 0) {
			return "today " + CLOCK.format(local);
		}
		if (days == -1) {
			return "yesterday " + CLOCK.format(local);
		}
		if (days == 1) {
			return "tomorrow " + CLOCK.format(local);
		}
		return Math.abs(days) <= NEAR_DAYS ? NEAR.format(local) : FAR.format(local);
	}

	/** The full date and time, for a tooltip: "Saturday 5 December 2026, 18:18". */
	public String full(OffsetDateTime time) {
		return time == null ? "" : FULL.format(time.atZoneSameInstant(this.zone));
	}

	/** How long ago: "just now", "12 min ago", "3 h ago", then the date in words. */
	public String ago(OffsetDateTime time) {
		if (time == null) {
			return "–";
		}
		Duration since = Duration.between(time.toInstant(), this.clock.instant());
		if (since.isNegative() || since.toMinutes() < 1) {
			return "just now";
		}
		if (since.toMinutes() < 60) {
			return since.toMinutes() + " min ago";
		}
		if (since.toHours() < 24) {
			long minutes = since.toMinutesPart();
			return since.toHours() + " h" + (minutes == 0 ? "" : " " + minutes + " min") + " ago";
		}
		return at(time);
	}

	/**
	 * Time left until a moment: "in 4 min", "in 1 h 5 min"; "overdue by 3 min" once past.
	 */
	public String until(OffsetDateTime time) {
		if (time == null) {
			return "–";
		}
		Duration left = Duration.between(this.clock.instant(), time.toInstant());
		if (left.isNegative()) {
			return "overdue by " + span(left.negated());
		}
		return "in " + span(left);
	}

	private static String span(Duration duration) {
		if (duration.toMinutes() < 1) {
			return "less than a minute";
		}
		if (duration.toHours() < 1) {
			return duration.toMinutes() + " min";
		}
		if (duration.toDays() < 1) {
			long minutes = duration.toMinutesPart();
			return duration.toHours() + " h" + (minutes == 0 ? "" : " " + minutes + " min");
		}
		return duration.toDays() + (duration.toDays() == 1 ? " day" : " days");
	}

}
