package app.waymark.workerapp;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param alertPoll how often the alerts inbox stream looks for new alerts
 * ({@code WAYMARK_WORKERAPP_ALERT_POLL})
 * @param conversationLength how many timeline entries a young person's page shows at
 * once; older ones are a link away ({@code WAYMARK_WORKERAPP_CONVERSATION_LENGTH})
 * @param alertExcerpt how much of the young person's message an alert shows: full,
 * excerpt (about the first 80 characters) or none
 * ({@code WAYMARK_WORKERAPP_ALERT_EXCERPT})
 */
@ConfigurationProperties("waymark.workerapp")
record WorkerAppSettings(@DefaultValue("5s") Duration alertPoll, @DefaultValue("200") int conversationLength,
		@DefaultValue("excerpt") String alertExcerpt) {

	WorkerAppSettings {
		// a typo stops start-up rather than showing words a council chose to hide
		Excerpt.parse(alertExcerpt);
	}

	Excerpt excerpt() {
		return Excerpt.parse(this.alertExcerpt);
	}

}
