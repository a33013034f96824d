package app.waymark.channel.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The chat page's event stream ({@code GET /api/v1/chat/{id}/events}).
 *
 * @param checkEvery how often an instance with streams open looks in the database for
 * messages another instance sent to them
 * @param heartbeat how often an idle stream sends a comment, so that proxies keep it open
 * @param longest how long one stream stays open; the page then reconnects and goes on
 * from the last message it got, so a stream never holds its slot for ever
 * @param maxOpen most streams one instance holds at once; past it a page is refused (503)
 * and looks at the history now and then instead
 */
@ConfigurationProperties("waymark.chat.stream")
record ChatStreamSettings(@DefaultValue("2s") Duration checkEvery, @DefaultValue("20s") Duration heartbeat,
		@DefaultValue("30m") Duration longest, @DefaultValue("2000") int maxOpen) {
}
