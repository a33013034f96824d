package app.waymark.people;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminEmail the first administrator's e-mail ({@code WAYMARK_ADMIN_EMAIL})
 * @param adminPassword their password ({@code WAYMARK_ADMIN_PASSWORD}); no default
 * @param messageRetention how long message text is kept
 * ({@code WAYMARK_MESSAGE_RETENTION})
 */
@ConfigurationProperties("waymark.people")
record PeopleSettings(@DefaultValue("") String adminEmail, @DefaultValue("") String adminPassword,
		@DefaultValue("P365D") Duration messageRetention) {

}
