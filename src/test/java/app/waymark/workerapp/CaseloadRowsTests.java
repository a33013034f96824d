package app.waymark.workerapp;

import app.waymark.channel.TestChannels;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.waymark.checkin.CheckInPlans;
import app.waymark.checkin.Frequency;
import app.waymark.people.YoungPerson;
import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The set-based caseload read gives, for a varied caseload, exactly the rows the earlier
 * one-young-person-at-a-time queries gave (kept here as the reference), on both
 * databases.
 */
class CaseloadRowsTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

	private final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	private TestDatabase database;

	@AfterEach
	void close() {
		if (this.database != null) {
			this.database.close();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void sameRowsAsOneYoungPersonAtATime(TestDatabase.Kind kind) {
		this.database = TestDatabase.create(kind);
		DatabaseClient db = this.database.client();
		Fixtures fx = new Fixtures(db, this.sealer);
		CheckInPlans plans = new CheckInPlans(db, this.clock);
		long worker = fx.worker("w@example.org", "WORKER", "North", null);
		List<YoungPerson> people = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			long id = fx.youngPerson("R" + i, "Name " + i, "North", worker);
			people.add(new YoungPerson(id, "R" + i, "Name " + i, i % 3 == 0 ? "Pref " + i : null, null, "en", "ACTIVE",
					null, null, null, "North", worker));
		}
		long[] yp = people.stream().mapToLong(YoungPerson::id).toArray();
		// 0: nothing at all
		// 1: urgent alert open; another one acknowledged
		fx.alert(yp[1], "URGENT", worker, "2026-11-20T10:00:00Z");
		long done = fx.alert(yp[2], "URGENT", worker, "2026-11-20T10:00:00Z");
		db.sql("update alert set status = 'ACKNOWLEDGED' where id = :id").bind("id", done).then().block();
		// 2: a routine alert, and two check-ins sent at the same moment: the later row
		// wins
		fx.alert(yp[2], "NORMAL", worker, "2026-11-21T10:00:00Z");
		fx.checkIn(yp[2], "ANSWERED", "NEED_HELP", "2026-11-10T10:00:00Z");
		fx.checkIn(yp[2], "NO_REPLY", null, "2026-11-10T10:00:00Z");
		// 3: an escalated urgent alert
		long escalated = fx.alert(yp[3], "URGENT", worker, "2026-11-20T10:00:00Z");
		db.sql("update alert set status = 'ESCALATED' where id = :id").bind("id", escalated).then().block();
		// 4: a failed message followed by a sent one, and a newer inbound one
		fx.message(yp[4], "sms", "OUT", "a", "FAILED", "2026-11-01T09:00:00Z");
		fx.message(yp[4], "sms", "OUT", "b", "SENT", "2026-11-02T09:00:00Z");
		fx.message(yp[4], "sms", "IN", "c", "REPLIED", "2026-11-03T09:00:00Z");
		// 5: the newest outbound failed, older inbound and outbound
		fx.message(yp[5], "sms", "IN", "a", "REPLIED", "2026-11-01T09:00:00Z");
		fx.message(yp[5], "telegram", "OUT", "b", "SENT", "2026-11-01T09:00:00Z");
		fx.message(yp[5], "sms", "OUT", "c", "FAILED", "2026-11-04T09:00:00Z");
		// 6: channels, one unreachable, consent changed
		fx.identity(yp[6], "telegram", "555", null, true);
		fx.identity(yp[6], "sms", "+447700900006", true, false);
		fx.db
			.sql("insert into consent (channel, address_hash, opted_in, source, recorded_at) "
					+ "values ('sms', :hash, false, 'STOP', :at)")
			.bind("hash", this.sealer.hash("+447700900006"))
			.bind("at", Fixtures.at("2026-02-01T00:00:00Z"))
			.then()
			.block();
		// 7: older answers, a newer reminder still open; a plan
		fx.checkIn(yp[7], "ANSWERED", "GOOD", "2026-10-01T10:00:00Z");
		fx.checkIn(yp[7], "REMINDED", null, "2026-11-01T10:00:00Z");
		plans.change(yp[7], Frequency.WEEKLY, "sms,telegram").block();
		// 8: paused plan, answered well
		plans.change(yp[8], Frequency.PAUSED, "sms").block();
		fx.checkIn(yp[8], "ANSWERED", "OK", "2026-11-01T10:00:00Z");
		fx.identity(yp[8], "sms", "+447700900008", true, false);
		// 9: everything
		fx.alert(yp[9], "URGENT", worker, "2026-11-20T10:00:00Z");
		fx.checkIn(yp[9], "ANSWERED", "GOOD", "2026-11-01T10:00:00Z");
		fx.message(yp[9], "sms", "OUT", "x", "FAILED", "2026-11-05T09:00:00Z");
		fx.identity(yp[9], "sms", "+447700900009", false, true);

		Records records = new Records(db, this.sealer, this.clock, TestChannels.all(),
				new app.waymark.channel.RetentionSettings(java.time.Duration.ofDays(365)));
		List<Views.CaseloadRow> reference = people.stream()
			.map(person -> reference(records, db, person).block())
			.toList();

		assertThat(records.caseloadRows(people).collectList().block()).isEqualTo(reference);
		assertThat(reference).extracting(Views.CaseloadRow::status)
			.containsExactly(Rag.GREEN, Rag.RED, Rag.AMBER, Rag.RED, Rag.GREEN, Rag.AMBER, Rag.AMBER, Rag.AMBER,
					Rag.GREEN, Rag.RED);
		assertThat(records.caseloadRows(people.reversed()).collectList().block()).isEqualTo(reference.reversed());
		assertThat(records.caseloadRows(List.of()).collectList().block()).isEmpty();
	}

	/** An admin's caseload can be long: the ids go to the database in slices. */
	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void longCaseloadsAreReadInSlices(TestDatabase.Kind kind) {
		this.database = TestDatabase.create(kind);
		DatabaseClient db = this.database.client();
		Fixtures fx = new Fixtures(db, this.sealer);
		long worker = fx.worker("w@example.org", "WORKER", "North", null);
		long real = fx.youngPerson("R", "Real", "North", worker);
		fx.alert(real, "URGENT", worker, "2026-11-20T10:00:00Z");
		List<YoungPerson> people = new ArrayList<>();
		for (long id = real + 1; id <= real + 2500; id++) {
			people.add(person(id, worker));
		}
		people.add(2100, person(real, worker));

		List<Views.CaseloadRow> rows = new Records(db, this.sealer, this.clock, TestChannels.all(),
				new app.waymark.channel.RetentionSettings(java.time.Duration.ofDays(365)))
			.caseloadRows(people)
			.collectList()
			.block();

		assertThat(rows).extracting(Views.CaseloadRow::id)
			.containsExactlyElementsOf(people.stream().map(YoungPerson::id).toList());
		assertThat(rows).filteredOn(row -> row.status() == Rag.RED)
			.extracting(Views.CaseloadRow::id)
			.containsExactly(real);
	}

	private static YoungPerson person(long id, long worker) {
		return new YoungPerson(id, "R" + id, "Name", null, null, "en", "ACTIVE", null, null, null, "North", worker);
	}

	/** The caseload row as it was read before: six queries for one young person. */
	private static Mono<Views.CaseloadRow> reference(Records records, DatabaseClient db, YoungPerson person) {
		long id = person.id();
		Mono<Optional<OffsetDateTime>> lastContact = db
			.sql("select max(created_at) as last from message where young_person_id = :id")
			.bind("id", id)
			.map(row -> Optional.ofNullable(row.get("last", OffsetDateTime.class)))
			.one()
			.defaultIfEmpty(Optional.empty());
		Mono<Optional<Views.CheckInRow>> lastCheckIn = records.checkIns(id, 1)
			.next()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		Mono<Boolean> urgent = db
			.sql("select count(*) as n from alert where young_person_id = :id and level = 'URGENT' "
					+ "and status in ('OPEN', 'ESCALATED')")
			.bind("id", id)
			.map(row -> row.get("n", Long.class) > 0)
			.one();
		Mono<Boolean> lastOutboundFailed = db
			.sql("select status from message where young_person_id = :id and direction = 'OUT' "
					+ "order by created_at desc, id desc limit 1")
			.bind("id", id)
			.map(row -> "FAILED".equals(row.get("status", String.class)))
			.one()
			.defaultIfEmpty(false);
		return Mono
			.zip(lastContact, lastCheckIn, urgent, lastOutboundFailed, records.channels(id).collectList(),
					records.plan(id))
			.map(t -> {
				Views.CheckInRow checkIn = t.getT2().orElse(null);
				List<Views.Channel> channels = t.getT5();
				Rag status = Rag.of(new Rag.Inputs(t.getT3(), checkIn == null ? null : checkIn.status(),
						checkIn == null ? null : checkIn.answer(), t.getT4(),
						channels.stream().anyMatch(Views.Channel::unreachable)));
				String name = person.preferredName() == null ? person.name()
						: person.preferredName() + " (" + person.name() + ")";
				return new Views.CaseloadRow(id, name, person.caseReference(), t.getT1().orElse(null),
						t.getT6().nextCheckIn(), checkIn == null ? null : checkIn.answer(), channels, status,
						t.getT6().due());
			});
	}

}
