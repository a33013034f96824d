package app.waymark.alert;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param escalateAfter how long an URGENT alert may wait unacknowledged before it goes to
 * the duty worker and team manager ({@code WAYMARK_ALERT_ESCALATE_AFTER})
 * @param publicBaseUrl where workers open Waymark, for the link in an alert
 * ({@code WAYMARK_PUBLIC_BASE_URL})
 * @param outOfHoursPhone the out-of-hours duty number alerts go to by SMS
 * ({@code WAYMARK_OUT_OF_HOURS_PHONE}), or empty
 * @param outOfHoursEmail the out-of-hours duty mailbox
 * ({@code WAYMARK_OUT_OF_HOURS_EMAIL}), or empty
 * @param smtp the mail server alert e-mails go through; off without a host
 * @param zone the zone workers' working hours are in ({@code WAYMARK_ALERT_ZONE})
 * @param escalationInterval how often the escalation scheduler looks for overdue alerts
 * ({@code WAYMARK_ALERT_ESCALATION_INTERVAL}); zero turns it off
 * @param repeatWindow how long after an open alert was last raised another one about the
 * same sender, for the same reason and level, counts on it instead of being raised anew
 * ({@code WAYMARK_ALERT_REPEAT_WINDOW})
 */
@ConfigurationProperties("waymark.alert")
public record AlertSettings(@DefaultValue("15m") Duration escalateAfter, @DefaultValue("") String publicBaseUrl,
		@DefaultValue("") String outOfHoursPhone, @DefaultValue("") String outOfHoursEmail, @DefaultValue Smtp smtp,
		@DefaultValue("Europe/London") ZoneId zone, @DefaultValue("1m") Duration escalationInterval,
		@DefaultValue("1h") Duration repeatWindow) {

	@ConstructorBinding
	public AlertSettings {
	}

	public AlertSettings(Duration escalateAfter, String publicBaseUrl, String outOfHoursPhone, String outOfHoursEmail,
			Smtp smtp, ZoneId zone, Duration escalationInterval) {
		this(escalateAfter, publicBaseUrl, outOfHoursPhone, outOfHoursEmail, smtp, zone, escalationInterval,
				Duration.ofHours(1));
	}

	public AlertSettings(Duration escalateAfter) {
		this(escalateAfter, "", "", "", new Smtp("", 25, "", "", "waymark@localhost"), ZoneId.of("Europe/London"),
				Duration.ofMinutes(1), Duration.ofHours(1));
	}

	String link(Long youngPersonId) {
		String base = this.publicBaseUrl == null ? "" : this.publicBaseUrl.replaceAll("/+$", "");
		return youngPersonId == null ? base + "/app/alerts" : base + "/app/young-people/" + youngPersonId;
	}

	/**
	 * @param host {@code WAYMARK_SMTP_HOST}; e-mail alerts are off when empty
	 * @param port {@code WAYMARK_SMTP_PORT}
	 * @param username {@code WAYMARK_SMTP_USERNAME}, or empty for none
	 * @param password {@code WAYMARK_SMTP_PASSWORD}
	 * @param from {@code WAYMARK_SMTP_FROM}
	 */
	public record Smtp(@DefaultValue("") String host, @DefaultValue("25") int port, @DefaultValue("") String username,
			@DefaultValue("") String password, @DefaultValue("waymark@localhost") String from) {

		boolean enabled() {
			return this.host != null && !this.host.isBlank();
		}

	}

}
