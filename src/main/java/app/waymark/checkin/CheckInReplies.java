package app.waymark.checkin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import app.waymark.alert.AlertLevel;
import app.waymark.alert.Alerts;
import app.waymark.alert.NewAlert;
import app.waymark.channel.InboundMessage;
import app.waymark.channel.PendingQuestion;
import app.waymark.conversation.Reply;
import app.waymark.people.Sender;
import app.waymark.safeguarding.RiskLevel;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Reads a linked young person's message as the answer to their open check-in, if they
 * have one. A crisis is never swallowed: the crisis reply and its URGENT alert go ahead
 * as for any message, and the check-in records the words as free text.
 */
@Component
public class CheckInReplies implements PendingQuestion {

	private final DatabaseClient db;

	private final Alerts alerts;

	private final Clock clock;

	public CheckInReplies(DatabaseClient db, Alerts alerts, Clock clock) {
		this.db = db;
		this.alerts = alerts;
		this.clock = clock;
	}

	@Override
	public Mono<Reply> answer(InboundMessage message, Sender sender, long messageId, Reply reply) {
		// a number picking a "did you mean" choice answers that, not the check-in
		if (sender.youngPersonId() == null || reply.kind() == Reply.Kind.OPTED_OUT
				|| reply.kind() == Reply.Kind.OPTED_IN || reply.kind() == Reply.Kind.LINK || reply.picked()) {
			return Mono.just(reply);
		}
		long youngPersonId = sender.youngPersonId();
		boolean crisis = reply.kind() == Reply.Kind.CRISIS;
		Answer answer = crisis ? Answer.FREE_TEXT : Answer.of(message.text());
		return openCheckIn(youngPersonId).flatMap(checkIn -> close(checkIn, answer, messageId).flatMap(closed -> {
			if (!closed || crisis) {
				return Mono.just(reply);
			}
			String language = reply.language();
			return switch (answer) {
				case GOOD, OK -> Mono.just(Reply.phrase(Reply.Kind.CHECK_IN, "checkin.thanks", null, language));
				case NEED_HELP ->
					raise(youngPersonId, reply.risk().level() == RiskLevel.NONE ? AlertLevel.NORMAL : AlertLevel.URGENT,
							"NEED_HELP", reply, messageId)
						.thenReturn(Reply.phrase(Reply.Kind.CHECK_IN, "checkin.need-help", null, language));
				case FREE_TEXT -> raise(youngPersonId, AlertLevel.NORMAL, "CHECK_IN_MESSAGE", reply, messageId)
					.thenReturn(answered(reply) ? reply.withWorkerTold()
							: Reply.phrase(Reply.Kind.CHECK_IN, "checkin.noted", null, language));
			};
		})).defaultIfEmpty(reply);
	}

	/**
	 * A real answer from the knowledge base is worth more than "noted" alone; the answer
	 * then says the worker has it too.
	 */
	private static boolean answered(Reply reply) {
		return reply.kind() == Reply.Kind.ANSWER || reply.kind() == Reply.Kind.FULL_ANSWER
				|| reply.kind() == Reply.Kind.MENU;
	}

	private Mono<Void> raise(long youngPersonId, AlertLevel level, String reason, Reply reply, long messageId) {
		return this.alerts.raise(new NewAlert(youngPersonId, level, reason, reply.risk().category(), messageId)).then();
	}

	private Mono<Long> openCheckIn(long youngPersonId) {
		return this.db
			.sql("select id from check_in where young_person_id = :id and status in ('SENT', 'REMINDED') "
					+ "order by sent_at desc, id desc limit 1")
			.bind("id", youngPersonId)
			.map(row -> row.get("id", Long.class))
			.one();
	}

	private Mono<Boolean> close(long checkInId, Answer answer, long messageId) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		return this.db
			.sql("update check_in set status = 'ANSWERED', answer = :answer, answer_message_id = :messageId, "
					+ "answered_at = :now, closed_at = :now where id = :id and status in ('SENT', 'REMINDED')")
			.bind("answer", answer.name())
			.bind("messageId", messageId)
			.bind("now", now)
			.bind("id", checkInId)
			.fetch()
			.rowsUpdated()
			.map(updated -> updated == 1);
	}

}
