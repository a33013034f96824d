package app.waymark.people;

import java.time.Duration;
import java.time.Instant;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.MessageLog;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Message text is forgotten after the retention period; the rows and audit stay. */
class MessageRetentionTests {

	private PeopleDatabase people;

	@AfterEach
	void close() {
		if (this.people != null) {
			this.people.close();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void textOlderThanRetentionIsCleared(TestDatabase.Kind kind) {
		this.people = new PeopleDatabase(kind);
		MessageLog log = new MessageLog(this.people.database.client(), this.people.sealer, this.people.clock);
		MessageRetention retention = new MessageRetention(this.people.database.client(), this.people.clock,
				new PeopleSettings("", "", Duration.ofDays(365)));
		log.recordInbound(new InboundMessage("sms", "+447700900123", "old words", null, Instant.now()), "p1", null,
				null)
			.block();
		this.people.clock.advance(Duration.ofDays(200));
		log.recordInbound(new InboundMessage("sms", "+447700900123", "new words", null, Instant.now()), "p2", null,
				null)
			.block();
		this.people.database.client()
			.sql("insert into audit_event (actor_type, action, subject_type, at) values ('SYSTEM', 'X', 'Y', :at)")
			.bind("at", java.time.OffsetDateTime.now(this.people.clock))
			.then()
			.block();
		assertThat(retention.purge().block()).isZero();
		this.people.clock.advance(Duration.ofDays(166));
		assertThat(retention.purge().block()).isEqualTo(1);
		assertThat(retention.purge().block()).isZero();
		assertThat(this.people.database.client()
			.sql("select provider_id, body_sealed from message order by id")
			.map(row -> row.get("provider_id", String.class) + "=" + (row.get("body_sealed", String.class) != null))
			.all()
			.collectList()
			.block()).containsExactly("p1=false", "p2=true");
		assertThat(this.people.database.client()
			.sql("select count(*) as n from audit_event")
			.map(row -> row.get("n", Long.class))
			.one()
			.block()).isEqualTo(1);
	}

}
