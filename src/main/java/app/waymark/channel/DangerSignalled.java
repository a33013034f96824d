package app.waymark.channel;

import app.waymark.safeguarding.RiskLevel;

/**
 * A message the safeguarding rules flagged: {@code CRISIS} (answered with crisis help) or
 * {@code CONCERN} (answered normally). Alerts pick this up to tell a person. Carries ids
 * and the rule's category only, never the text; {@code client} is the web chat's keyed
 * hash of the client address (see {@link InboundMessage#client()}), or null.
 */
public record DangerSignalled(long messageId, String channel, Long youngPersonId, RiskLevel level, String category,
		String client) {

	public DangerSignalled(long messageId, String channel, Long youngPersonId, RiskLevel level, String category) {
		this(messageId, channel, youngPersonId, level, category, null);
	}

}
