package app.waymark.channel;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import app.waymark.conversation.Conversation;
import app.waymark.conversation.ConversationSettings;
import app.waymark.conversation.Phrases;
import app.waymark.conversation.Reply;
import app.waymark.conversation.ReplyText;
import app.waymark.knowledge.KnowledgeLoader;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.knowledge.KnowledgeSettings;
import app.waymark.people.Identities;
import app.waymark.people.Sender;
import app.waymark.safeguarding.DangerCheck;
import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The inbox, message log, outbound queue and sweep wired by hand over a fresh database,
 * on the real knowledge base and safeguarding rules, with a hand-moved clock. Alerts are
 * recorded rather than raised. There are no worker commands here (they belong to the
 * alerts feature; see UnansweredSweepIntegrationTests).
 */
final class InboxWorld implements AutoCloseable {

	static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	static final ConversationSettings CONVERSATION = new ConversationSettings("020 0000 0000", "crisis-help",
			List.of("travel", "housing", "money"), "talk-to-my-worker");

	static final KnowledgeSettings KNOWLEDGE = new KnowledgeSettings(Path.of("knowledge"), "city-of-london", 0.5, 6.0,
			1000);

	static final DangerCheck RISKS = DangerCheck.fromClasspath(app.waymark.system.TestEmbeddings.shared(),
			search().ordinaryQuestions());

	private static KnowledgeSearch search;

	static final SweepSettings SWEEP = new SweepSettings(false, Duration.ofSeconds(15), Duration.ofSeconds(30),
			Duration.ofHours(24), 50);

	final TestDatabase database;

	final DatabaseClient db;

	final MutableClock clock = new MutableClock(START);

	final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	final MessageLog messages;

	final OutboundQueue queue;

	final Identities identities;

	final Inbox inbox;

	/** Every incident the inbox and the sweep raised, in order. */
	final List<Object> incidents = new CopyOnWriteArrayList<>();

	final ReplyShaper sms = new ShortText("sms");

	/** Answers only in its response, as the web chat does. */
	final ReplyShaper web = new ReplyShaper.InResponseOnly("web");

	/** Records every incident instead of raising an alert. */
	private final IncidentHandler recorder = new IncidentHandler() {

		@Override
		public Mono<Void> on(DangerSignalled incident) {
			return Mono.fromRunnable(() -> InboxWorld.this.incidents.add(incident));
		}

		@Override
		public Mono<Void> on(HandoverRequested request) {
			return Mono.fromRunnable(() -> InboxWorld.this.incidents.add(request));
		}

		@Override
		public Mono<Void> on(MessageMissed missed) {
			return Mono.fromRunnable(() -> InboxWorld.this.incidents.add(missed));
		}

	};

	InboxWorld(TestDatabase.Kind kind) {
		this.database = TestDatabase.create(kind);
		this.db = this.database.client();
		this.messages = new MessageLog(this.db, this.sealer, this.clock);
		this.queue = new OutboundQueue(this.db, this.database.transactions(), this.sealer, this.clock,
				TestChannels.all());
		this.identities = new Identities(this.db, this.sealer, this.clock);
		this.inbox = inboxWith(this.identities);
	}

	/** An inbox over this world that looks senders up through {@code identities}. */
	Inbox inboxWith(Identities identities) {
		return inboxWith(identities, this.recorder);
	}

	/** An inbox over this world whose incidents go to {@code incidents}. */
	Inbox inboxWith(Identities identities, IncidentHandler incidents) {
		return new Inbox(this.messages, this.queue,
				new Conversation(search(), RISKS, CONVERSATION,
						new app.waymark.conversation.ConversationMemory(this.db, this.sealer, this.clock)),
				identities, List.of(incidents), List.of(), List.of(), this.database.transactions(),
				new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
	}

	private static synchronized KnowledgeSearch search() {
		if (search == null) {
			search = new KnowledgeSearch(KNOWLEDGE,
					KnowledgeLoader.fromDirectory(KNOWLEDGE.dir(), KNOWLEDGE.localFolder()),
					app.waymark.system.TestEmbeddings.shared());
			search.loadSearchTerms(app.waymark.knowledge.SearchTerms.load(KNOWLEDGE.dir(), search.knowledge()));
		}
		return search;
	}

	/** One instance's sweep, serving SMS and the web chat (Telegram is off here). */
	UnansweredSweep sweep() {
		return new UnansweredSweep(this.messages, this.inbox, List.of(this.sms, this.web), List.of(this.recorder),
				RISKS, SWEEP, this.clock);
	}

	/** A message stored by an instance that then died before answering it. */
	long storedAndDropped(String channel, String address, String text, String providerId) {
		return storedAndDropped(new InboundMessage(channel, address, text, null, this.clock.instant()), providerId);
	}

	long storedAndDropped(InboundMessage message, String providerId) {
		return this.messages.recordInbound(message, providerId, null, null).block().id();
	}

	/** The texts queued to an address, oldest first. */
	List<String> queuedTo(String address) {
		return queuedTo(this.db, this.sealer, address);
	}

	static List<String> queuedTo(DatabaseClient db, Sealer sealer, String address) {
		return db.sql("select address_sealed, body_sealed from outbound order by id")
			.map(row -> new String[] { sealer.open(row.get("address_sealed", String.class)),
					sealer.open(row.get("body_sealed", String.class)) })
			.all()
			.filter(row -> row[0].equals(address))
			.map(row -> row[1])
			.collectList()
			.block();
	}

	String status(long messageId) {
		return column(messageId, "status");
	}

	/** A column of a message, as text ("null" where empty). */
	String column(long messageId, String column) {
		return column(this.db, messageId, column);
	}

	static String column(DatabaseClient db, long messageId, String column) {
		return db.sql("select " + column + " from message where id = :id")
			.bind("id", messageId)
			.map(row -> String.valueOf(row.get(column)))
			.one()
			.block();
	}

	long count(String sql) {
		return this.db.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block();
	}

	@Override
	public void close() {
		this.database.close();
	}

	/** Queues the reply's short text, as SMS does, without SMS's splitting. */
	static final class ShortText implements ReplyShaper {

		private final String channel;

		private final ReplyText text = new ReplyText(new Phrases(), CONVERSATION,
				app.waymark.conversation.CrisisLines.NATIONAL);

		ShortText(String channel) {
			this.channel = channel;
		}

		@Override
		public String channel() {
			return this.channel;
		}

		@Override
		public List<OutboundMessage> shape(Reply reply, InboundMessage to, Sender sender) {
			return List.of(new OutboundMessage(this.channel, to.address(), this.text.shortText(reply), null,
					OutboundMessage.Purpose.REPLY, sender.youngPersonId(), sender.workerId(), reply.kind().name()));
		}

	}

}
