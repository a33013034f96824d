package app.waymark.channel.telegram;

/**
 * A linked young person's or worker's Telegram chat can no longer be reached (they
 * blocked the bot), so check-ins and alerts there will not arrive and a person should
 * know. Ids only.
 */
public record ChatUnreachable(String channel, Long youngPersonId, Long workerId, String reason) {
}
