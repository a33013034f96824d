package app.waymark.admin;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import app.waymark.knowledge.Article;
import app.waymark.knowledge.KnowledgeBase;
import app.waymark.knowledge.KnowledgeLoader;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.knowledge.KnowledgeSettings;
import app.waymark.system.MutableClock;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The article tables on both databases: seeding, versions, publishing seen by a second
 * instance through the change counter, and export/import round trips.
 */
class ArticleStoreTests {

	static final KnowledgeSettings KNOWLEDGE = new KnowledgeSettings(Path.of("knowledge"), "city-of-london", 0.5, 6.0,
			100);

	static final AdminSettings NO_POLL = new AdminSettings(Duration.ZERO, 30);

	static final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

	static KnowledgeBase markdown() {
		return KnowledgeLoader.fromDirectory(Path.of("knowledge"), "city-of-london");
	}

	static ArticleStore store(TestDatabase database) {
		return new ArticleStore(database.client(), database.transactions(), clock);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aSecondInstancePicksUpAPublishThroughTheCounter(TestDatabase.Kind kind) {
		try (TestDatabase database = TestDatabase.create(kind);
				KnowledgeSearch first = new KnowledgeSearch(KNOWLEDGE, markdown(),
						app.waymark.system.TestEmbeddings.shared());
				KnowledgeSearch second = new KnowledgeSearch(KNOWLEDGE, markdown(),
						app.waymark.system.TestEmbeddings.shared())) {
			KnowledgeSync one = new KnowledgeSync(store(database), first, NO_POLL);
			KnowledgeSync two = new KnowledgeSync(store(database), second, NO_POLL);
			one.start();
			two.start(); // finds the tables seeded by the first and does not seed again
			ArticleStore store = store(database);
			assertThat(store.list().count().block()).isEqualTo(markdown().loaded().size());
			assertThat(second.answer("quokka marmalade").confident()).isFalse();
			assertThat(two.poll().block()).as("nothing changed yet").isFalse();

			Article quokka = new Article("quokka-marmalade", "Quokka marmalade", List.of("food"),
					List.of("quokka", "marmalade"), "Quokka marmalade is free for care leavers.",
					"https://example.org/q", LocalDate.of(2026, 11, 1), LocalDate.of(2027, 11, 1), "", "en", List.of(),
					"Quokka marmalade is free for care leavers at every library.", "national");
			store.create(quokka, null, "test", "new").block();
			assertThat(two.poll().block()).as("a draft changes nothing").isFalse();
			store.publish("national", "quokka-marmalade", 1).block();

			assertThat(two.poll().block()).isTrue();
			assertThat(second.answer("quokka marmalade").best()).map(Article::id).contains("quokka-marmalade");
			assertThat(one.poll().block()).isTrue();
			assertThat(first.answer("quokka marmalade").best()).map(Article::id).contains("quokka-marmalade");

			store.setStatus("national", "quokka-marmalade", ArticleStatus.RETIRED).block();
			assertThat(two.poll().block()).isTrue();
			assertThat(second.knowledge().find("quokka-marmalade")).isEmpty();
			one.stop();
			two.stop();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void editsAreNewVersionsAndOnlyThePublishedOneAnswers(TestDatabase.Kind kind) {
		try (TestDatabase database = TestDatabase.create(kind)) {
			ArticleStore store = store(database);
			store.seed(markdown()).block();
			Article railcard = store.published().filter(a -> a.id().equals("16-25-railcard")).blockFirst();
			Article edited = new Article(railcard.id(), "Railcard (edited)", railcard.topics(), railcard.keywords(),
					railcard.summary(), railcard.source(), railcard.lastReviewed(), railcard.reviewBy(),
					railcard.audience(), railcard.language(), railcard.supersedes(), railcard.body(), railcard.scope());
			assertThat(store.edit(edited, null, "test", "retitle").block()).isEqualTo(2);
			assertThat(store.published().filter(a -> a.id().equals("16-25-railcard")).blockFirst().title())
				.isEqualTo(railcard.title());
			store.publish("national", "16-25-railcard", 2).block();
			assertThat(store.published().filter(a -> a.id().equals("16-25-railcard")).blockFirst().title())
				.isEqualTo("Railcard (edited)");
			List<ArticleStore.Version> versions = store.versions("national", "16-25-railcard").collectList().block();
			assertThat(versions).extracting(ArticleStore.Version::version).containsExactly(2, 1);
			assertThat(versions).extracting(ArticleStore.Version::changeNote)
				.containsExactly("retitle", "Imported from the Markdown knowledge base");
			assertThat(versions.get(1).author()).isEqualTo("system");
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void exportImportExportIsByteIdentical(TestDatabase.Kind kind) {
		try (TestDatabase from = TestDatabase.create(kind); TestDatabase to = TestDatabase.create(kind)) {
			ArticleStore source = store(from);
			source.seed(markdown()).block();
			List<Article> published = source.published().collectList().block();
			byte[] first = ArticleArchive.write(published);

			ArticleStore target = store(to);
			assertThat(target.isEmpty().block()).isTrue();
			assertThat(target.importAll(ArticleArchive.read(first), null, "test").block()).isEqualTo(published.size());
			assertThat(target.importAll(ArticleArchive.read(first), null, "test").block()).as("again: nothing new")
				.isZero();
			List<Article> imported = target.published().collectList().block();
			byte[] second = ArticleArchive.write(imported);

			assertThat(imported).containsExactlyInAnyOrderElementsOf(published);
			assertThat(second).isEqualTo(first);
			// and the Markdown files themselves survive: the same articles as the folder
			assertThat(imported).containsExactlyInAnyOrderElementsOf(markdown().loaded());
		}
	}

}
