package app.waymark.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import app.waymark.knowledge.Article;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The translation tables on both databases: versions, publish and review, and that only a
 * published, reviewed translation of a published article reaches the search.
 */
class TranslationStoreTests {

	static final String SUMMARY = "يحصل الشباب الذين غادروا الرعاية على مربى الكوكا مجانا.";

	static TranslationStore translations(TestDatabase database) {
		return new TranslationStore(database.client(), database.transactions(), ArticleStoreTests.clock);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void onlyAPublishedReviewedTranslationAnswers(TestDatabase.Kind kind) {
		try (TestDatabase database = TestDatabase.create(kind);
				KnowledgeSearch search = new KnowledgeSearch(ArticleStoreTests.KNOWLEDGE, ArticleStoreTests.markdown(),
						app.waymark.system.TestEmbeddings.shared())) {
			ArticleStore store = ArticleStoreTests.store(database);
			TranslationStore translations = translations(database);
			KnowledgeSync sync = new KnowledgeSync(store, translations, search, ArticleStoreTests.NO_POLL);
			sync.start();
			Article quokka = new Article("quokka-jam", "Quokka jam", List.of("food"), List.of("quokka", "jam"),
					"Quokka jam is free for care leavers.", "https://example.org/q", LocalDate.of(2026, 11, 1),
					LocalDate.of(2027, 11, 1), "", "en", List.of(), "Quokka jam is free for care leavers.", "national");
			store.create(quokka, null, "test", "new").block();
			store.publish("national", "quokka-jam", 1).block();
			TranslationStore.Words words = new TranslationStore.Words("مربى الكوكا", List.of("مربى الكوكا", "كوكا"),
					SUMMARY, SUMMARY);
			assertThat(translations.save("national", "quokka-jam", "ar", words, null, "test", "draft").block())
				.isEqualTo(1);
			assertThat(translations.save("national", "quokka-jam", "ar", words, null, "test", "again").block())
				.isEqualTo(2);
			translations.publish("national", "quokka-jam", "ar").block();
			assertThat(translations.summary("national", "quokka-jam", "ar").block()).satisfies(t -> {
				assertThat(t.publishedVersion()).isEqualTo(2);
				assertThat(t.translationStatus()).isEqualTo(TranslationStore.TranslationStatus.NEEDS_REVIEW);
				assertThat(t.answering()).isFalse();
			});
			assertThat(sync.poll().block()).as("publishing bumps the counter").isTrue();
			assertThat(search.translatedLanguages()).isEmpty();

			assertThat(translations.all().collectList().block()).singleElement()
				.satisfies(t -> assertThat(t.reviewedBy()).isNull());
			translations.markReviewed("national", "quokka-jam", "ar", "reviewer@example.org").block();
			assertThat(translations.all().collectList().block()).singleElement().satisfies(t -> {
				assertThat(t.reviewedBy()).isEqualTo("reviewer@example.org");
				assertThat(t.reviewedAt()).isNotNull();
				assertThat(t.summary().translationStatus()).isEqualTo(TranslationStore.TranslationStatus.REVIEWED);
			});
			assertThat(translations.current("national", "quokka-jam", "ar").block()).isEqualTo(words);
			sync.poll().block();
			assertThat(search.translatedLanguages()).containsExactly("ar");
			assertThat(search.answer("كيف أحصل على مربى الكوكا؟", "ar").best()).map(Article::summary).contains(SUMMARY);
			assertThat(search.find("quokka-jam", "ar")).map(Article::source).contains("https://example.org/q");

			// retiring the English article takes its translations out of the search too
			store.setStatus("national", "quokka-jam", ArticleStatus.RETIRED).block();
			sync.poll().block();
			assertThat(search.translatedLanguages()).isEmpty();
			assertThat(translations.answering(List.of()).block()).isEmpty();
			assertThat(translations.list("national", "quokka-jam").collectList().block()).hasSize(1);
			sync.stop();
		}
	}

}
