package app.waymark.workerapp;

/**
 * A young person's red/amber/green status on the caseload page. Red: an open URGENT
 * alert, or their last check-in answer was "I need help". Amber: their last check-in went
 * unanswered (NO_REPLY, or REMINDED and still unanswered), the newest message to them
 * failed, or one of their channels is unreachable. Green otherwise.
 */
public enum Rag {

	RED, AMBER, GREEN;

	/**
	 * What the status is worked out from.
	 *
	 * @param openUrgentAlert an URGENT alert is OPEN or ESCALATED
	 * @param lastCheckInStatus SENT, REMINDED, ANSWERED, NO_REPLY, FAILED, or null
	 * @param lastCheckInAnswer GOOD, OK, NEED_HELP, FREE_TEXT, or null
	 * @param lastOutboundFailed the newest outbound message has status FAILED
	 * @param unreachable a linked channel identity is marked unreachable
	 */
	public record Inputs(boolean openUrgentAlert, String lastCheckInStatus, String lastCheckInAnswer,
			boolean lastOutboundFailed, boolean unreachable) {
	}

	static Rag of(Inputs in) {
		if (in.openUrgentAlert() || "NEED_HELP".equals(in.lastCheckInAnswer())) {
			return RED;
		}
		boolean unanswered = "NO_REPLY".equals(in.lastCheckInStatus()) || "REMINDED".equals(in.lastCheckInStatus());
		if (unanswered || in.lastOutboundFailed() || in.unreachable()) {
			return AMBER;
		}
		return GREEN;
	}

	public String label() {
		return switch (this) {
			case RED -> "Red: needs attention now";
			case AMBER -> "Amber: not heard back or unreachable";
			case GREEN -> "Green: in touch";
		};
	}

	public String css() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
