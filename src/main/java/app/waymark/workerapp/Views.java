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

	/**
	 * One line of the caseload. {@code nextCheckIn} is "no plan", "paused" or
	 * "scheduled"; when scheduled, {@code nextDueAt} says when.
	 */
	public record CaseloadRow(long id, String name, String caseReference, OffsetDateTime lastContact,
			String nextCheckIn, String lastAnswer, List<Channel> channels, Rag status, OffsetDateTime nextDueAt) {

		public CaseloadRow(long id, String name, String caseReference, OffsetDateTime lastContact, String nextCheckIn,
				String lastAnswer, List<Channel> channels, Rag status) {
			this(id, name, caseReference, lastContact, nextCheckIn, lastAnswer, channels, status, null);
		}

		public String lastAnswerWords() {
			return this.lastAnswer == null ? "–" : Words.answer(this.lastAnswer);
		}

	}

	/**
	 * An open alert in the inbox; {@code words} is the message's text as the excerpt
	 * policy allows (null for none).
	 */
	public record AlertRow(long id, Long youngPersonId, String youngPersonName, String level, String reason,
			String status, OffsetDateTime createdAt, OffsetDateTime escalateAt, OffsetDateTime escalatedAt,
			String category, int repeats, OffsetDateTime lastRaisedAt, String words) {

		public AlertRow(long id, Long youngPersonId, String youngPersonName, String level, String reason, String status,
				OffsetDateTime createdAt, OffsetDateTime escalateAt, OffsetDateTime escalatedAt) {
			this(id, youngPersonId, youngPersonName, level, reason, status, createdAt, escalateAt, escalatedAt, null, 1,
					createdAt, null);
		}

		/** Repeats of one kind of alert about one young person show as one card. */
		String groupKey() {
			if (this.youngPersonId == null) {
				return "alert:" + this.id;
			}
			return this.youngPersonId + ":" + (this.category != null ? this.category : this.reason);
		}

		OffsetDateTime raised() {
			return this.lastRaisedAt == null ? this.createdAt : this.lastRaisedAt;
		}

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
			return "PAUSED".equals(this.frequency) ? "paused" : "scheduled";
		}

		/** When the next check-in is due, or null when none is. */
		public OffsetDateTime due() {
			return this.exists && !"PAUSED".equals(this.frequency) ? this.nextDueAt : null;
		}

	}

	/**
	 * One thing on a young person's timeline.
	 *
	 * @param at when it happened
	 * @param order tie-break within one moment
	 * @param side whose it is, as CSS classes: them, bot, worker, note, event
	 * @param who who wrote it or what it is ("Reply from Ann", "Check-in sent")
	 * @param how the channel or a short qualifier, or null
	 * @param text the words
	 * @param status delivery or alert status in words, or null
	 * @param marked needs a worker's eye (a crisis reply, an urgent alert, "I need help")
	 */
	public record Entry(OffsetDateTime at, long order, String side, String who, String how, String text, String status,
			boolean marked) {
	}

	/**
	 * A page of the timeline, oldest first; {@code older} is the cursor of the page
	 * before it, null at the start.
	 */
	public record TimelinePage(List<Entry> entries, Long older) {
	}

	/** A reply a worker can pick instead of typing. */
	public record CannedReply(long id, String title, String body) {
	}

	/** One line of the pathway-plan export: a check-in answer or their own words. */
	public record VoiceRow(OffsetDateTime at, String type, String channel, String text) {
	}

}
