package app.waymark.conversation;

import app.waymark.knowledge.DeployedKnowledge;
import app.waymark.system.EmbeddedDatabase;
import app.waymark.system.StartupRefused;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import app.waymark.safeguarding.DangerCheck;
import app.waymark.system.SentenceEmbeddings;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConversationConfiguration {

	private final SentenceEmbeddings embeddings;

	private final DeployedKnowledge knowledge;

	/*
	 * Taken here, so that what the danger check needs is made on the main thread and its
	 * background thread only builds.
	 */
	ConversationConfiguration(SentenceEmbeddings embeddings, DeployedKnowledge knowledge) {
		this.embeddings = embeddings;
		this.knowledge = knowledge;
	}

	@Bean
	Phrases phrases() {
		return new Phrases();
	}

	/**
	 * A young person with nowhere safe to sleep tonight must be given the council's own
	 * out-of-hours number: a real deployment (any database but the embedded one) does not
	 * start without it.
	 */
	@Bean
	InitializingBean outOfHoursNumberRequired(ConversationSettings settings,
			@Value("${spring.r2dbc.url:}") String databaseUrl) {
		return () -> requireOutOfHoursNumber(settings, databaseUrl);
	}

	static void requireOutOfHoursNumber(ConversationSettings settings, String databaseUrl) {
		if (settings.outOfHoursNumber().isBlank() && !EmbeddedDatabase.is(databaseUrl)) {
			throw new StartupRefused(
					"WAYMARK_OUT_OF_HOURS_NUMBER is not set: a crisis reply to someone with nowhere safe to sleep "
							+ "tonight could not give the council's out-of-hours number.",
					"Set WAYMARK_OUT_OF_HOURS_NUMBER to the council's out-of-hours social care number, "
							+ "checked against the council's own page.");
		}
	}

	/**
	 * Built on a background thread, beside the knowledge search, while the main one makes
	 * the rest of the context: the two are most of start-up. The context is not
	 * refreshed, and nothing is served, until it is done. Its ordinary questions come
	 * from the deployed knowledge, so it does not wait for the search's index. Beans that
	 * use it take it {@code @Lazy}.
	 */
	@Bean(bootstrap = Bean.Bootstrap.BACKGROUND)
	DangerCheck dangerCheck() {
		return DangerCheck.fromClasspath(this.embeddings, this.knowledge.ordinaryQuestions());
	}

}
