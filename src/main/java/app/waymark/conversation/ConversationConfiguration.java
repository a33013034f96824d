package app.waymark.conversation;

import app.waymark.safeguarding.RiskClassifier;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

	@Bean
	Phrases phrases() {
		return new Phrases();
	}

	@Bean
	RiskClassifier riskClassifier() {
		return RiskClassifier.fromClasspath();
	}

}
