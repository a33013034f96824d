package app.waymark.channel.telegram;

import app.waymark.channel.DeliveryFailures;

import java.time.Clock;

import app.waymark.channel.Inbox;
import app.waymark.conversation.ConversationSettings;
import app.waymark.conversation.Phrases;
import app.waymark.conversation.ReplyText;
import app.waymark.people.Identities;
import app.waymark.safeguarding.DangerCheck;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import org.springframework.context.annotation.Lazy;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The Telegram channel's beans, made only when a bot token is set. Without one the
 * channel is off, says so once at start-up, and its webhook answers 404.
 */
@Configuration(proxyBeanMethods = false)
class TelegramConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TelegramConfiguration.class);

	@Configuration(proxyBeanMethods = false)
	@Conditional(TokenSet.class)
	static class Enabled {

		@Bean
		TelegramClient telegramClient(TelegramSettings settings) {
			return new OkHttpTelegramClient(settings.botToken(), settings.telegramUrl());
		}

		@Bean
		TelegramReachability telegramReachability(Identities identities, DeliveryFailures outbox,
				TransactionalOperator transaction, ApplicationEventPublisher events) {
			return new TelegramReachability(identities, outbox, transaction, events);
		}

		@Bean
		TelegramShaper telegramShaper(ReplyText replyText, Phrases phrases, Identities identities,
				ConversationSettings conversation) {
			return new TelegramShaper(replyText, new TelegramCommands(phrases, identities, conversation));
		}

		@Bean
		TelegramUpdates telegramUpdates(Inbox inbox, TelegramShaper shaper, TelegramReachability reachability,
				TelegramClient client, TelegramSettings settings, Clock clock, @Lazy DangerCheck risks) {
			return new TelegramUpdates(inbox, shaper, reachability, client, settings, clock, risks);
		}

		/**
		 * Sending has a client of its own whose calls end within
		 * {@link TelegramSender#CALL_TIMEOUT}, so a send ends before its outbound lease
		 * (the shared one has no overall limit: a long poll waits up to 50 s).
		 */
		@Bean
		TelegramSender telegramSender(TelegramSettings settings, TelegramReachability reachability) {
			OkHttpClient http = new OkHttpClient.Builder().callTimeout(TelegramSender.CALL_TIMEOUT).build();
			return new TelegramSender(new OkHttpTelegramClient(http, settings.botToken(), settings.telegramUrl()),
					settings, reachability);
		}

		@Bean
		TelegramStartup telegramStartup(TelegramClient client, TelegramSettings settings, TelegramUpdates updates) {
			return new TelegramStartup(client, settings, updates);
		}

	}

	@EventListener(ApplicationReadyEvent.class)
	void announce(ApplicationReadyEvent event) {
		TelegramSettings settings = event.getApplicationContext().getBean(TelegramSettings.class);
		if (!settings.enabled()) {
			log.info("Telegram channel is off: TELEGRAM_BOT_TOKEN is not set");
		}
	}

	static class TokenSet implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String token = context.getEnvironment().getProperty("waymark.telegram.bot-token");
			return token != null && !token.isBlank();
		}

	}

}
