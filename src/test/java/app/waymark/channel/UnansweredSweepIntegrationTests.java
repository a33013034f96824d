package app.waymark.channel;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.alert.Alert;
import app.waymark.alert.AlertLevel;
import app.waymark.alert.Alerts;
import app.waymark.alert.NewAlert;
import app.waymark.channel.UnansweredSweep.Outcome;
import app.waymark.channel.sms.TwilioStub;
import app.waymark.channel.telegram.TelegramStub;
import app.waymark.system.MutableClock;
import app.waymark.system.MutableClockConfiguration;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep in the whole application: each channel's shaper found by name, a worker's
 * acknowledgement, the alert for a message found too late, and the reply actually sent.
 * The instance that "died" is simulated by storing a message without answering it.
 */
@SpringBootTest(properties = { "waymark.outbound.enabled=false", "waymark.channel.sweep.enabled=false",
		"waymark.alert.escalation-interval=0s" })
@Import(MutableClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class UnansweredSweepIntegrationTests {

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TelegramStub telegram = new TelegramStub();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	static final AtomicInteger numbers = new AtomicInteger(100);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		twilio.register(registry);
		telegram.register(registry);
	}

	@Autowired
	UnansweredSweep sweep;

	@Autowired
	MessageLog messages;

	@Autowired
	OutboundDispatcher dispatcher;

	@Autowired
	Alerts alerts;

	@Autowired
	DatabaseClient db;

	@Autowired
	Sealer sealer;

	@Autowired
	MutableClock clock;

	@BeforeEach
	void providersAcceptEverything() {
		twilio.acceptEverything();
		telegram.acceptEverything();
		// whatever earlier tests left behind is settled first
		this.clock.advance(Duration.ofDays(2));
		this.sweep.sweepOnce().block();
	}

	@AfterEach
	void nothingPersonalInTheLogs(CapturedOutput output) {
		assertThat(output.getAll()).doesNotContain("free bus travel").doesNotContain("kill myself");
	}

	@Test
	void smsStoredButNeverAnsweredIsAnsweredBySmsOnce() {
		String phone = newNumber();
		long id = storedAndDropped("sms", phone, "can i get free bus travel?", null);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.sweep.sweepOnce().block()).containsExactly(Outcome.ANSWERED);
		assertThat(this.sweep.sweepOnce().block()).isEmpty();
		this.dispatcher.dispatchOnce().block();
		assertThat(twilio.sentTo(phone)).singleElement()
			.satisfies(sent -> assertThat(sent.get("Body")).containsIgnoringCase("bus"));
		assertThat(column(id, "status")).isEqualTo("REPLIED");
	}

	@Test
	void telegramMessageIsShapedForTelegram() {
		long id = storedAndDropped("telegram", "5550001" + numbers.incrementAndGet(), "can i get free bus travel?",
				null);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.sweep.sweepOnce().block()).containsExactly(Outcome.ANSWERED);
		String extras = this.db
			.sql("select o.extras from outbound o join message m on m.id = o.message_id "
					+ "where m.direction = 'OUT' and o.channel = 'telegram' order by o.id desc limit 1")
			.map(row -> this.sealer.open(row.get(0, String.class)))
			.one()
			.block();
		assertThat(extras).contains("MarkdownV2").contains("cmd:topics");
		assertThat(column(id, "status")).isEqualTo("REPLIED");
	}

	@Test
	void telegramsOwnCommandIsAnsweredByTelegramNotTheConversation() {
		String chat = "5550002" + numbers.incrementAndGet();
		long id = storedAndDropped("telegram", chat, "/stop", null);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.sweep.sweepOnce().block()).containsExactly(Outcome.ANSWERED);
		assertThat(column(id, "kind")).isEqualTo("OPTED_OUT");
		assertThat(this.db.sql("select opted_in, source from consent where address_hash = :hash")
			.bind("hash", this.sealer.hash(chat))
			.map(row -> row.get("opted_in", Boolean.class) + " " + row.get("source", String.class))
			.all()
			.collectList()
			.block()).containsExactly("false TELEGRAM");
		assertThat(queuedTo(chat)).singleElement().asString().contains("/start");
	}

	@Test
	void aWorkersAcknowledgementIsCarriedOutAndAnswered() {
		String phone = newNumber();
		long worker = insert("insert into worker (name, email, role, created_at) values ('Ann', 'ann"
				+ numbers.incrementAndGet() + "@example.org', 'WORKER', :now)");
		long youngPerson = insert("insert into young_person (case_reference, name, created_at, updated_at) "
				+ "values ('SW-" + numbers.incrementAndGet() + "', 'Jo', :now, :now)");
		insert("insert into allocation (young_person_id, worker_id, starts_at) values (" + youngPerson + ", " + worker
				+ ", :now)");
		this.db
			.sql("insert into channel_identity (channel, address_hash, address_sealed, worker_id, verified_at) "
					+ "values ('sms', :hash, :sealed, :worker, :now)")
			.bind("hash", this.sealer.hash(phone))
			.bind("sealed", this.sealer.seal(phone))
			.bind("worker", worker)
			.bind("now", now())
			.then()
			.block();
		Alert alert = this.alerts.raise(new NewAlert(youngPerson, AlertLevel.NORMAL, "CONCERN", null, null)).block();
		storedAndDropped("sms", phone, "ACK " + alert.id(), worker);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.sweep.sweepOnce().block()).containsExactly(Outcome.ANSWERED);
		assertThat(this.alerts.find(alert.id()).block().status()).isEqualTo("ACKNOWLEDGED");
		assertThat(queuedTo(phone)).containsExactly("Alert " + alert.id() + " acknowledged. Thank you.");
	}

	@Test
	void webChatMessageIsAbandoned() {
		long id = storedAndDropped("web", "conversation-" + numbers.incrementAndGet(), "can i get free bus travel?",
				null);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.sweep.sweepOnce().block()).containsExactly(Outcome.ABANDONED);
		assertThat(column(id, "status")).isEqualTo("ABANDONED");
	}

	@Test
	void aCrisisFoundADayLateRaisesAnUrgentAlertInsteadOfAReply() {
		String phone = newNumber();
		long id = storedAndDropped("sms", phone, "i want to kill myself", null);
		this.clock.advance(Duration.ofHours(25));
		assertThat(this.sweep.sweepOnce().block()).containsExactly(Outcome.MISSED);
		assertThat(this.db.sql("select level, reason from alert where message_id = :id")
			.bind("id", id)
			.map(row -> row.get("level", String.class) + " " + row.get("reason", String.class))
			.all()
			.collectList()
			.block()).containsExactly("URGENT UNANSWERED");
		assertThat(queuedTo(phone)).isEmpty();
	}

	private long storedAndDropped(String channel, String address, String text, Long workerId) {
		return this.messages
			.recordInbound(new InboundMessage(channel, address, text, null, this.clock.instant()), null, null, workerId)
			.block()
			.id();
	}

	private List<String> queuedTo(String address) {
		return InboxWorld.queuedTo(this.db, this.sealer, address);
	}

	private String column(long id, String column) {
		return InboxWorld.column(this.db, id, column);
	}

	private long insert(String sql) {
		return this.db.sql(sql)
			.bind("now", now())
			.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
	}

	private OffsetDateTime now() {
		return OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
	}

	private static String newNumber() {
		return "+447700" + (920_000 + numbers.incrementAndGet());
	}

}
