package app.waymark.admin;

import app.waymark.knowledge.KnowledgeSearch;

import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AdminConfiguration {

	@Bean
	KnowledgeSync knowledgeSync(ArticleStore store, TranslationStore translations, @Lazy KnowledgeSearch search,
			AdminSettings settings) {
		return new KnowledgeSync(store, translations, search, settings);
	}

}
