package app.waymark.knowledge;

import app.waymark.system.SentenceEmbeddings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

@Configuration(proxyBeanMethods = false)
class KnowledgeConfiguration {

	private final KnowledgeSettings settings;

	private final SentenceEmbeddings embeddings;

	/*
	 * Taken here, and the deployed knowledge made first (depends-on), so that what the
	 * search needs is made on the main thread and its background thread only builds.
	 */
	KnowledgeConfiguration(KnowledgeSettings settings, SentenceEmbeddings embeddings) {
		this.settings = settings;
		this.embeddings = embeddings;
	}

	@Bean
	DeployedKnowledge deployedKnowledge() {
		return DeployedKnowledge.read(this.settings);
	}

	/**
	 * Indexing every article is the largest part of start-up, so it runs on a background
	 * thread while the main one makes the rest of the context. The context is not
	 * refreshed, and nothing is served, until it is done; a failure stops start-up. Beans
	 * that use the search take it {@code @Lazy}.
	 */
	@Bean(destroyMethod = "close", bootstrap = Bean.Bootstrap.BACKGROUND)
	@DependsOn("deployedKnowledge")
	KnowledgeSearch knowledgeSearch(DeployedKnowledge knowledge) {
		KnowledgeSearch search = new KnowledgeSearch(this.settings, knowledge.articles(), knowledge.examples(),
				this.embeddings);
		search.loadSearchTerms(knowledge.searchTerms());
		return search;
	}

}
