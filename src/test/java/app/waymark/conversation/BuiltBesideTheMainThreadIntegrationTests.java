package app.waymark.conversation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The knowledge search and the danger check are most of start-up's own work, so they are
 * built on background threads while the main one makes the rest (the beans that use them
 * hold lazy references; the chat and webhook tests go through those).
 */
@SpringBootTest
@AutoConfigureWebTestClient
class BuiltBesideTheMainThreadIntegrationTests {

	@Autowired
	ConfigurableApplicationContext context;

	@ParameterizedTest
	@ValueSource(strings = { "knowledgeSearch", "dangerCheck" })
	void isBuiltInTheBackground(String bean) {
		AbstractBeanDefinition definition = (AbstractBeanDefinition) this.context.getBeanFactory()
			.getBeanDefinition(bean);
		assertThat(definition.isBackgroundInit()).isTrue();
		// without an executor Spring builds them on the main thread, silently
		assertThat(this.context.getBeanFactory().getBootstrapExecutor()).isNotNull();
	}

}
