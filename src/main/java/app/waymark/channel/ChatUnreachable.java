package app.waymark.channel;

/**
 * A linked young person's or worker's address can no longer be reached on a channel (a
 * blocked bot, a dead number), so check-ins and alerts there will not arrive and a person
 * should know. Ids only.
 */
public record ChatUnreachable(String channel, Long youngPersonId, Long workerId, String reason) {
}
