package app.waymark.conversation;

import app.waymark.safeguarding.DangerCheck;
import app.waymark.system.SentenceEmbeddings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

	@Bean
	Phrases phrases() {
		return new Phrases();
	}

	@Bean
	DangerCheck dangerCheck(SentenceEmbeddings embeddings) {
		return DangerCheck.fromClasspath(embeddings);
	}

}
