package app.waymark.workerapp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param alertPoll how often the alerts inbox stream looks for new alerts
 * ({@code WAYMARK_WORKERAPP_ALERT_POLL})
 * @param conversationLength how many of the newest messages the young person page shows
 * ({@code WAYMARK_WORKERAPP_CONVERSATION_LENGTH})
 */
@ConfigurationProperties("waymark.workerapp")
record WorkerAppSettings(@DefaultValue("5s") Duration alertPoll, @DefaultValue("200") int conversationLength) {
}
