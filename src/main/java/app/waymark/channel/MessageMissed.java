package app.waymark.channel;

import app.waymark.safeguarding.RiskLevel;

/**
 * A message found unanswered too late for an automatic reply (every instance was down, or
 * its channel is off): a person is to look at it and get back to the sender. The level is
 * what the safeguarding rules make of its words, so a missed crisis is urgent. Ids and
 * the rule's category only, never the text.
 */
public record MessageMissed(long messageId, String channel, Long youngPersonId, RiskLevel level, String category) {
}
