package app.waymark.people;

import java.time.Duration;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.MessageLog;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender's sealed address kept on an inbound message (to answer it later) goes with
 * its text: at once when it is answered, and at the latest with the retention period.
 */
class MessageRetentionAddressTests {

	static final String PHONE = "+447700900123";

	private PeopleDatabase people;

	@AfterEach
	void close() {
		if (this.people != null) {
			this.people.close();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void anUnansweredMessagesAddressIsClearedWithItsText(TestDatabase.Kind kind) {
		this.people = new PeopleDatabase(kind);
		MessageLog log = new MessageLog(this.people.database.client(), this.people.sealer, this.people.clock);
		MessageRetention retention = new MessageRetention(this.people.database.client(), this.people.clock,
				new PeopleSettings("", "", Duration.ofDays(365)));
		log.recordInbound(message("never answered"), "p1", null, null).block();
		MessageLog.Stored answered = log.recordInbound(message("answered"), "p2", null, null).block();
		log.replied(answered.id(), answered.claimedAt(), "ANSWER", null, true).block();
		this.people.clock.advance(Duration.ofDays(200));
		log.recordInbound(message("recent"), "p3", null, null).block();
		assertThat(rows()).containsExactly("p1 text address", "p2 text", "p3 text address");

		this.people.clock.advance(Duration.ofDays(166));
		assertThat(retention.purge().block()).isEqualTo(2);
		assertThat(rows()).containsExactly("p1", "p2", "p3 text address");
		assertThat(retention.purge().block()).isZero();
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
	private java.util.List<String> rows() {
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
