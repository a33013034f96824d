package app.waymark.channel;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Message text is forgotten after the retention period, and the sender's sealed address
 * kept on an inbound message (to answer it later) goes with it: at once when it is
 * answered, at the latest with the text. Outbound queue rows, which hold their own sealed
 * address and text, go once sent or failed. The messages and the audit trail stay.
 */
class MessageRetentionTests {

	static final String PHONE = "+447700900123";

	/** A fresh database, a sealer and a hand-moved clock. */
	private record World(TestDatabase database, Sealer sealer, MutableClock clock) implements AutoCloseable {

		@Override
		public void close() {
			this.database.close();
		}

	}

	private World world;

	private MessageLog log;

	private MessageRetention retention;

	private void open(TestDatabase.Kind kind) {
		this.world = new World(TestDatabase.create(kind), new Sealer(new SecureRandom().generateSeed(32)),
				new MutableClock(Instant.parse("2026-11-24T10:00:00Z")));
		this.log = new MessageLog(this.world.database.client(), this.world.sealer, this.world.clock);
		this.retention = new MessageRetention(this.world.database.client(), this.world.clock,
				new RetentionSettings(Duration.ofDays(365)));
	}

	@AfterEach
	void close() {
		if (this.world != null) {
			this.world.close();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void textOlderThanRetentionIsCleared(TestDatabase.Kind kind) {
		open(kind);
		this.log.recordInbound(message("old words"), "p1", null, null).block();
		this.world.clock.advance(Duration.ofDays(200));
		this.log.recordInbound(message("new words"), "p2", null, null).block();
		this.world.database.client()
			.sql("insert into audit_event (actor_type, action, subject_type, at) values ('SYSTEM', 'X', 'Y', :at)")
			.bind("at", OffsetDateTime.now(this.world.clock))
			.then()
			.block();
		assertThat(this.retention.purge().block().messages()).isZero();
		this.world.clock.advance(Duration.ofDays(166));
		assertThat(this.retention.purge().block().messages()).isEqualTo(1);
		assertThat(this.retention.purge().block().messages()).isZero();
		assertThat(rows()).containsExactly("p1", "p2 text address");
		assertThat(this.world.database.client()
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
		this.world.clock.advance(Duration.ofDays(200));
		this.log.recordInbound(message("recent"), "p3", null, null).block();
		assertThat(rows()).containsExactly("p1 text address", "p2 text", "p3 text address");

		this.world.clock.advance(Duration.ofDays(166));
		assertThat(this.retention.purge().block().messages()).isEqualTo(2);
		assertThat(rows()).containsExactly("p1", "p2", "p3 text address");
		assertThat(this.retention.purge().block().messages()).isZero();
		assertThat(this.world.sealer.open(this.world.database.client()
			.sql("select address_sealed from message where provider_id = 'p3'")
			.map(row -> row.get(0, String.class))
			.one()
			.block())).isEqualTo(PHONE);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void sentAndFailedOutboundRowsGoWithTheRetentionPeriodQueuedOnesStay(TestDatabase.Kind kind) {
		open(kind);
		OutboundQueue queue = new OutboundQueue(this.world.database.client(), this.world.database.transactions(),
				this.world.sealer, this.world.clock, TestChannels.all());
		enqueue(queue, "sent");
		enqueue(queue, "failed");
		enqueue(queue, "queued");
		Map<String, QueuedMessage> claimed = claim(queue);
		queue.sent(claimed.get("sent"), "SM1", 1).block();
		queue.failed(claimed.get("failed"), "twilio 400").block();
		// "queued" is left claimed, as by an instance that died holding it
		this.world.clock.advance(Duration.ofDays(200));
		enqueue(queue, "recent");
		queue.sent(claim(queue).get("recent"), "SM2", 1).block();
		assertThat(outbound()).containsExactly("sent SENT", "failed FAILED", "queued QUEUED", "recent SENT");

		this.world.clock.advance(Duration.ofDays(166));
		assertThat(this.retention.purge().block().outbound()).isEqualTo(2);
		assertThat(outbound()).containsExactly("queued QUEUED", "recent SENT");
		assertThat(this.retention.purge().block().outbound()).isZero();
		assertThat(claim(queue)).as("still sendable, to its address").containsOnlyKeys("queued");
		assertThat(claim(queue)).isEmpty();
		assertThat(this.world.database.client()
			.sql("select count(*) from message where direction = 'OUT'")
			.map(row -> row.get(0, Long.class))
			.one()
			.block()).as("the messages themselves stay").isEqualTo(4);
	}

	/**
	 * A web chat's replies are logged as given, outside the queue: the conversation read
	 * back has both ways until retention clears them, then neither, and no reply was ever
	 * put where a dispatcher would send it.
	 */
	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aWebConversationReadBackLosesItsWordsWithRetention(TestDatabase.Kind kind) {
		open(kind);
		String conversation = "web-conversation-1";
		MessageLog.Stored asked = this.log
			.recordInbound(new InboundMessage("web", conversation, "council tax", "en", this.world.clock.instant()),
					null, null, null)
			.block();
		this.log.replied(asked.id(), asked.claimedAt(), "ANSWER", "council-tax", true).block();
		this.log
			.recordGivenInResponse(new OutboundMessage("web", conversation, "You may pay no council tax.", null,
					OutboundMessage.Purpose.REPLY, null, null, "ANSWER"), "council-tax", "en")
			.block();
		this.log
			.recordInbound(new InboundMessage("web", "another-conversation", "hello", "en", this.world.clock.instant()),
					null, null, null)
			.block();
		assertThat(this.log.conversation("web", conversation, 10).collectList().block())
			.extracting(logged -> (logged.outbound() ? "out " : "in ") + logged.text() + " " + logged.articleId())
			.containsExactly("in council tax council-tax", "out You may pay no council tax. council-tax");
		assertThat(outbound()).as("nothing queued to send").isEmpty();
		assertThat(this.world.database.client()
			.sql("select status from message where direction = 'OUT'")
			.map(row -> row.get(0, String.class))
			.one()
			.block()).isEqualTo("SENT");

		this.world.clock.advance(Duration.ofDays(366));
		assertThat(this.retention.purge().block().messages()).isEqualTo(3);
		assertThat(this.log.conversation("web", conversation, 10).collectList().block()).isEmpty();
	}

	private void enqueue(OutboundQueue queue, String text) {
		queue
			.enqueue(new OutboundMessage("sms", PHONE, text, null, OutboundMessage.Purpose.REPLY, null, null, "ANSWER"))
			.block();
	}

	/** Claims every due row, by its text. */
	private Map<String, QueuedMessage> claim(OutboundQueue queue) {
		return queue.claim("sms", 10, "test", Duration.ofMinutes(1))
			.filter(message -> PHONE.equals(message.address()))
			.collectMap(QueuedMessage::text)
			.block();
	}

	/** Each outbound row's text and status, oldest first. */
	private List<String> outbound() {
		return this.world.database.client()
			.sql("select body_sealed, status from outbound order by id")
			.map(row -> this.world.sealer.open(row.get("body_sealed", String.class)) + " "
					+ row.get("status", String.class))
			.all()
			.collectList()
			.block();
	}

	private InboundMessage message(String text) {
		return new InboundMessage("sms", PHONE, text, "en", this.world.clock.instant());
	}

	/** Each message's provider id, then which sealed columns it still has. */
	private List<String> rows() {
		return this.world.database.client()
			.sql("select provider_id, body_sealed, address_sealed from message order by id")
			.map(row -> row.get("provider_id", String.class)
					+ (row.get("body_sealed", String.class) != null ? " text" : "")
					+ (row.get("address_sealed", String.class) != null ? " address" : ""))
			.all()
			.collectList()
			.block();
	}

}
