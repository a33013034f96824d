package app.waymark.workerapp;

import app.waymark.channel.TestChannels;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import app.waymark.people.YoungPerson;
import app.waymark.checkin.CheckInPlans;
import app.waymark.checkin.Frequency;
import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The worker pages' SQL on both databases the service runs on. */
class RecordsTests {

	private CheckInPlans plans;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

	private final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	private TestDatabase database;

	private Records records;

	private Fixtures fx;

	private long worker;

	private void open(TestDatabase.Kind kind) {
		this.database = TestDatabase.create(kind);
		this.records = new Records(this.database.client(), this.sealer, this.clock, TestChannels.all(),
				new app.waymark.channel.RetentionSettings(java.time.Duration.ofDays(365)));
		this.plans = new CheckInPlans(this.database.client(), this.clock);
		this.fx = new Fixtures(this.database.client(), this.sealer);
		this.worker = this.fx.worker("w@example.org", "WORKER", "North", null);
	}

	@AfterEach
	void close() {
		if (this.database != null) {
			this.database.close();
		}
	}

	private YoungPerson person(long id) {
		return new YoungPerson(id, "R" + id, "Name", null, null, "en", "ACTIVE", null, null, null, "North",
				this.worker);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void caseloadRowSummarisesContactPlanAnswerChannelsAndStatus(TestDatabase.Kind kind) {
		open(kind);
		long id = this.fx.youngPerson("R1", "Name", "North", this.worker);
		assertThat(this.records.caseloadRow(person(id)).block()).satisfies(row -> {
			assertThat(row.status()).isEqualTo(Rag.GREEN);
			assertThat(row.lastContact()).isNull();
			assertThat(row.nextCheckIn()).isEqualTo("no plan");
			assertThat(row.channels()).isEmpty();
		});
		this.fx.message(id, "sms", "IN", "hi", "REPLIED", "2026-11-01T09:00:00Z");
		this.fx.message(id, "sms", "OUT", "hello", "FAILED", "2026-11-02T09:00:00Z");
		this.fx.identity(id, "sms", "+447700900001", false, false);
		this.fx.identity(id, "telegram", "12345", null, true);
		this.fx.checkIn(id, "ANSWERED", "OK", "2026-10-01T09:00:00Z");
		this.fx.checkIn(id, "ANSWERED", "NEED_HELP", "2026-11-03T09:00:00Z");
		this.plans.change(id, Frequency.PAUSED, "sms").block();
		assertThat(this.records.caseloadRow(person(id)).block()).satisfies(row -> {
			assertThat(row.status()).isEqualTo(Rag.RED);
			assertThat(row.lastContact()).isEqualTo(Fixtures.at("2026-11-02T09:00:00Z"));
			assertThat(row.nextCheckIn()).isEqualTo("paused");
			assertThat(row.lastAnswer()).isEqualTo("NEED_HELP");
			assertThat(row.channels()).containsExactly(new Views.Channel("sms", false, false),
					new Views.Channel("telegram", true, true));
		});
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aNewPlanIsDueAtOnce(TestDatabase.Kind kind) {
		open(kind);
		long id = this.fx.youngPerson("R2", "Name", "North", this.worker);
		this.plans.change(id, Frequency.WEEKLY, "sms,telegram").block();
		assertThat(this.records.plan(id).block().nextDueAt()).isEqualTo(Fixtures.at("2026-11-24T10:00:00Z"));
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void openAlertsAreUrgentFirstThenNewestAndOnlyTheCallers(TestDatabase.Kind kind) {
		open(kind);
		long mine = this.fx.youngPerson("R3", "Name", "North", this.worker);
		long other = this.fx.youngPerson("R4", "Other", "North", this.worker);
		long oldUrgent = this.fx.alert(mine, "URGENT", null, "2026-11-01T09:00:00Z");
		long newNormal = this.fx.alert(mine, "NORMAL", null, "2026-11-05T09:00:00Z");
		long newUrgent = this.fx.alert(mine, "URGENT", null, "2026-11-03T09:00:00Z");
		long unlinked = this.fx.alert(null, "URGENT", this.worker, "2026-11-02T09:00:00Z");
		this.fx.alert(other, "URGENT", null, "2026-11-04T09:00:00Z");
		List<Long> ids = this.records.openAlerts(Set.of(mine), this.worker)
			.map(Views.AlertRow::id)
			.collectList()
			.block();
		assertThat(ids).containsExactly(newUrgent, unlinked, oldUrgent, newNormal);
		assertThat(this.records.openAlerts(Set.of(), this.worker + 1).collectList().block()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void voiceIsTheirWordsAndAnswersInTheHalfOpenPeriod(TestDatabase.Kind kind) {
		open(kind);
		long id = this.fx.youngPerson("R5", "Name", "North", this.worker);
		this.fx.message(id, "sms", "IN", "before", "REPLIED", "2026-10-31T23:59:59Z");
		this.fx.message(id, "sms", "IN", "first", "REPLIED", "2026-11-01T00:00:00Z");
		this.fx.message(id, "sms", "OUT", "ours", "SENT", "2026-11-01T01:00:00Z");
		this.fx.checkIn(id, "ANSWERED", "GOOD", "2026-11-01T01:00:00Z");
		this.fx.message(id, "telegram", "IN", "last", "REPLIED", "2026-11-30T23:59:59Z");
		List<String> texts = this.records
			.voice(id, Fixtures.at("2026-11-01T00:00:00Z"), Fixtures.at("2026-12-01T00:00:00Z"))
			.map(Views.VoiceRow::text)
			.collectList()
			.block();
		assertThat(texts).containsExactly("first", "GOOD", "last");
	}

}
