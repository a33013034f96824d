package app.waymark.safeguarding;

import java.nio.file.Path;
import java.util.List;

import app.waymark.knowledge.KnowledgeLoader;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.knowledge.KnowledgeSettings;
import app.waymark.knowledge.SearchTerms;
import app.waymark.system.TestEmbeddings;

/**
 * The danger check as the service builds it: the repository's rules and example bank,
 * with the repository's articles and their draft search terms as ordinary questions.
 * Built once per JVM.
 */
final class RepositoryDangerCheck {

	private static DangerCheck shared;

	private RepositoryDangerCheck() {
	}

	static synchronized DangerCheck shared() {
		if (shared == null) {
			shared = build(SemanticDetector.Thresholds.DEFAULT);
		}
		return shared;
	}

	static DangerCheck build(SemanticDetector.Thresholds thresholds) {
		return DangerCheck.fromClasspath(TestEmbeddings.shared(), ordinaryQuestions(), thresholds);
	}

	static List<String> ordinaryQuestions() {
		Path root = Path.of("knowledge");
		try (KnowledgeSearch search = new KnowledgeSearch(new KnowledgeSettings(root, "city-of-london", 0.5, 6.0, 1000),
				KnowledgeLoader.fromDirectory(root, "city-of-london"), null)) {
			search.loadSearchTerms(SearchTerms.load(root, search.knowledge()));
			return search.ordinaryQuestions();
		}
	}

}
