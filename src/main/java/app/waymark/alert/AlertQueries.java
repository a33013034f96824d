package app.waymark.alert;

import java.util.Arrays;
import java.util.stream.Collectors;

import app.waymark.people.Access;
import app.waymark.people.Worker;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Which alerts a worker may see: those about young people they may see (the people
 * feature's one rule), those addressed or sent to them while the young person's current
 * allocation has run (the duty worker who covered or was escalated to; not a worker the
 * young person has since been moved away from), and, for on-duty workers and managers,
 * alerts about unknown senders. Admins see all. Acknowledging needs the same.
 */
@Component
class AlertQueries {

	private static final String COLUMNS = Arrays.stream(Alerts.COLUMNS.split(",\\s*"))
		.map(column -> "al." + column)
		.collect(Collectors.joining(", "));

	private static final String FROM = "select " + COLUMNS + " from alert al "
			+ "left join young_person y on y.id = al.young_person_id "
			+ "left join allocation a on a.young_person_id = y.id and a.ends_at is null ";

	private static final String SENT_TO_ME = "exists (select 1 from alert_event e where e.alert_id = al.id "
			+ "and e.worker_id = :me and e.step = 'SENT'";

	private static final String VISIBLE = "((al.young_person_id is not null and (" + Access.visibleCondition()
			+ " or (al.worker_id = :me and (a.id is null or al.created_at >= a.starts_at)) or " + SENT_TO_ME
			+ " and (a.id is null or e.at >= a.starts_at)))) or (al.young_person_id is null and (al.worker_id = :me or "
			+ SENT_TO_ME + ") or :onDuty or :manager)))";

	private final DatabaseClient db;

	private final Access access;

	AlertQueries(DatabaseClient db, Access access) {
		this.db = db;
		this.access = access;
	}

	/** URGENT first, then newest first; optionally only one status. */
	Flux<Alert> visible(Worker caller, String status) {
		String sql = FROM + "where " + VISIBLE + (status == null ? "" : " and al.status = :status")
				+ " order by case when al.level = 'URGENT' then 0 else 1 end, al.created_at desc, al.id desc limit 500";
		DatabaseClient.GenericExecuteSpec spec = this.access.bindVisibility(this.db.sql(sql), caller);
		if (status != null) {
			spec = spec.bind("status", status);
		}
		return spec.map(Alerts::map).all();
	}

	Mono<Boolean> maySee(Worker caller, long alertId) {
		return this.access.bindVisibility(this.db.sql(FROM + "where al.id = :id and " + VISIBLE), caller)
			.bind("id", alertId)
			.map(row -> true)
			.first()
			.defaultIfEmpty(false);
	}

}
