package app.waymark.knowledge;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reload with the same articles keeps the index it has (start-up seeds the database
 * from the files and reads them straight back); any change to an article is searched at
 * once.
 */
class KnowledgeReloadTests {

	private static final String QUESTION = "can i get free bus travel";

	@Test
	void theSameArticlesAgainAnswerAsBeforeAndAChangedOneIsSearchedAtOnce() {
		KnowledgeBase files = KnowledgeFixtures.repositoryKnowledge();
		KnowledgeSearch search = new KnowledgeSearch(KnowledgeFixtures.SETTINGS, files,
				app.waymark.system.TestEmbeddings.shared());
		Article travel = search.answer(QUESTION).best().orElseThrow();

		KnowledgeBase again = KnowledgeBase.of(files.all(), List.of());
		search.load(again);
		assertThat(search.knowledge()).isSameAs(again);
		assertThat(search.answer(QUESTION).best()).contains(travel);

		List<Article> withoutTravel = files.all()
			.stream()
			.filter(article -> !article.id().equals(travel.id()))
			.toList();
		search.load(KnowledgeBase.of(withoutTravel, List.of()));
		assertThat(search.answer(QUESTION).best().map(Article::id)).isNotEqualTo(java.util.Optional.of(travel.id()));
		assertThat(search.answer(QUESTION).ranked()).extracting(SearchHit::id).doesNotContain(travel.id());
	}

}
