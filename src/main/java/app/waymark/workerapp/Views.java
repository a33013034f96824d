package app.waymark.workerapp;

import java.time.OffsetDateTime;
import java.util.List;

/** What the worker pages show; public so the templates can read them. */
public final class Views {

	private Views() {
	}

	/** A linked channel and whether the young person is opted in on it. */
	public record Channel(String channel, boolean optedIn, boolean unreachable) {

		public String describe() {
			return this.channel + (this.unreachable ? " (unreachable)" : this.optedIn ? " (opted in)" : " (opted out)");
		}

	}

	/** One line of the caseload. */
	public record CaseloadRow(long id, String name, String caseReference, OffsetDateTime lastContact,
			String nextCheckIn, String lastAnswer, List<Channel> channels, Rag status) {
	}

	/** An open alert in the inbox. */
	public record AlertRow(long id, Long youngPersonId, String youngPersonName, String level, String reason,
			String status, OffsetDateTime createdAt, OffsetDateTime escalateAt, OffsetDateTime escalatedAt) {

		public boolean urgent() {
			return "URGENT".equals(this.level);
		}

		public String escalation() {
			if (this.escalatedAt != null) {
				return "Escalated";
			}
			return this.escalateAt == null ? "No escalation" : "Escalates if not acknowledged";
		}

	}

	/** One message in the conversation. */
	public record MessageRow(OffsetDateTime at, String channel, String direction, String text, String kind,
			String status) {

		public boolean inbound() {
			return "IN".equals(this.direction);
		}

	}

	/** One check-in. */
	public record CheckInRow(OffsetDateTime sentAt, String channel, String status, String answer,
			OffsetDateTime answeredAt) {
	}

	/** The check-in plan, or a default when none exists yet. */
	public record Plan(String frequency, String channelOrder, OffsetDateTime nextDueAt, boolean exists) {

		public String nextCheckIn() {
			if (!this.exists) {
				return "no plan";
			}
			return "PAUSED".equals(this.frequency) ? "paused" : this.nextDueAt.toString();
		}

	}

	/** One line of the pathway-plan export: a check-in answer or their own words. */
	public record VoiceRow(OffsetDateTime at, String type, String channel, String text) {
	}

}
