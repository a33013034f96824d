package app.waymark.channel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval how often each instance looks for due messages
 * @param batch most rows one instance claims per channel per poll
 * @param lease how long a claim holds before another instance may take the row
 * @param maxAttempts tries before a message is marked failed
 * @param firstBackoff wait after the first failure; doubles each time
 * @param maxBackoff longest wait between tries
 * @param enabled whether this instance sends at all (tests turn it off to drive it by
 * hand)
 */
@ConfigurationProperties("waymark.outbound")
public record OutboundSettings(@DefaultValue("500ms") Duration pollInterval, @DefaultValue("20") int batch,
		@DefaultValue("60s") Duration lease, @DefaultValue("6") int maxAttempts,
		@DefaultValue("5s") Duration firstBackoff, @DefaultValue("10m") Duration maxBackoff,
		@DefaultValue("true") boolean enabled) {
}
