package app.waymark.knowledge;

import java.util.List;
import java.util.Map;

import app.waymark.system.TestEmbeddings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An article's example questions are passages it is found by, an article about danger's
 * too: the homelessness article (topic "crisis") answers "homeless soon" questions.
 */
class ExampleQuestionsSearchTests {

	// words the homelessness article does not use
	static final String QUESTION = "my mates sofa is all i have and he wants me gone by sunday";

	@Test
	void anArticleAboutDangerIsFoundByItsExampleQuestionsToo() {
		KnowledgeBase knowledge = KnowledgeFixtures.repositoryKnowledge();
		assertThat(knowledge.find("homelessness")).get()
			.satisfies(article -> assertThat(article.topics()).contains(KnowledgeSearch.CRISIS_TOPIC));
		try (KnowledgeSearch without = new KnowledgeSearch(KnowledgeFixtures.SETTINGS, knowledge,
				TestEmbeddings.shared());
				KnowledgeSearch with = new KnowledgeSearch(KnowledgeFixtures.SETTINGS, knowledge,
						TestEmbeddings.shared())) {
			with.loadExamples(Map.of("homelessness", List.of(QUESTION)));

			assertThat(homelessness(with).meaning()).isGreaterThan(homelessness(without).meaning() + 0.05);
			assertThat(homelessness(with).vote()).isGreaterThan(homelessness(without).vote());
		}
	}

	private static KnowledgeSearch.Candidate homelessness(KnowledgeSearch search) {
		return search.candidates(QUESTION)
			.stream()
			.filter(candidate -> candidate.id().equals("homelessness"))
			.findFirst()
			.orElse(new KnowledgeSearch.Candidate("homelessness", 0, 0, 0, 0, 0, null));
	}

}
