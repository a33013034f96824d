package app.waymark.people;

import java.time.Duration;
import java.util.stream.Stream;

import app.waymark.people.LinkAttempt.Outcome;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Issuing and redeeming one-time link codes, as a table, on both databases. */
class LinkCodeTests {

	static final String PHONE = "+447700900123";

	private PeopleDatabase people;

	@AfterEach
	void close() {
		if (this.people != null) {
			this.people.close();
		}
	}

	@ParameterizedTest(name = "\"{0}\" -> {1}")
	@CsvSource(delimiter = '|', nullValues = "null",
			value = { "ABCD-EF23|ABCDEF23", "abcd-ef23|ABCDEF23", "ABCDEF23|ABCDEF23", "  abcdef23  |ABCDEF23",
					"/start ABCD-EF23|ABCDEF23", "/start abcdef23|ABCDEF23", "whatever|null", "ABCD-EFGH|null",
					"ABC0-EF23|null", "ABCI-EF23|null", "ABCL-EF23|null", "ABCD-EF2|null", "ABCD-EF234|null",
					"my code is ABCD-EF23|null", "ABCD--EF23|null", "|null" })
	void codesAreRecognisedWithOrWithoutDashInAnyCase(String text, String code) {
		assertThat(LinkCodes.normalise(text)).isEqualTo(code);
	}

	@Test
	void generatedCodesUseTheUnambiguousAlphabetAndAlwaysRoundTrip() {
		LinkCodes codes = new LinkCodes(null, null, null);
		for (int i = 0; i < 2_000; i++) {
			String code = codes.generate();
			assertThat(code).hasSize(8).doesNotContainAnyWhitespaces().matches("[A-HJKMNP-Z2-9]{8}");
			assertThat(LinkCodes.normalise(LinkCodes.display(code).toLowerCase())).isEqualTo(code);
		}
	}

	/**
	 * What happens to an attempt: {@code typed} is how the young person types the issued
	 * code (or another text), {@code before} what happened first.
	 */
	static Stream<Arguments> redemptions() {
		return Stream.of(Arguments.of("valid", Before.NOTHING, Typed.AS_SHOWN, Outcome.LINKED),
				Arguments.of("lower case without dash", Before.NOTHING, Typed.LOWER_NO_DASH, Outcome.LINKED),
				Arguments.of("telegram deep link", Before.NOTHING, Typed.START_COMMAND, Outcome.LINKED),
				Arguments.of("wrong code", Before.NOTHING, Typed.WRONG, Outcome.INVALID),
				Arguments.of("not a code", Before.NOTHING, Typed.CHAT, Outcome.NOT_A_CODE),
				Arguments.of("expired after 72 hours", Before.WAIT_72_HOURS, Typed.AS_SHOWN, Outcome.EXPIRED),
				Arguments.of("still good at 71 hours", Before.WAIT_71_HOURS, Typed.AS_SHOWN, Outcome.LINKED),
				Arguments.of("reused from another phone", Before.USED_ELSEWHERE, Typed.AS_SHOWN, Outcome.USED),
				Arguments.of("throttled after five wrong codes", Before.FIVE_WRONG, Typed.AS_SHOWN, Outcome.THROTTLED),
				Arguments.of("four wrong codes are forgiven", Before.FOUR_WRONG, Typed.AS_SHOWN, Outcome.LINKED),
				Arguments.of("wrong codes an hour ago are forgotten", Before.FIVE_WRONG_AN_HOUR_AGO, Typed.AS_SHOWN,
						Outcome.LINKED),
				Arguments.of("phone linked to someone else", Before.LINKED_TO_OTHER, Typed.AS_SHOWN,
						Outcome.NEEDS_WORKER));
	}

	enum Before {

		NOTHING, WAIT_72_HOURS, WAIT_71_HOURS, USED_ELSEWHERE, FIVE_WRONG, FOUR_WRONG, FIVE_WRONG_AN_HOUR_AGO,
		LINKED_TO_OTHER

	}

	enum Typed {

		AS_SHOWN, LOWER_NO_DASH, START_COMMAND, WRONG, CHAT

	}

	@ParameterizedTest(name = "h2: {0}")
	@MethodSource("redemptions")
	void redeemOnH2(String label, Before before, Typed typed, Outcome expected) {
		redeem(TestDatabase.Kind.H2, before, typed, expected);
	}

	@ParameterizedTest(name = "postgres: {0}")
	@MethodSource("redemptions")
	void redeemOnPostgres(String label, Before before, Typed typed, Outcome expected) {
		redeem(TestDatabase.Kind.POSTGRES, before, typed, expected);
	}

	private void redeem(TestDatabase.Kind kind, Before before, Typed typed, Outcome expected) {
		this.people = new PeopleDatabase(kind);
		long worker = this.people.worker("ann@example.org", Role.WORKER, "North", false);
		long jo = this.people.youngPerson("Y1", "North", worker);
		long other = this.people.youngPerson("Y2", "North", worker);
		String code = this.people.linkCodes.forYoungPerson(jo, worker).block().code();
		assertThat(code).matches("[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}");
		switch (before) {
			case WAIT_72_HOURS -> this.people.clock.advance(Duration.ofHours(72));
			case WAIT_71_HOURS -> this.people.clock.advance(Duration.ofHours(71));
			case USED_ELSEWHERE -> assertThat(attempt("+447700900999", code)).isEqualTo(Outcome.LINKED);
			case FIVE_WRONG, FIVE_WRONG_AN_HOUR_AGO, FOUR_WRONG -> {
				for (int i = 0; i < (before == Before.FOUR_WRONG ? 4 : 5); i++) {
					assertThat(attempt(PHONE, "ZZZZ-2222")).isEqualTo(Outcome.INVALID);
				}
				if (before == Before.FIVE_WRONG_AN_HOUR_AGO) {
					this.people.clock.advance(Duration.ofMinutes(61));
				}
			}
			case LINKED_TO_OTHER -> {
				String otherCode = this.people.linkCodes.forYoungPerson(other, worker).block().code();
				assertThat(attempt(PHONE, otherCode)).isEqualTo(Outcome.LINKED);
			}
			default -> {
			}
		}
		String text = switch (typed) {
			case AS_SHOWN -> code;
			case LOWER_NO_DASH -> code.replace("-", "").toLowerCase();
			case START_COMMAND -> "/start " + code;
			case WRONG -> "ZZZZ-2222";
			case CHAT -> "can i get free bus travel?";
		};
		LinkAttempt result = this.people.identities.tryLink("sms", PHONE, text).block();
		assertThat(result.outcome()).isEqualTo(expected);
		Sender sender = this.people.identities.identify("sms", PHONE).block();
		if (expected == Outcome.LINKED) {
			assertThat(result.preferredName()).isEqualTo("Pref Y1");
			assertThat(sender.youngPersonId()).isEqualTo(jo);
			String stored = this.people.database.client()
				.sql("select address_sealed from channel_identity where young_person_id = :id")
				.bind("id", jo)
				.map(row -> row.get("address_sealed", String.class))
				.first()
				.block();
			assertThat(stored).doesNotContain("7700900123");
			assertThat(this.people.sealer.open(stored)).isEqualTo(PHONE);
		}
		else {
			assertThat(result.preferredName()).isNull();
			assertThat(java.util.Objects.equals(sender.youngPersonId(), jo)).isFalse();
		}
		// the code itself is never stored
		Long plain = this.people.database.client()
			.sql("select count(*) as n from link_code where code_hash = :code")
			.bind("code", code.replace("-", ""))
			.map(row -> row.get("n", Long.class))
			.one()
			.block();
		assertThat(plain).isZero();
	}

	@ParameterizedTest(name = "{0}")
	@org.junit.jupiter.params.provider.EnumSource(TestDatabase.Kind.class)
	void workersLinkTheirOwnPhones(TestDatabase.Kind kind) {
		this.people = new PeopleDatabase(kind);
		long worker = this.people.worker("ann@example.org", Role.WORKER, "North", false);
		String code = this.people.linkCodes.forWorker(worker, worker).block().code();
		LinkAttempt result = this.people.identities.tryLink("telegram", "123456789", code).block();
		assertThat(result.outcome()).isEqualTo(Outcome.LINKED);
		assertThat(this.people.identities.identify("telegram", "123456789").block().workerId()).isEqualTo(worker);
	}

	private Outcome attempt(String address, String text) {
		return this.people.identities.tryLink("sms", address, text).block().outcome();
	}

}
