package app.waymark.channel.telegram;

import java.net.URI;
import java.time.Duration;

import org.telegram.telegrambots.meta.TelegramUrl;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Telegram channel's settings ({@code waymark.telegram.*}, from the environment
 * variables in application.yml). Without a bot token the channel is off.
 *
 * @param botToken {@code TELEGRAM_BOT_TOKEN}, from BotFather; empty turns the channel off
 * @param botUsername {@code TELEGRAM_BOT_USERNAME}, without the @; commands addressed to
 * it ({@code /help@WaymarkBot}) are understood
 * @param webhookSecret {@code TELEGRAM_WEBHOOK_SECRET}: Telegram echoes it in
 * {@code X-Telegram-Bot-Api-Secret-Token}; 1-256 characters of A-Z a-z 0-9 _ -
 * @param mode {@code TELEGRAM_MODE}: webhook (default) or polling
 * @param apiBaseUrl {@code TELEGRAM_API_BASE_URL}: the Bot API server (tests point it at
 * a stub)
 * @param publicBaseUrl {@code WAYMARK_PUBLIC_BASE_URL}: where Telegram reaches this
 * service; the webhook is this plus /webhooks/telegram
 * @param messagesPerSecond overall sending rate (Telegram allows about 30)
 * @param perChatInterval least time between two messages to one chat (about 1 a second)
 */
@ConfigurationProperties("waymark.telegram")
public record TelegramSettings(@DefaultValue("") String botToken, @DefaultValue("") String botUsername,
		@DefaultValue("") String webhookSecret, @DefaultValue("webhook") String mode,
		@DefaultValue("https://api.telegram.org") String apiBaseUrl, @DefaultValue("") String publicBaseUrl,
		@DefaultValue("25") double messagesPerSecond, @DefaultValue("1s") Duration perChatInterval) {

	public boolean enabled() {
		return this.botToken != null && !this.botToken.isBlank();
	}

	public boolean polling() {
		return "polling".equalsIgnoreCase(this.mode);
	}

	/** The Bot API server as TelegramBots wants it: schema, host and port. */
	public TelegramUrl telegramUrl() {
		URI uri = URI.create(this.apiBaseUrl.strip());
		int port = uri.getPort() != -1 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
		return new TelegramUrl(uri.getScheme(), uri.getHost(), port, false);
	}

	public String webhookUrl() {
		return this.publicBaseUrl.strip().replaceAll("/+$", "") + TelegramWebhook.PATH;
	}

	@Override
	public String toString() {
		// Never print the token or the secret.
		return "TelegramSettings[mode=" + this.mode + ", apiBaseUrl=" + this.apiBaseUrl + "]";
	}

}
