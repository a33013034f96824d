package app.waymark.people;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.MessageLog;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message text is forgotten after the retention period, and the sender's sealed address
 * kept on an inbound message (to answer it later) goes with it: at once when it is
 * answered, at the latest with the text. The rows and the audit trail stay.
 */
class MessageRetentionTests {

	static final String PHONE = "+447700900123";

	private PeopleDatabase people;

	private MessageLog log;

	private MessageRetention retention;

	private void open(TestDatabase.Kind kind) {
		this.people = new PeopleDatabase(kind);
		this.log = new MessageLog(this.people.database.client(), this.people.sealer, this.people.clock);
		this.retention = new MessageRetention(this.people.database.client(), this.people.clock,
				new PeopleSettings("", "", Duration.ofDays(365)));
	}

	@AfterEach
	void close() {
		if (this.people != null) {
			this.people.close();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void textOlderThanRetentionIsCleared(TestDatabase.Kind kind) {
		open(kind);
		this.log.recordInbound(message("old words"), "p1", null, null).block();
		this.people.clock.advance(Duration.ofDays(200));
		this.log.recordInbound(message("new words"), "p2", null, null).block();
		this.people.database.client()
			.sql("insert into audit_event (actor_type, action, subject_type, at) values ('SYSTEM', 'X', 'Y', :at)")
			.bind("at", OffsetDateTime.now(this.people.clock))
			.then()
			.block();
		assertThat(this.retention.purge().block()).isZero();
		this.people.clock.advance(Duration.ofDays(166));
		assertThat(this.retention.purge().block()).isEqualTo(1);
		assertThat(this.retention.purge().block()).isZero();
		assertThat(rows()).containsExactly("p1", "p2 text address");
		assertThat(this.people.database.client()
			.sql("select count(*) as n from audit_event")
			.map(row -> row.get("n", Long.class))
			.one()
			.block()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void anUnansweredMessagesAddressIsClearedWithItsText(TestDatabase.Kind kind) {
		open(kind);
		this.log.recordInbound(message("never answered"), "p1", null, null).block();
		MessageLog.Stored answered = this.log.recordInbound(message("answered"), "p2", null, null).block();
		this.log.replied(answered.id(), answered.claimedAt(), "ANSWER", null, true).block();
		this.people.clock.advance(Duration.ofDays(200));
		this.log.recordInbound(message("recent"), "p3", null, null).block();
		assertThat(rows()).containsExactly("p1 text address", "p2 text", "p3 text address");

		this.people.clock.advance(Duration.ofDays(166));
		assertThat(this.retention.purge().block()).isEqualTo(2);
		assertThat(rows()).containsExactly("p1", "p2", "p3 text address");
		assertThat(this.retention.purge().block()).isZero();
		assertThat(this.people.sealer.open(this.people.database.client()
			.sql("select address_sealed from message where provider_id = 'p3'")
			.map(row -> row.get(0, String.class))
			.one()
			.block())).isEqualTo(PHONE);
	}

	private InboundMessage message(String text) {
		return new InboundMessage("sms", PHONE, text, "en", this.people.clock.instant());
	}

	/** Each message's provider id, then which sealed columns it still has. */
	private List<String> rows() {
		return this.people.database.client()
			.sql("select provider_id, body_sealed, address_sealed from message order by id")
			.map(row -> row.get("provider_id", String.class)
					+ (row.get("body_sealed", String.class) != null ? " text" : "")
					+ (row.get("address_sealed", String.class) != null ? " address" : ""))
			.all()
			.collectList()
			.block();
	}

}
