package app.waymark.announcement;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import app.waymark.people.Role;
import app.waymark.people.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The form's checks: what is refused, with which message, and what is stored. */
class DraftTests {

	static final ZoneId LONDON = ZoneId.of("Europe/London");

	/** 2026-12-05 12:00 in London (GMT in winter). */
	static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

	static final Worker ADMIN = new Worker(1, "Ada", "ada@example.org", Role.ADMIN, null, "EMAIL", "09:00-17:00", false,
			true);

	static final Worker MANAGER = new Worker(2, "Max", "max@example.org", Role.MANAGER, "North", "EMAIL", "09:00-17:00",
			false, true);

	static Draft draft(String body, String team, String minAge, String maxAge, String months, String when, String date,
			String time, String eventDate, String eventTime, boolean reminder) {
		return new Draft(body, team, "", minAge, maxAge, months, when, date, time, eventDate, eventTime, reminder);
	}

	record Refused(String label, Worker author, Draft draft, String field, String message) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static List<Refused> refusals() {
		return List.of(
				new Refused("empty message", ADMIN, draft("  ", "", "", "", "", "now", "", "", "", "", false), "body",
						"Write the message."),
				new Refused("too long", ADMIN, draft("x".repeat(1001), "", "", "", "", "now", "", "", "", "", false),
						"body", "Keep it to 1000 characters; it is 1001."),
				new Refused("age not a number", ADMIN,
						draft("Hi", "", "eighteen", "", "", "now", "", "", "", "", false), "minAge",
						"Youngest age must be a whole number from 0 to 120."),
				new Refused("ages the wrong way round", ADMIN,
						draft("Hi", "", "21", "18", "", "now", "", "", "", "", false), "maxAge",
						"The oldest age must not be below the youngest."),
				new Refused("months zero", ADMIN, draft("Hi", "", "", "", "0", "now", "", "", "", "", false),
						"leftCareMonths", "Months since leaving care must be a whole number from 1 to 120."),
				new Refused("a manager writing to another team", MANAGER,
						draft("Hi", "South", "", "", "", "now", "", "", "", "", false), "team",
						"You can write only to your own team."),
				new Refused("later without a time", ADMIN,
						draft("Hi", "", "", "", "", "later", "2026-12-06", "", "", "", false), "send",
						"Give both the date and the time of the send."),
				new Refused("later in the past", ADMIN,
						draft("Hi", "", "", "", "", "later", "2026-12-05", "11:00", "", "", false), "send",
						"That time has passed: choose a time to come, or send now."),
				new Refused("a date that is not one", ADMIN,
						draft("Hi", "", "", "", "", "later", "5/12/2026", "18:00", "", "", false), "send",
						"Write the date as 2026-12-24 and the time as 18:30."),
				new Refused("over a year ahead", ADMIN,
						draft("Hi", "", "", "", "", "later", "2028-01-01", "10:00", "", "", false), "send",
						"Choose a time within a year."),
				new Refused("an event in the past", ADMIN,
						draft("Hi", "", "", "", "", "now", "", "", "2026-12-04", "18:00", false), "event",
						"The event's time has passed."),
				new Refused("a reminder with no event", ADMIN, draft("Hi", "", "", "", "", "now", "", "", "", "", true),
						"event", "Give the event's date and time for a reminder the day before."),
				new Refused("a reminder before the announcement", ADMIN,
						draft("Hi", "", "", "", "", "later", "2026-12-10", "10:00", "2026-12-10", "18:00", true),
						"reminder",
						"The reminder would go before the announcement. Send it earlier, or leave the reminder off."));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("refusals")
	void refusesWithAClearMessage(Refused refused) {
		Draft.Checked checked = refused.draft().check(refused.author(), LONDON, NOW);
		assertThat(checked.ok()).isFalse();
		assertThat(checked.checked()).isNull();
		assertThat(checked.errors()).containsEntry(refused.field(), refused.message());
	}

	@Test
	void aScheduledAnnouncementWithAReminderIsReadInLondonTime() {
		// 2027-06-10 is in British Summer Time: 18:00 there is 17:00 UTC
		Draft.Checked checked = draft("Rights session online, all welcome.", "", "18", "25", "", "later", "2027-06-01",
				"10:00", "2027-06-10", "18:00", true)
			.check(ADMIN, LONDON, NOW);
		assertThat(checked.errors()).isEmpty();
		Draft.Checked.Valid valid = checked.checked();
		assertThat(valid.sendAt()).isEqualTo(Instant.parse("2027-06-01T09:00:00Z"));
		assertThat(valid.reminderAt()).isEqualTo(Instant.parse("2027-06-09T17:00:00Z"));
		assertThat(valid.reminderBody())
			.isEqualTo("Reminder: this is tomorrow, Thursday 10 June at 18:00.\n\nRights session online, all welcome.");
		assertThat(valid.audience()).isEqualTo(new Audience(null, null, 18, 25, null, null));
	}

	@Test
	void sendNowIsNowAndAManagersAudienceIsTheirTeam() {
		Draft.Checked checked = draft("Hi all", "", "", "", "3", "now", "", "", "", "", false).check(MANAGER, LONDON,
				NOW);
		assertThat(checked.checked().sendAt()).isEqualTo(NOW);
		assertThat(checked.checked().reminderAt()).isNull();
		assertThat(checked.checked().audience()).isEqualTo(new Audience(null, null, null, null, 3, "North"));
	}

}
