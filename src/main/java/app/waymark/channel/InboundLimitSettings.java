package app.waymark.channel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many inbound messages one instance takes in at a time ({@link InboundLimit}).
 *
 * @param maxInFlight webhooks and chat messages being stored and answered at once; more
 * than this are refused at once with 503 and Retry-After, before anything is read or
 * stored, instead of queueing for database connections until they time out. Zero turns
 * the limit off.
 * @param retryAfterSeconds what the refusal asks the sender to wait
 */
@ConfigurationProperties("waymark.channel.inbound")
record InboundLimitSettings(@DefaultValue("48") int maxInFlight, @DefaultValue("2") int retryAfterSeconds) {
}
