package app.waymark.people;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;

import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;

/**
 * The people feature's classes wired over a fresh database, with a hand-moved clock and a
 * few helpers to make workers and young people.
 */
final class PeopleDatabase implements AutoCloseable {

	static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	final TestDatabase database;

	final MutableClock clock = new MutableClock(START);

	final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	final Workers workers;

	final YoungPeople youngPeople;

	final Allocations allocations;

	final LinkCodes linkCodes;

	final Identities identities;

	PeopleDatabase(TestDatabase.Kind kind) {
		this.database = TestDatabase.create(kind);
		this.workers = new Workers(this.database.client(), this.clock);
		this.youngPeople = new YoungPeople(this.database.client(), this.clock);
		this.allocations = new Allocations(this.database.client(), this.clock);
		this.linkCodes = new LinkCodes(this.database.client(), this.sealer, this.clock);
		this.identities = new Identities(this.database.client(), this.sealer, this.clock);
	}

	long worker(String email, Role role, String team, boolean onDuty) {
		long id = this.workers.create("Worker " + email, email, role, team, null).block();
		Worker created = this.workers.byId(id).block();
		this.workers
			.update(new Worker(id, created.name(), created.email(), role, team, created.alertChannels(),
					created.workingHours(), onDuty, true))
			.block();
		return id;
	}

	long youngPerson(String reference, String team, Long workerId) {
		long id = this.youngPeople
			.create(new YoungPerson(0, reference, "Name " + reference, "Pref " + reference, null, "en", "ACTIVE", null,
					null, null, team, null))
			.block();
		if (workerId != null) {
			this.allocations.allocate(id, workerId).block();
		}
		return id;
	}

	void absentToday(long workerId) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), this.clock.getZone());
		this.workers.addAbsence(workerId, today.minusDays(1), today.plusDays(1), "leave").block();
	}

	Worker get(long workerId) {
		return this.workers.byId(workerId).block();
	}

	@Override
	public void close() {
		this.database.close();
	}

}
