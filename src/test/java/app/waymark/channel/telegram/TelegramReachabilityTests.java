package app.waymark.channel.telegram;

import app.waymark.channel.ChatUnreachable;
import app.waymark.channel.DeliveryFailed;
import app.waymark.channel.DeliveryFailureHandler;
import app.waymark.channel.DeliveryFailures;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import app.waymark.people.Identities;
import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** Blocking and unblocking the bot, on both databases the service runs on. */
class TelegramReachabilityTests {

	static final String CHAT = "424242";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

	private final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	private final List<Object> events = new ArrayList<>();

	private TestDatabase database;

	private TelegramReachability reachability;

	private DeliveryFailures outbox;

	/** What the outbox handed over: every handler sees a blocked chat this way. */
	private final List<ChatUnreachable> handled = new ArrayList<>();

	private Identities identities;

	private void open(TestDatabase.Kind kind) {
		this.database = TestDatabase.create(kind);
		this.identities = new Identities(this.database.client(), this.sealer, this.clock);
		DeliveryFailureHandler alerts = new DeliveryFailureHandler() {

			@Override
			public Mono<Void> on(DeliveryFailed failed) {
				return Mono.empty();
			}

			@Override
			public Mono<Void> on(ChatUnreachable unreachable) {
				return Mono.fromRunnable(() -> TelegramReachabilityTests.this.handled.add(unreachable));
			}

		};
		this.outbox = new DeliveryFailures(this.database.client(), List.of(alerts), this.clock);
		this.reachability = new TelegramReachability(this.identities, this.outbox, this.database.transactions(),
				this.events::add);
	}

	@AfterEach
	void close() {
		if (this.database != null) {
			this.database.close();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void blockingMarksTheLinkedIdentityAndOptsOutUnblockingUndoesBoth(TestDatabase.Kind kind) {
		open(kind);
		long youngPerson = link();
		this.reachability.unreachable(CHAT, "BLOCKED").block();
		assertThat(reason()).isEqualTo("BLOCKED");
		assertThat(this.identities.identify("telegram", CHAT).block().optedOut()).isTrue();
		assertThat(this.events).containsExactly(new ChatUnreachable("telegram", youngPerson, null, "BLOCKED"));
		assertThat(count("select count(*) from delivery_failure where kind = 'UNREACHABLE'"))
			.as("kept for the alert until a handler has taken it")
			.isEqualTo(1);
		assertThat(this.outbox.relayOnce().block()).isEqualTo(1);
		assertThat(this.handled).containsExactly(new ChatUnreachable("telegram", youngPerson, null, "BLOCKED"));
		assertThat(count("select count(*) from delivery_failure")).isZero();
		// told twice (403 after my_chat_member): one opt-out row, not two
		this.reachability.unreachable(CHAT, "BLOCKED").block();
		assertThat(count("select count(*) from consent")).isEqualTo(1);

		this.reachability.reachable(CHAT).block();
		assertThat(reason()).isNull();
		assertThat(this.identities.identify("telegram", CHAT).block().optedOut()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void unblockingLeavesAStopInForce(TestDatabase.Kind kind) {
		open(kind);
		this.identities.recordConsent("telegram", CHAT, false, "TELEGRAM").block();
		this.clock.advance(java.time.Duration.ofMinutes(1));
		this.reachability.unreachable(CHAT, "BLOCKED").block();
		this.clock.advance(java.time.Duration.ofMinutes(1));
		this.reachability.reachable(CHAT).block();
		assertThat(this.identities.identify("telegram", CHAT).block().optedOut()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void anUnlinkedChatIsOptedOutWithoutAnEvent(TestDatabase.Kind kind) {
		open(kind);
		this.reachability.unreachable(CHAT, "BLOCKED").block();
		assertThat(this.identities.identify("telegram", CHAT).block().optedOut()).isTrue();
		assertThat(this.events).isEmpty();
		assertThat(count("select count(*) from channel_identity")).isZero();
		assertThat(count("select count(*) from delivery_failure")).isZero();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void whenTheOutboxRowCannotBeWrittenTheChatIsNotMarkedEither(TestDatabase.Kind kind) {
		open(kind);
		link();
		this.database.client().sql("drop table delivery_failure").then().block();
		org.assertj.core.api.Assertions.assertThatThrownBy(() -> this.reachability.unreachable(CHAT, "BLOCKED").block())
			.isNotNull();
		assertThat(reason()).as("rolled back with the outbox row: the next 403 tries again").isNull();
		assertThat(count("select count(*) from consent")).isZero();
		assertThat(this.events).isEmpty();
	}

	private long link() {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		long id = this.database.client()
			.sql("insert into young_person (case_reference, name, created_at, updated_at) "
					+ "values ('C9', 'Test Person', :now, :now)")
			.bind("now", now)
			.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
		this.database.client()
			.sql("insert into channel_identity (channel, address_hash, address_sealed, young_person_id, verified_at) "
					+ "values ('telegram', :hash, :sealed, :id, :now)")
			.bind("hash", this.sealer.hash(CHAT))
			.bind("sealed", this.sealer.seal(CHAT))
			.bind("id", id)
			.bind("now", now)
			.then()
			.block();
		return id;
	}

	private String reason() {
		return this.database.client()
			.sql("select unreachable_reason from channel_identity")
			.map(row -> java.util.Optional.ofNullable(row.get(0, String.class)))
			.one()
			.block()
			.orElse(null);
	}

	private long count(String sql) {
		return this.database.client().sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block();
	}

}
