package app.waymark.alert;

import java.time.OffsetDateTime;

/**
 * Something a person must look at about a young person (or an unknown sender in danger).
 *
 * @param id the alert
 * @param youngPersonId who it is about, or null for an unlinked sender
 * @param level how urgent
 * @param reason why: CRISIS, CONCERN, NEED_HELP, NOT_HEARD_FROM, DELIVERY_FAILED,
 * UNREACHABLE, ASKED_FOR_WORKER, UNANSWERED (a message nobody answered in time)
 * @param category the safeguarding rule's category, if any
 * @param messageId the message that caused it, if any
 * @param status OPEN, ACKNOWLEDGED, ESCALATED
 * @param workerId who it went to first
 * @param acknowledgedBy who acknowledged it
 * @param createdAt when it was raised
 * @param acknowledgedAt when it was acknowledged
 * @param escalateAt when it escalates if still unacknowledged
 * @param escalatedAt when it escalated
 * @param repeatCount how many times it was raised (repeats from the same sender within
 * the repeat window count here instead of raising new alerts)
 * @param lastRaisedAt when it was last raised
 * @param detectedBy for a danger alert, which detector decided it: rules, examples,
 * rules+examples or search
 * @param evidence for a danger alert, why: the rules that fired and the nearest bank
 * examples with their similarity (never the message)
 */
public record Alert(long id, Long youngPersonId, AlertLevel level, String reason, String category, Long messageId,
		String status, Long workerId, Long acknowledgedBy, OffsetDateTime createdAt, OffsetDateTime acknowledgedAt,
		OffsetDateTime escalateAt, OffsetDateTime escalatedAt, int repeatCount, OffsetDateTime lastRaisedAt,
		String detectedBy, String evidence) {

	public boolean open() {
		return "OPEN".equals(this.status) || "ESCALATED".equals(this.status);
	}

}
