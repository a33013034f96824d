package app.waymark.channel.telegram;

/** Names shared by the Telegram channel's parts. */
final class TelegramChannel {

	static final String NAME = "telegram";

	private TelegramChannel() {
	}

}
