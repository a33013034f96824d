package app.waymark.channel;

import app.waymark.safeguarding.RiskLevel;

/**
 * A message the danger check flagged: {@code CRISIS} (answered with crisis help) or
 * {@code CONCERN} (answered normally). Alerts pick this up to tell a person. Carries ids
 * and the category only, never the text; {@code client} is the web chat's keyed hash of
 * the client address (see {@link InboundMessage#client()}), or null; {@code detectedBy}
 * and {@code evidence} say which detector decided and why (the rules that fired, the
 * nearest bank examples) for the safeguarding lead.
 */
public record DangerSignalled(long messageId, String channel, Long youngPersonId, RiskLevel level, String category,
		String client, String detectedBy, String evidence) {

	public DangerSignalled(long messageId, String channel, Long youngPersonId, RiskLevel level, String category) {
		this(messageId, channel, youngPersonId, level, category, null, null, null);
	}

	public DangerSignalled(long messageId, String channel, Long youngPersonId, RiskLevel level, String category,
			String client) {
		this(messageId, channel, youngPersonId, level, category, client, null, null);
	}

}
