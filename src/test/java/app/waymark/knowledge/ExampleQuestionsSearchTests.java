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

	@Test
	void offTopicMessagesTakeTheLeadAwayFromTheArticleTheyResemble() {
		KnowledgeBase knowledge = KnowledgeFixtures.repositoryKnowledge();
		Map<String, List<String>> examples = ExampleQuestions.load(java.nio.file.Path.of("knowledge"));
		assertThat(examples).containsKey(ExampleQuestions.OFF_TOPIC);
		Map<String, List<String>> articlesOnly = new java.util.HashMap<>(examples);
		articlesOnly.remove(ExampleQuestions.OFF_TOPIC);
		// not one of the off-topic messages word for word
		String question = "tv licence do i need one for youtube";
		try (KnowledgeSearch without = new KnowledgeSearch(KnowledgeFixtures.SETTINGS, knowledge,
				TestEmbeddings.shared());
				KnowledgeSearch with = new KnowledgeSearch(KnowledgeFixtures.SETTINGS, knowledge,
						TestEmbeddings.shared())) {
			without.loadExamples(articlesOnly);
			with.loadExamples(examples);

			assertThat(without.answer(question).confident()).isTrue();
			assertThat(lead(with, question)).isLessThan(lead(without, question) - 0.02);
			assertThat(with.answer(question).confident()).isFalse();
			assertThat(with.candidates(question)).extracting(KnowledgeSearch.Candidate::id)
				.contains(ExampleQuestions.OFF_TOPIC);
			assertThat(with.answer(question).ranked()).extracting(SearchHit::id)
				.doesNotContain(ExampleQuestions.OFF_TOPIC);
		}
	}

	@Test
	void offTopicMessagesAreAListUnderMessages() {
		assertThat(
				ExampleQuestions.parseOffTopic("off-topic.yml", "messages:\n  - \" whats 2+2 \"\n  - \"whats 2+2\"\n"))
			.containsExactly("whats 2+2");
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> ExampleQuestions.parseOffTopic("off-topic.yml", "- just a list"))
			.isInstanceOf(KnowledgeLoadException.class)
			.hasMessageContaining("messages");
	}

	/** The best article's lead by meaning over everything else near the question. */
	private static double lead(KnowledgeSearch search, String question) {
		return search.candidates(question)
			.stream()
			.filter(candidate -> !candidate.id().equals(ExampleQuestions.OFF_TOPIC))
			.mapToDouble(KnowledgeSearch.Candidate::meaningLead)
			.max()
			.orElseThrow();
	}

	private static KnowledgeSearch.Candidate homelessness(KnowledgeSearch search) {
		return search.candidates(QUESTION)
			.stream()
			.filter(candidate -> candidate.id().equals("homelessness"))
			.findFirst()
			.orElse(new KnowledgeSearch.Candidate("homelessness", 0, 0, 0, 0, 0, null));
	}

}
