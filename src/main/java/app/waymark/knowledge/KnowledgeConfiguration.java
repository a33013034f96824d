package app.waymark.knowledge;

import java.nio.file.Files;

import app.waymark.system.SentenceEmbeddings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

	private static final Logger log = LoggerFactory.getLogger(KnowledgeConfiguration.class);

	/**
	 * Loads every article before the service takes traffic; a bad article stops start-up
	 * rather than leaving the bot half-informed.
	 */
	@Bean(destroyMethod = "close")
	KnowledgeSearch knowledgeSearch(KnowledgeSettings settings, SentenceEmbeddings embeddings) {
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
		KnowledgeSearch search = new KnowledgeSearch(settings, knowledge,
				ExampleQuestions.load(fromFolder ? settings.dir() : null), embeddings);
		search.loadSearchTerms(SearchTerms.load(fromFolder ? settings.dir() : null, knowledge));
		return search;
	}

}
