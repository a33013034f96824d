package app.waymark.alert;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param escalateAfter how long an URGENT alert may wait unacknowledged before it goes to
 * the duty worker and team manager ({@code WAYMARK_ALERT_ESCALATE_AFTER})
 */
@ConfigurationProperties("waymark.alert")
public record AlertSettings(@DefaultValue("15m") Duration escalateAfter) {
}
