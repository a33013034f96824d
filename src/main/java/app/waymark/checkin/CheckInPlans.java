package app.waymark.checkin;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Changing a young person's check-in plan, from the API or the worker app. A new plan, or
 * a paused one resumed, is due at once (the scheduler still keeps to quiet hours);
 * otherwise the next due time stands and the new frequency applies from the next
 * check-in.
 */
@Component
public class CheckInPlans {

	private final DatabaseClient db;

	private final Clock clock;

	public CheckInPlans(DatabaseClient db, Clock clock) {
		this.db = db;
		this.clock = clock;
	}

	/**
	 * @param channelOrder comma list of channels, first first (already validated)
	 */
	public Mono<Void> change(long youngPersonId, Frequency frequency, String channelOrder) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		Mono<Long> updated = this.db
			.sql("update check_in_plan set next_due_at = case when frequency = 'PAUSED' and :frequency <> 'PAUSED' "
					+ "then :now else next_due_at end, frequency = :frequency, channel_order = :order, "
					+ "skip_channel = null, updated_at = :now where young_person_id = :id")
			.bind("frequency", frequency.name())
			.bind("order", channelOrder)
			.bind("now", now)
			.bind("id", youngPersonId)
			.fetch()
			.rowsUpdated();
		Mono<Long> inserted = this.db
			.sql("insert into check_in_plan (young_person_id, frequency, channel_order, next_due_at, updated_at) "
					+ "values (:id, :frequency, :order, :now, :now)")
			.bind("id", youngPersonId)
			.bind("frequency", frequency.name())
			.bind("order", channelOrder)
			.bind("now", now)
			.fetch()
			.rowsUpdated();
		return updated.flatMap(count -> count == 0 ? inserted : Mono.just(count)).then();
	}

}
