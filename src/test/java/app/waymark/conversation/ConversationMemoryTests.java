package app.waymark.conversation;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/** Conversation memory on both databases the service runs on. */
class ConversationMemoryTests {

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void remembersEachPartForItsOwnTime(TestDatabase.Kind kind) {
		try (TestDatabase database = TestDatabase.create(kind)) {
			MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
			ConversationMemory memory = new ConversationMemory(database.client(),
					new Sealer(new SecureRandom().generateSeed(32)), clock);
			memory.choseLanguage("sms", "+447700900001", "ps").block();
			memory.gaveArticle("sms", "+447700900001", "staying-put", false).block();
			memory.offeredChoices("sms", "+447700900001", List.of("a", "b", "c")).block();
			ConversationMemory.Recalled now = memory.recall("sms", "+447700900001").block();
			assertThat(now)
				.isEqualTo(new ConversationMemory.Recalled("staying-put", List.of("a", "b", "c"), "ps", false));
			assertThat(memory.recall("sms", "+447700900002").block()).isEqualTo(ConversationMemory.Recalled.NOTHING);
			assertThat(memory.recall("telegram", "+447700900001").block())
				.isEqualTo(ConversationMemory.Recalled.NOTHING);

			clock.advance(ConversationMemory.CHOICES_KEPT.plusSeconds(1));
			assertThat(memory.recall("sms", "+447700900001").block().choices()).isEmpty();
			clock.advance(ConversationMemory.ARTICLE_KEPT);
			assertThat(memory.recall("sms", "+447700900001").block().lastArticle()).isNull();
			assertThat(memory.recall("sms", "+447700900001").block().language()).isEqualTo("ps");
			clock.advance(ConversationMemory.LANGUAGE_KEPT);
			assertThat(memory.recall("sms", "+447700900001").block()).isEqualTo(ConversationMemory.Recalled.NOTHING);
			assertThat(memory.forgetOld().block()).isEqualTo(1);
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aNewArticleSettlesTheChoicesOffered(TestDatabase.Kind kind) {
		try (TestDatabase database = TestDatabase.create(kind)) {
			ConversationMemory memory = new ConversationMemory(database.client(),
					new Sealer(new SecureRandom().generateSeed(32)),
					new MutableClock(Instant.parse("2026-12-04T10:00:00Z")));
			memory.offeredChoices("web", "c1", List.of("a", "b")).block();
			memory.gaveArticle("web", "c1", "b", false).block();
			assertThat(memory.recall("web", "c1").block().choices()).isEmpty();
			assertThat(memory.recall("web", "c1").block().lastArticle()).isEqualTo("b");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void remembersForADayThatMoreWasSaid(TestDatabase.Kind kind) {
		try (TestDatabase database = TestDatabase.create(kind)) {
			MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
			ConversationMemory memory = new ConversationMemory(database.client(),
					new Sealer(new SecureRandom().generateSeed(32)), clock);
			memory.gaveArticle("sms", "+447700900001", "staying-put", true).block();
			clock.advance(ConversationMemory.MORE_HINT_KEPT.minusMinutes(1));
			// a later answer without the hint does not restart the day
			memory.gaveArticle("sms", "+447700900001", "council-tax", false).block();
			assertThat(memory.recall("sms", "+447700900001").block().toldMore()).isTrue();
			assertThat(memory.recall("sms", "+447700900002").block().toldMore()).isFalse();
			assertThat(memory.recall("telegram", "+447700900001").block().toldMore()).isFalse();
			clock.advance(java.time.Duration.ofMinutes(1));
			assertThat(memory.recall("sms", "+447700900001").block().toldMore()).isFalse();
			assertThat(memory.recall("sms", "+447700900001").block().lastArticle()).isEqualTo("council-tax");
		}
	}

	/**
	 * Two instances remembering for one new sender at once: both writes land, no error.
	 */
	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void instancesWritingAtOnceNeverFail(TestDatabase.Kind kind) {
		try (TestDatabase database = TestDatabase.create(kind)) {
			Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));
			MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
			ConversationMemory a = new ConversationMemory(database.client(), sealer, clock);
			ConversationMemory b = new ConversationMemory(database.client(), sealer, clock);
			Flux.range(0, 40)
				.flatMap(i -> (i % 2 == 0 ? a.gaveArticle("sms", "+4477009" + (i / 2), "x", true)
						: b.choseLanguage("sms", "+4477009" + (i / 2), "fa"))
					.subscribeOn(Schedulers.parallel()), 8)
				.then()
				.block(Duration.ofSeconds(30));
			for (int i = 0; i < 20; i++) {
				ConversationMemory.Recalled recalled = a.recall("sms", "+4477009" + i).block();
				assertThat(recalled.lastArticle()).isEqualTo("x");
				assertThat(recalled.language()).isEqualTo("fa");
				assertThat(recalled.toldMore()).isTrue();
			}
		}
	}

}
