package app.waymark.knowledge;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knowledge read apart from its index: the danger check takes its harmless examples
 * from here while the index is still being built, so they must be the index's own.
 */
class DeployedKnowledgeTests {

	@Test
	void ordinaryQuestionsAreTheIndexedSearchsOwnInTheSameOrder() {
		DeployedKnowledge deployed = DeployedKnowledge.read(KnowledgeFixtures.SETTINGS);

		assertThat(deployed.ordinaryQuestions()).hasSizeGreaterThan(500)
			.containsExactlyElementsOf(KnowledgeFixtures.repositorySearch().ordinaryQuestions());
	}

	@Test
	void readsTheSameArticlesExamplesAndSearchTermsAsTheServiceIndexes() {
		DeployedKnowledge deployed = DeployedKnowledge.read(KnowledgeFixtures.SETTINGS);

		assertThat(deployed.articles().all())
			.containsExactlyInAnyOrderElementsOf(KnowledgeFixtures.repositoryKnowledge().all());
		assertThat(deployed.examples()).isEqualTo(ExampleQuestions.load(KnowledgeFixtures.SETTINGS.dir()));
		assertThat(deployed.searchTerms().keySet()).contains("ar", "fa", "sq", "vi");
	}

	@Test
	void withoutAKnowledgeFolderTheBundledArticlesAreRead() {
		KnowledgeSettings missing = new KnowledgeSettings(Path.of("target/no-such-knowledge-folder"),
				KnowledgeFixtures.SETTINGS.localFolder(), 0.5, 6.0, 1000);

		DeployedKnowledge deployed = DeployedKnowledge.read(missing);

		assertThat(deployed.articles().all()).extracting(Article::id)
			.contains("crisis-help", "free-bus-and-tram-travel");
		assertThat(deployed.ordinaryQuestions()).isNotEmpty();
	}

}
