package app.waymark.channel;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import app.waymark.people.LinkedYoungPerson;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.r2dbc.core.DatabaseClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a worker's reply goes, the one rule the API and the worker app share: a linked,
 * reachable, opted-in identity on a channel that reaches people later; the channel the
 * young person last wrote from first, then their plan's order, the web chat last.
 */
class RepliesTests {

	static final OffsetDateTime AT = OffsetDateTime.parse("2026-11-24T10:00:00Z");

	private final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	private TestDatabase database;

	@AfterEach
	void close() {
		if (this.database != null) {
			this.database.close();
		}
	}

	/** Adds to a young person who is linked by SMS at +447700900001. */
	interface Setup extends BiConsumer<World, Long> {

	}

	record World(DatabaseClient db, Sealer sealer) {

		void identity(long youngPerson, String channel, String address, boolean unreachable) {
			this.db.sql(
					"insert into channel_identity (channel, address_hash, address_sealed, young_person_id, verified_at, "
							+ "unreachable_at) values (:channel, :hash, :sealed, :id, :at, "
							+ (unreachable ? ":at" : "null") + ")")
				.bind("channel", channel)
				.bind("hash", this.sealer.hash(address))
				.bind("sealed", this.sealer.seal(address))
				.bind("id", youngPerson)
				.bind("at", AT)
				.then()
				.block();
		}

		void consent(String channel, String address, boolean optedIn) {
			this.db
				.sql("insert into consent (channel, address_hash, opted_in, source, recorded_at) "
						+ "values (:channel, :hash, :in, 'USER', :at)")
				.bind("channel", channel)
				.bind("hash", this.sealer.hash(address))
				.bind("in", optedIn)
				.bind("at", AT)
				.then()
				.block();
		}

		void plan(long youngPerson, String order) {
			this.db
				.sql("insert into check_in_plan (young_person_id, frequency, channel_order, next_due_at, updated_at) "
						+ "values (:id, 'WEEKLY', :order, :at, :at)")
				.bind("id", youngPerson)
				.bind("order", order)
				.bind("at", AT)
				.then()
				.block();
		}

		void wroteFrom(long youngPerson, String channel, String address) {
			this.db
				.sql("insert into message (channel, direction, address_hash, young_person_id, status, created_at, "
						+ "updated_at) values (:channel, 'IN', :hash, :id, 'REPLIED', :at, :at)")
				.bind("channel", channel)
				.bind("hash", this.sealer.hash(address))
				.bind("id", youngPerson)
				.bind("at", AT.plusMinutes(5))
				.then()
				.block();
		}

	}

	static Stream<Arguments> cases() {
		return Stream.of(Arguments.of("only SMS", (Setup) (w, id) -> {
		}, "sms"), Arguments.of("SMS opted out, nothing else", (Setup) (w, id) -> w.consent("sms", PHONE, false), null),
				Arguments.of("Telegram unreachable", (Setup) (w, id) -> w.identity(id, "telegram", "555", true), "sms"),
				Arguments.of("plan puts Telegram first", (Setup) (w, id) -> {
					w.identity(id, "telegram", "555", false);
					w.plan(id, "telegram,sms");
				}, "telegram"), Arguments.of("plan puts SMS first", (Setup) (w, id) -> {
					w.identity(id, "telegram", "555", false);
					w.plan(id, "sms,telegram");
				}, "sms"), Arguments.of("they last wrote on Telegram", (Setup) (w, id) -> {
					w.identity(id, "telegram", "555", false);
					w.plan(id, "sms,telegram");
					w.wroteFrom(id, "telegram", "555");
				}, "telegram"), Arguments.of("web chat only once SMS is opted out", (Setup) (w, id) -> {
					w.consent("sms", PHONE, false);
					w.identity(id, "web", "conversation-1", false);
				}, "web"), Arguments.of("web chat comes after a phone", (Setup) (w, id) -> {
					w.identity(id, "web", "conversation-1", false);
				}, "sms"));
	}

	static final String PHONE = "+447700900001";

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void aReplyGoesToTheFirstChannelThatReachesThem(String label, Setup setup, String expected) {
		for (TestDatabase.Kind kind : TestDatabase.Kind.values()) {
			this.database = TestDatabase.create(kind);
			World world = new World(this.database.client(), this.sealer);
			long id = LinkedYoungPerson.insert(world.db(), this.sealer, "sms", PHONE, AT);
			setup.accept(world, id);
			Replies replies = new Replies(world.db(), this.sealer, null, TestChannels.all(), null);
			Replies.Address address = replies.address(id).block();
			assertThat(address == null ? null : address.channel()).as(kind.name()).isEqualTo(expected);
			this.database.close();
			this.database = null;
		}
	}

}
