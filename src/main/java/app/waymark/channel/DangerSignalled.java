package app.waymark.channel;

/**
 * A message signalled danger and was answered with crisis help; alerts pick this up to
 * tell a person at once. Carries ids only, never the text.
 */
public record DangerSignalled(long messageId, String channel, Long youngPersonId, String category) {
}
