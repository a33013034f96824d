package app.waymark.knowledge;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The knowledge as deployed: the articles of the knowledge folder (or, without one, those
 * bundled in the application), their example questions and their draft search terms in
 * other languages. Reading them is quick; indexing them ({@link KnowledgeSearch}) is not,
 * so the two are separate, and the danger check takes its ordinary questions from here
 * without waiting for the index.
 *
 * @param articles the articles
 * @param examples per article id, the example questions it is also found by; under
 * {@code ExampleQuestions.OFF_TOPIC}, messages no article answers
 * @param searchTerms per language, the draft search terms ({@link SearchTerms})
 */
public record DeployedKnowledge(KnowledgeBase articles, Map<String, List<String>> examples,
		Map<String, List<Article>> searchTerms) {

	private static final Logger log = LoggerFactory.getLogger(DeployedKnowledge.class);

	public DeployedKnowledge {
		examples = Map.copyOf(examples);
		searchTerms = Map.copyOf(searchTerms);
	}

	/**
	 * Reads the knowledge folder of the settings, or the articles bundled in the
	 * application when there is no such folder. A bad article stops start-up rather than
	 * leaving the bot half-informed.
	 */
	public static DeployedKnowledge read(KnowledgeSettings settings) {
		KnowledgeBase knowledge;
		boolean fromFolder = Files.isDirectory(settings.dir());
		if (fromFolder) {
			knowledge = KnowledgeLoader.fromDirectory(settings.dir(), settings.localFolder());
			log.info("Loaded {} articles from {} (local folder '{}')", knowledge.size(),
					settings.dir().toAbsolutePath(), settings.localFolder());
		}
		else {
			knowledge = KnowledgeLoader.fromClasspath(settings.localFolder());
			log.info("Knowledge folder {} not found; loaded {} articles bundled in the application (local folder '{}')",
					settings.dir().toAbsolutePath(), knowledge.size(), settings.localFolder());
		}
		return new DeployedKnowledge(knowledge, ExampleQuestions.load(fromFolder ? settings.dir() : null),
				SearchTerms.load(fromFolder ? settings.dir() : null, knowledge));
	}

	/**
	 * The ordinary questions the danger check takes as harmless examples: those
	 * {@link KnowledgeSearch#ordinaryQuestions()} gives once these files are indexed, at
	 * start-up, before the articles are loaded from the database.
	 * @return the texts
	 */
	public List<String> ordinaryQuestions() {
		return KnowledgeSearch.ordinaryQuestions(this.articles, this.searchTerms);
	}

}
