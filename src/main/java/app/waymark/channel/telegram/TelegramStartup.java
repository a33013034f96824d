package app.waymark.channel.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import reactor.core.publisher.Flux;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * Connects the bot to Telegram once the application is ready: in webhook mode it calls
 * {@code setWebhook} with our public URL and secret; in polling mode it long-polls
 * {@code getUpdates} (for development behind NAT, or where no public URL exists). Both
 * feed {@link TelegramUpdates#handle}.
 */
class TelegramStartup {

	private static final Logger log = LoggerFactory.getLogger(TelegramStartup.class);

	/** Every update type the bot acts on; others are never sent to us. */
	private static final java.util.List<String> ALLOWED = java.util.List.of("message", "edited_message",
			"callback_query", "my_chat_member");

	private final TelegramClient client;

	private final TelegramSettings settings;

	private final TelegramUpdates updates;

	private TelegramBotsLongPollingApplication polling;

	TelegramStartup(TelegramClient client, TelegramSettings settings, TelegramUpdates updates) {
		this.client = client;
		this.settings = settings;
		this.updates = updates;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (this.settings.polling()) {
			startPolling();
		}
		else {
			registerWebhook();
		}
	}

	void registerWebhook() {
		if (this.settings.publicBaseUrl().isBlank() || this.settings.webhookSecret().isBlank()) {
			log.warn("Telegram webhook mode needs WAYMARK_PUBLIC_BASE_URL and TELEGRAM_WEBHOOK_SECRET; "
					+ "the webhook was not registered");
			return;
		}
		SetWebhook request = SetWebhook.builder()
			.url(this.settings.webhookUrl())
			.secretToken(this.settings.webhookSecret())
			.allowedUpdates(ALLOWED)
			.build();
		// Asynchronous: start-up does not wait for Telegram; the outcome is logged.
		this.client.executeAsync(request)
			.whenComplete((ok, ex) -> log.info("Telegram setWebhook {}",
					ex == null ? "done" : "failed: " + ex.getClass().getSimpleName()));
	}

	void startPolling() {
		// BotSession deletes any webhook first: getUpdates does not work while one is
		// set.
		try {
			this.polling = new TelegramBotsLongPollingApplication();
			this.polling.registerBot(this.settings.botToken(), this.settings::telegramUrl,
					offset -> GetUpdates.builder().offset(offset).timeout(50).allowedUpdates(ALLOWED).build(),
					this::consume);
			log.info("Telegram long polling started");
		}
		catch (TelegramApiException ex) {
			log.warn("Telegram long polling could not start: {}", ex.getClass().getSimpleName());
		}
	}

	/**
	 * Updates of one poll, in order. Blocking is right here: the library's polling thread
	 * asks for the next batch only after this returns, so nothing is acknowledged (by the
	 * next offset) before it is stored.
	 */
	private void consume(java.util.List<Update> batch) {
		Flux.fromIterable(batch).concatMap(update -> this.updates.handle(update).onErrorResume(ex -> {
			log.warn("Telegram update {} failed: {}", update.getUpdateId(), ex.getClass().getSimpleName());
			return reactor.core.publisher.Mono.empty();
		})).blockLast();
	}

	@jakarta.annotation.PreDestroy
	void stop() throws Exception {
		if (this.polling != null) {
			this.polling.close();
		}
	}

}
