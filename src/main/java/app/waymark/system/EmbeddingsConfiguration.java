package app.waymark.system;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one sentence embedding model of the service. It loads in the background from
 * start-up; readiness waits for it, so no message is checked for danger without it.
 */
@Configuration(proxyBeanMethods = false)
class EmbeddingsConfiguration {

	@Bean
	SentenceEmbeddings sentenceEmbeddings() {
		return SentenceEmbeddings.start();
	}

	@Bean
	HealthIndicator embeddingModel(SentenceEmbeddings embeddings) {
		return () -> embeddings.ready() ? Health.up().withDetail("model", SentenceEmbeddings.MODEL).build()
				: Health.outOfService().withDetail("model", SentenceEmbeddings.MODEL + " loading").build();
	}

}
