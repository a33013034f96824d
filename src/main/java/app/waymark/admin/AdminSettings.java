package app.waymark.admin;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how often each instance checks whether another published a change
 * ({@code WAYMARK_KNOWLEDGE_POLL}); zero or negative turns polling off
 * @param reviewWindowDays articles due for review within this many days are listed
 */
@ConfigurationProperties("waymark.admin")
record AdminSettings(@DefaultValue("2s") Duration pollInterval, @DefaultValue("30") int reviewWindowDays) {
}
