package app.waymark.safeguarding;

import java.nio.file.Path;
import java.util.List;

import app.waymark.knowledge.DeployedKnowledge;
import app.waymark.knowledge.KnowledgeSettings;
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

	/** As the service builds it, but without glossaries: what the glossaries change. */
	static DangerCheck withoutGlossaries() {
		return DangerCheck.fromClasspath(TestEmbeddings.shared(), ordinaryQuestions(),
				SemanticDetector.Thresholds.DEFAULT, new Glossary(java.util.Map.of()));
	}

	static List<String> ordinaryQuestions() {
		// as the service takes them (DeployedKnowledge), from the repository's knowledge
		return DeployedKnowledge.read(new KnowledgeSettings(Path.of("knowledge"), "city-of-london", 0.5, 6.0, 1000))
			.ordinaryQuestions();
	}

}
