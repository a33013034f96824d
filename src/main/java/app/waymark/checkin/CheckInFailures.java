package app.waymark.checkin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import app.waymark.channel.DeliveryFailed;
import app.waymark.channel.DeliveryFailureHandler;
import app.waymark.channel.OutboundMessage;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * A check-in that could not be delivered: the alert feature already tells the worker
 * (DELIVERY_FAILED); here the check-in is marked FAILED and the plan made due again with
 * the failed channel skipped, so the next pass tries the next channel in the order.
 */
@Component
class CheckInFailures implements DeliveryFailureHandler {

	private final DatabaseClient db;

	private final Clock clock;

	CheckInFailures(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	/**
	 * Called from the delivery failure outbox until it succeeds; a second call changes
	 * nothing.
	 */
	@Override
	public Mono<Void> on(DeliveryFailed failed) {
		if (failed.purpose() != OutboundMessage.Purpose.CHECK_IN || failed.youngPersonId() == null) {
			return Mono.empty();
		}
		return failed(failed);
	}

	Mono<Void> failed(DeliveryFailed failed) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		return this.db
			.sql("update check_in set status = 'FAILED', closed_at = :now where message_id = :messageId "
					+ "and status in ('SENT', 'REMINDED')")
			.bind("now", now)
			.bind("messageId", failed.messageId())
			.fetch()
			.rowsUpdated()
			.filter(updated -> updated == 1)
			.flatMap(updated -> this.db
				.sql("update check_in_plan set next_due_at = :now, skip_channel = :channel, updated_at = :now "
						+ "where young_person_id = :id")
				.bind("now", now)
				.bind("channel", failed.channel())
				.bind("id", failed.youngPersonId())
				.then());
	}

}
