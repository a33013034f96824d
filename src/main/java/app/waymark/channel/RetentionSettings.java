package app.waymark.channel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the message log keeps what young people and workers wrote.
 *
 * @param messages how long message text is kept ({@code WAYMARK_MESSAGE_RETENTION})
 */
@ConfigurationProperties("waymark.channel.retention")
public record RetentionSettings(@DefaultValue("P365D") Duration messages) {
}
