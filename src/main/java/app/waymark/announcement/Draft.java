package app.waymark.announcement;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import app.waymark.channel.Replies;
import app.waymark.people.Role;
import app.waymark.people.Worker;

import org.springframework.util.MultiValueMap;

/**
 * An announcement as the form holds it: the raw fields (so a form with a mistake comes
 * back as typed) and, once checked, what would be stored. Times are typed and shown in
 * the council's zone (Europe/London), whatever the server's.
 *
 * @param body the message
 * @param team only this team, or blank
 * @param language only this language, or blank
 * @param minAge youngest age, or blank
 * @param maxAge oldest age, or blank
 * @param leftCareMonths left care within this many months, or blank
 * @param when "now" or "later"
 * @param sendDate the day to send, when later
 * @param sendTime the time to send, when later
 * @param eventDate the day of the event the message is about, or blank
 * @param eventTime its time
 * @param reminder whether to remind the day before the event
 */
record Draft(String body, String team, String language, String minAge, String maxAge, String leftCareMonths,
		String when, String sendDate, String sendTime, String eventDate, String eventTime, boolean reminder) {

	/** As long as a worker's reply: a few SMS segments, inside every channel's limit. */
	static final int MAX_LENGTH = Replies.MAX_LENGTH;

	/** How far ahead a send may be scheduled. */
	static final Duration FURTHEST = Duration.ofDays(366);

	private static final DateTimeFormatter REMINDER_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM 'at' HH:mm",
			Locale.UK);

	Draft {
		body = body == null ? "" : body.strip().replace("\r\n", "\n");
		team = strip(team);
		language = strip(language);
		minAge = strip(minAge);
		maxAge = strip(maxAge);
		leftCareMonths = strip(leftCareMonths);
		when = "later".equals(strip(when)) ? "later" : "now";
		sendDate = strip(sendDate);
		sendTime = strip(sendTime);
		eventDate = strip(eventDate);
		eventTime = strip(eventTime);
	}

	static Draft empty() {
		return new Draft("", "", "", "", "", "", "now", "", "", "", "", false);
	}

	static Draft of(MultiValueMap<String, String> form) {
		return new Draft(form.getFirst("body"), form.getFirst("team"), form.getFirst("language"),
				form.getFirst("minAge"), form.getFirst("maxAge"), form.getFirst("leftCareMonths"),
				form.getFirst("when"), form.getFirst("sendDate"), form.getFirst("sendTime"), form.getFirst("eventDate"),
				form.getFirst("eventTime"), form.containsKey("reminder"));
	}

	/**
	 * What would be stored, and what is wrong with the form by field (empty when
	 * nothing); {@code checked} is null while anything is.
	 */
	record Checked(Checked.Valid checked, Map<String, String> errors) {

		/**
		 * @param body the message
		 * @param audience who it is for
		 * @param sendAt when it goes out
		 * @param eventAt the event it is about, or null
		 * @param reminderAt when the reminder goes, or null for none
		 * @param reminderBody the reminder's text, or null
		 */
		record Valid(String body, Audience audience, Instant sendAt, ZonedDateTime eventAt, Instant reminderAt,
				String reminderBody) {
		}

		boolean ok() {
			return this.errors.isEmpty();
		}

	}

	Checked check(Worker author, ZoneId zone, Instant now) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (this.body.isEmpty()) {
			errors.put("body", "Write the message.");
		}
		else if (this.body.length() > MAX_LENGTH) {
			errors.put("body", "Keep it to " + MAX_LENGTH + " characters; it is " + this.body.length() + ".");
		}
		Integer min = number(this.minAge, "minAge", 0, 120, "Youngest age", errors);
		Integer max = number(this.maxAge, "maxAge", 0, 120, "Oldest age", errors);
		if (min != null && max != null && min > max) {
			errors.put("maxAge", "The oldest age must not be below the youngest.");
		}
		Integer months = number(this.leftCareMonths, "leftCareMonths", 1, 120, "Months since leaving care", errors);
		// a manager writes to their own team only; an admin to anyone
		String scope = author.role() == Role.ADMIN ? null : author.team() == null ? "" : author.team();
		if (scope != null && !this.team.isEmpty() && !this.team.equalsIgnoreCase(scope)) {
			errors.put("team", "You can write only to your own team.");
		}
		Instant sendAt = now;
		if ("later".equals(this.when)) {
			ZonedDateTime at = localTime(this.sendDate, this.sendTime, zone, "send", "the send", errors);
			if (at != null) {
				if (at.toInstant().isBefore(now.minus(Duration.ofMinutes(1)))) {
					errors.put("send", "That time has passed: choose a time to come, or send now.");
				}
				else if (at.toInstant().isAfter(now.plus(FURTHEST))) {
					errors.put("send", "Choose a time within a year.");
				}
				else {
					sendAt = at.toInstant().isBefore(now) ? now : at.toInstant();
				}
			}
		}
		ZonedDateTime eventAt = null;
		if (!this.eventDate.isEmpty() || !this.eventTime.isEmpty()) {
			eventAt = localTime(this.eventDate, this.eventTime, zone, "event", "the event", errors);
			if (eventAt != null && eventAt.toInstant().isBefore(now)) {
				errors.put("event", "The event's time has passed.");
				eventAt = null;
			}
		}
		Instant reminderAt = null;
		String reminderBody = null;
		if (this.reminder) {
			if (eventAt == null) {
				if (!errors.containsKey("event")) {
					errors.put("event", "Give the event's date and time for a reminder the day before.");
				}
			}
			else {
				// the same time of day, the day before: "this time tomorrow"
				reminderAt = eventAt.minusDays(1).toInstant();
				if (!reminderAt.isAfter(sendAt)) {
					errors.put("reminder", "The reminder would go before the announcement. Send it earlier, "
							+ "or leave the reminder off.");
				}
				reminderBody = reminderText(this.body, eventAt);
			}
		}
		if (!errors.isEmpty()) {
			return new Checked(null, errors);
		}
		Audience audience = new Audience(this.team, this.language, min, max, months, scope);
		return new Checked(new Checked.Valid(this.body, audience, sendAt, eventAt, reminderAt, reminderBody), errors);
	}

	/** The reminder's text: the day and time, then the announcement as written. */
	static String reminderText(String body, ZonedDateTime eventAt) {
		return "Reminder: this is tomorrow, " + REMINDER_DAY.format(eventAt) + ".\n\n" + body;
	}

	private static ZonedDateTime localTime(String date, String time, ZoneId zone, String field, String what,
			Map<String, String> errors) {
		if (date.isEmpty() || time.isEmpty()) {
			errors.put(field, "Give both the date and the time of " + what + ".");
			return null;
		}
		try {
			return ZonedDateTime.of(LocalDate.parse(date), LocalTime.parse(time), zone);
		}
		catch (DateTimeParseException ex) {
			errors.put(field, "Write the date as 2026-12-24 and the time as 18:30.");
			return null;
		}
	}

	private static Integer number(String value, String field, int least, int most, String label,
			Map<String, String> errors) {
		if (value.isEmpty()) {
			return null;
		}
		try {
			int number = Integer.parseInt(value);
			if (number >= least && number <= most) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		errors.put(field, label + " must be a whole number from " + least + " to " + most + ".");
		return null;
	}

	private static String strip(String value) {
		return value == null ? "" : value.strip();
	}

}
