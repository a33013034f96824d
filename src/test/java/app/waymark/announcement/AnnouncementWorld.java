package app.waymark.announcement;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.channel.Channels;
import app.waymark.channel.OutboundQueue;
import app.waymark.channel.SendWindows;
import app.waymark.channel.sms.SmsChannel;
import app.waymark.channel.telegram.TelegramChannel;
import app.waymark.channel.web.WebChannel;
import app.waymark.channel.whatsapp.TestWhatsApp;
import app.waymark.channel.whatsapp.WhatsAppChannel;
import app.waymark.people.Role;
import app.waymark.people.Worker;
import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * The announcement feature over a fresh database, built by hand as the application builds
 * it (the real outbound queue, channels and WhatsApp window), with a hand-moved clock and
 * helpers that write people, identities, consents and messages with plain SQL.
 */
final class AnnouncementWorld implements AutoCloseable {

	final TestDatabase database;

	final MutableClock clock;

	final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	final DatabaseClient db;

	final TransactionalOperator transactions;

	final Channels channels = new Channels(
			List.of(new TelegramChannel(), new SmsChannel(), new WhatsAppChannel(), new WebChannel()));

	final OutboundQueue queue;

	final Announcements announcements;

	final Reach reach;

	final Tallies tallies;

	final AnnouncementSettings settings = AnnouncementSettings.defaults();

	final Worker admin;

	private final AtomicInteger numbers = new AtomicInteger();

	AnnouncementWorld(TestDatabase.Kind kind, Instant start) {
		this.database = TestDatabase.create(kind);
		this.clock = new MutableClock(start);
		this.db = this.database.client();
		this.transactions = this.database.transactions();
		this.queue = new OutboundQueue(this.db, this.transactions, this.sealer, this.clock, this.channels);
		this.announcements = new Announcements(this.db, this.transactions, this.clock);
		this.reach = new Reach(this.db, this.channels);
		this.tallies = new Tallies(this.db, this.channels);
		long adminId = insert("insert into worker (name, email, role, created_at) "
				+ "values ('Ada Admin', 'ada@example.org', 'ADMIN', :now)");
		this.admin = new Worker(adminId, "Ada Admin", "ada@example.org", Role.ADMIN, null, "EMAIL", "09:00-17:00",
				false, true);
	}

	/** A sender (one instance), with or without an approved WhatsApp template. */
	AnnouncementSender sender(String whatsAppTemplate) {
		SendWindows windows = new SendWindows(
				List.of(TestWhatsApp.window(this.db, this.sealer, this.clock, whatsAppTemplate)));
		return new AnnouncementSender(this.db, this.transactions, this.queue, windows, this.announcements, this.reach,
				this.sealer, this.settings, this.clock);
	}

	AnnouncementSender sender() {
		return sender("");
	}

	OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	/** An active young person (quiet 21:00 to 09:00 by default). */
	long youngPerson(String team) {
		int n = this.numbers.incrementAndGet();
		var insert = this.db
			.sql("insert into young_person (case_reference, name, team, created_at, updated_at) "
					+ "values (:ref, :name, :team, :now, :now)")
			.bind("ref", "A" + n)
			.bind("name", "Young Person " + n)
			.bind("now", now());
		insert = team == null ? insert.bindNull("team", String.class) : insert.bind("team", team);
		return insert.filter(s -> s.returnGeneratedValues("id")).map(row -> row.get("id", Long.class)).one().block();
	}

	/** Links an address on a channel to the young person; returns the address. */
	String identity(long youngPersonId, String channel) {
		int n = this.numbers.incrementAndGet();
		String address = switch (channel) {
			case "whatsapp" -> "whatsapp:+447700" + String.format("%06d", n);
			case "telegram" -> String.valueOf(1_000_000 + n);
			case "web" -> "web-" + n;
			default -> "+447700" + String.format("%06d", n);
		};
		this.db
			.sql("insert into channel_identity (channel, address_hash, address_sealed, young_person_id, verified_at) "
					+ "values (:channel, :hash, :sealed, :yp, :now)")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.bind("sealed", this.sealer.seal(address))
			.bind("yp", youngPersonId)
			.bind("now", now())
			.then()
			.block();
		return address;
	}

	/** The newest consent for this address (as STOP on SMS records it). */
	void consent(String channel, String address, boolean optedIn) {
		this.db
			.sql("insert into consent (channel, address_hash, opted_in, source, recorded_at) "
					+ "values (:channel, :hash, :in, 'SMS_KEYWORD', :now)")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.bind("in", optedIn)
			.bind("now", now())
			.then()
			.block();
	}

	/** A message from the young person, at {@code at}. */
	void inbound(long youngPersonId, String channel, String address, OffsetDateTime at) {
		this.db
			.sql("insert into message (channel, direction, address_hash, young_person_id, body_sealed, status, "
					+ "created_at, updated_at) values (:channel, 'IN', :hash, :yp, :body, 'REPLIED', :at, :at)")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.bind("yp", youngPersonId)
			.bind("body", this.sealer.seal("ok thanks"))
			.bind("at", at)
			.then()
			.block();
	}

	long announce(Draft draft) {
		Draft.Checked checked = draft.check(this.admin, this.settings.zone(), this.clock.instant());
		if (!checked.ok()) {
			throw new IllegalArgumentException(checked.errors().toString());
		}
		return this.announcements.create(checked.checked(), this.admin).block();
	}

	static Draft now(String body) {
		return new Draft(body, "", "", "", "", "", "now", "", "", "", "", false);
	}

	/**
	 * The announcement messages each young person was sent: channel and text, in order.
	 */
	List<Map<String, Object>> messages(long youngPersonId) {
		return this.db
			.sql("select m.id, m.channel, m.body_sealed, m.status, o.purpose from message m "
					+ "join outbound o on o.message_id = m.id where m.young_person_id = :yp "
					+ "and m.direction = 'OUT' and m.kind = 'ANNOUNCEMENT' order by m.id")
			.bind("yp", youngPersonId)
			.map(row -> Map.<String, Object>of("id", row.get("id", Long.class), "channel",
					row.get("channel", String.class), "text", this.sealer.open(row.get("body_sealed", String.class)),
					"status", row.get("status", String.class), "purpose", row.get("purpose", String.class)))
			.all()
			.collectList()
			.block();
	}

	/** Each recipient row of an announcement's sends: status, reason, channel. */
	List<Map<String, Object>> recipients(long announcementId) {
		return this.db.sql(
				"select r.young_person_id, r.status, r.reason, r.channel, r.due_at, s.kind from announcement_recipient r "
						+ "join announcement_send s on s.id = r.send_id where s.announcement_id = :id "
						+ "order by s.kind, r.young_person_id")
			.bind("id", announcementId)
			.map(row -> {
				var values = new java.util.HashMap<String, Object>();
				values.put("youngPersonId", row.get("young_person_id", Long.class));
				values.put("status", row.get("status", String.class));
				values.put("reason", row.get("reason", String.class));
				values.put("channel", row.get("channel", String.class));
				values.put("dueAt", row.get("due_at", OffsetDateTime.class));
				values.put("kind", row.get("kind", String.class));
				return (Map<String, Object>) values;
			})
			.all()
			.collectList()
			.block();
	}

	long sendId(long announcementId, String kind) {
		return this.db.sql("select id from announcement_send where announcement_id = :id and kind = :kind")
			.bind("id", announcementId)
			.bind("kind", kind)
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
	}

	long count(String sql) {
		return this.db.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block();
	}

	private long insert(String sql) {
		return this.db.sql(sql)
			.bind("now", now())
			.filter(s -> s.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
	}

	@Override
	public void close() {
		this.database.close();
	}

}
