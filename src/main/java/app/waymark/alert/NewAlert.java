package app.waymark.alert;

/**
 * An alert to raise.
 *
 * @param youngPersonId who it is about, or null for an unlinked sender
 * @param level how urgent
 * @param reason why (see {@link Alert#reason()})
 * @param category the safeguarding category, or null
 * @param messageId the message behind it, or null
 * @param client for the public web chat, the keyed hash of the client's address (alerts
 * about strangers there are counted per client, whatever conversation they claim), or
 * null
 * @param detectedBy for a danger alert, which detector decided it (rules, examples, both,
 * or search), else null
 * @param evidence for a danger alert, why: the rules that fired and the nearest examples,
 * never the message; else null
 */
public record NewAlert(Long youngPersonId, AlertLevel level, String reason, String category, Long messageId,
		String client, String detectedBy, String evidence) {

	public NewAlert(Long youngPersonId, AlertLevel level, String reason, String category, Long messageId) {
		this(youngPersonId, level, reason, category, messageId, null, null, null);
	}

	public NewAlert(Long youngPersonId, AlertLevel level, String reason, String category, Long messageId,
			String client) {
		this(youngPersonId, level, reason, category, messageId, client, null, null);
	}

}
