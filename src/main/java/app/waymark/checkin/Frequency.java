package app.waymark.checkin;

import java.time.ZonedDateTime;

/** How often a young person is checked in with. MONTHLY is a calendar month. */
public enum Frequency {

	WEEKLY, FORTNIGHTLY, FOUR_WEEKLY, MONTHLY, PAUSED;

	/** The next check-in after one sent at {@code sent}; PAUSED has none. */
	ZonedDateTime after(ZonedDateTime sent) {
		return switch (this) {
			case WEEKLY -> sent.plusWeeks(1);
			case FORTNIGHTLY -> sent.plusWeeks(2);
			case FOUR_WEEKLY -> sent.plusWeeks(4);
			case MONTHLY -> sent.plusMonths(1);
			case PAUSED -> sent.plusYears(100);
		};
	}

}
