package app.waymark.checkin;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled whether this instance runs the scheduler loop
 * ({@code WAYMARK_CHECKIN_ENABLED}); tests turn it off and call
 * {@link CheckInScheduler#runOnce()}
 * @param pollInterval how often each instance looks for due check-ins
 * ({@code WAYMARK_CHECKIN_POLL_INTERVAL})
 * @param batch how many plans one claim takes ({@code WAYMARK_CHECKIN_BATCH})
 * @param lease how long a claim holds before another instance may take the plan
 * @param remindAfter a gentle reminder after this long without a reply
 * ({@code WAYMARK_CHECKIN_REMIND_AFTER})
 * @param noReplyAfter the worker is told after this long without a reply
 * ({@code WAYMARK_CHECKIN_NO_REPLY_AFTER})
 * @param zone the zone quiet hours and days off are read in
 * ({@code WAYMARK_CHECKIN_ZONE})
 */
@ConfigurationProperties("waymark.checkin")
public record CheckInSettings(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration pollInterval,
		@DefaultValue("500") int batch, @DefaultValue("5m") Duration lease, @DefaultValue("48h") Duration remindAfter,
		@DefaultValue("7d") Duration noReplyAfter, @DefaultValue("Europe/London") ZoneId zone) {

	public static CheckInSettings defaults() {
		return new CheckInSettings(true, Duration.ofMinutes(1), 500, Duration.ofMinutes(5), Duration.ofHours(48),
				Duration.ofDays(7), ZoneId.of("Europe/London"));
	}

}
