package app.waymark.knowledge;

import java.nio.file.Path;

/** The repository's own knowledge base, searched the way the service searches it. */
final class KnowledgeFixtures {

	static final KnowledgeSettings SETTINGS = new KnowledgeSettings(Path.of("knowledge"), "city-of-london", 0.5, 6.0,
			1000);

	private static KnowledgeSearch search;

	private KnowledgeFixtures() {
	}

	static KnowledgeBase repositoryKnowledge() {
		return KnowledgeLoader.fromDirectory(SETTINGS.dir(), SETTINGS.localFolder());
	}

	static synchronized KnowledgeSearch repositorySearch() {
		if (search == null) {
			search = new KnowledgeSearch(SETTINGS, repositoryKnowledge(), app.waymark.system.TestEmbeddings.shared());
			// as the service loads it: the example questions, the draft search terms of
			// every language
			search.loadExamples(ExampleQuestions.load(SETTINGS.dir()));
			search.loadSearchTerms(SearchTerms.load(SETTINGS.dir(), search.knowledge()));
		}
		return search;
	}

}
