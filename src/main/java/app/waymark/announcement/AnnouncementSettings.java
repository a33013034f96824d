package app.waymark.announcement;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Announcements, bound from {@code waymark.announcement.*}.
 *
 * @param enabled whether this instance runs the sending loop
 * ({@code WAYMARK_ANNOUNCEMENT_ENABLED}); tests turn it off and call
 * {@link AnnouncementSender#runOnce()}
 * @param pollInterval how often each instance looks for due sends and recipients
 * ({@code WAYMARK_ANNOUNCEMENT_POLL_INTERVAL})
 * @param batch recipients queued per pass at most; the rest go next pass
 * @param zone the zone send times, events and quiet hours are read in
 */
@ConfigurationProperties("waymark.announcement")
record AnnouncementSettings(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration pollInterval,
		@DefaultValue("2000") int batch, @DefaultValue("Europe/London") ZoneId zone) {

	static AnnouncementSettings defaults() {
		return new AnnouncementSettings(true, Duration.ofSeconds(30), 2000, ZoneId.of("Europe/London"));
	}

}
