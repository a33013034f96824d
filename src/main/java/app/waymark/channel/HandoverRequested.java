package app.waymark.channel;

/**
 * A linked young person asked for a person (WORKER): their worker is to get back to them.
 * Ids only.
 */
public record HandoverRequested(long messageId, String channel, long youngPersonId) {
}
