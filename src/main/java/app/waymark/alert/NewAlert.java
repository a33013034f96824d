package app.waymark.alert;

/**
 * An alert to raise.
 *
 * @param youngPersonId who it is about, or null for an unlinked sender
 * @param level how urgent
 * @param reason why (see {@link Alert#reason()})
 * @param category the safeguarding category, or null
 * @param messageId the message behind it, or null
 */
public record NewAlert(Long youngPersonId, AlertLevel level, String reason, String category, Long messageId) {
}
