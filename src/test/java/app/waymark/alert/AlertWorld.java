package app.waymark.alert;

import app.waymark.channel.TestChannels;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import app.waymark.channel.OutboundQueue;
import app.waymark.people.Allocations;
import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The alert feature wired by hand over a fresh database, with a hand-moved clock:
 * raising, delivery through the real outbound queue, and escalation.
 */
final class AlertWorld implements AutoCloseable {

	/** A Tuesday, 10:00 in London (GMT in November). */
	static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	static final String OUT_OF_HOURS_PHONE = "+447700900999";

	final TestDatabase database;

	final DatabaseClient db;

	final MutableClock clock = new MutableClock(START);

	final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	final List<Object> events = new ArrayList<>();

	final AlertSettings settings = new AlertSettings(Duration.ofMinutes(15), "https://waymark.example",
			OUT_OF_HOURS_PHONE, "", new AlertSettings.Smtp("", 25, "", "", "waymark@localhost"),
			ZoneId.of("Europe/London"), Duration.ZERO);

	final Alerts alerts;

	final AlertDirectory directory;

	final AlertDelivery delivery;

	AlertWorld(TestDatabase.Kind kind) {
		this.database = TestDatabase.create(kind);
		this.db = this.database.client();
		this.alerts = new Alerts(this.db, this.database.transactions(), new Allocations(this.db, this.clock),
				this.settings, this.events::add, this.clock);
		this.directory = new AlertDirectory(this.db, this.sealer, this.clock);
		this.delivery = new AlertDelivery(this.alerts, this.directory,
				new OutboundQueue(this.db, this.database.transactions(), this.sealer, this.clock, TestChannels.all()),
				new AlertMail(this.settings), this.settings, TestChannels.all());
	}

	/** One escalation scheduler, as one application instance has. */
	AlertEscalation escalation() {
		return escalation(this.clock);
	}

	AlertEscalation escalation(Clock clock) {
		return new AlertEscalation(this.db, this.alerts, this.delivery, this.directory, this.settings, clock);
	}

	long insert(String sql) {
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql);
		if (sql.contains(":now")) {
			spec = spec.bind("now", OffsetDateTime.ofInstant(START, ZoneOffset.UTC));
		}
		return spec.filter(s -> s.returnGeneratedValues("id")).map(row -> row.get("id", Long.class)).one().block();
	}

	long worker(String email, String role, String team, boolean onDuty, String channels) {
		return insert("insert into worker (name, email, role, team, on_duty, alert_channels, created_at) values ('W "
				+ email + "', '" + email + "', '" + role + "', '" + team + "', " + onDuty + ", '" + channels
				+ "', :now)");
	}

	long youngPerson(String reference, String team, Long workerId) {
		long id = insert("insert into young_person (case_reference, name, preferred_name, team, created_at, "
				+ "updated_at) values ('" + reference + "', 'Joanne', 'Jo', '" + team + "', :now, :now)");
		if (workerId != null) {
			insert("insert into allocation (young_person_id, worker_id, starts_at) values (" + id + ", " + workerId
					+ ", :now)");
		}
		return id;
	}

	/** Links an address to a worker as a redeemed link code would. */
	void link(long workerId, String channel, String address) {
		this.db
			.sql("insert into channel_identity (channel, address_hash, address_sealed, worker_id, verified_at) "
					+ "values (:channel, :hash, :sealed, :worker, :now)")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.bind("sealed", this.sealer.seal(address))
			.bind("worker", workerId)
			.bind("now", OffsetDateTime.ofInstant(START, ZoneOffset.UTC))
			.then()
			.block();
	}

	void absent(long workerId) {
		insert("insert into worker_absence (worker_id, starts_on, ends_on) values (" + workerId
				+ ", date '2026-11-01', date '2026-12-31')");
	}

	/** A sent alert: who to (opened address), channel, text. */
	record Sent(String channel, String address, String text, String extras, Long workerId) {
	}

	List<Sent> outbound() {
		return this.db
			.sql("select o.channel, o.address_sealed, o.body_sealed, o.extras, m.worker_id from outbound o "
					+ "join message m on m.id = o.message_id where o.purpose = 'ALERT' order by o.id")
			.map(row -> new Sent(row.get("channel", String.class),
					this.sealer.open(row.get("address_sealed", String.class)),
					this.sealer.open(row.get("body_sealed", String.class)),
					this.sealer.open(row.get("extras", String.class)), row.get("worker_id", Long.class)))
			.all()
			.collectList()
			.block();
	}

	List<String> steps(long alertId) {
		return this.alerts.steps(alertId).map(Alerts.AlertStep::step).collectList().block();
	}

	@Override
	public void close() {
		this.database.close();
	}

}
