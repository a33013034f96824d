package app.waymark.people;

/**
 * Who sent a message, as far as Waymark knows. An unknown address has no ids: it gets
 * general answers and nothing personal.
 *
 * @param youngPersonId the linked young person, or null
 * @param workerId the linked worker, or null
 * @param preferredName how to greet them, or null
 * @param language their preferred language, or null
 * @param optedOut whether they turned messages off on this channel
 */
public record Sender(Long youngPersonId, Long workerId, String preferredName, String language, boolean optedOut) {

	public static Sender unknown() {
		return new Sender(null, null, null, null, false);
	}

	public boolean known() {
		return this.youngPersonId != null || this.workerId != null;
	}

}
