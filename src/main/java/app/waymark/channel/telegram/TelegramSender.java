package app.waymark.channel.telegram;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import app.waymark.channel.ChannelSender;
import app.waymark.channel.QueuedMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import reactor.core.publisher.Mono;

/**
 * Sends queued Telegram messages with {@code sendMessage}. Telegram allows about 30
 * messages a second overall ({@link #messagesPerSecond}) and about one a second per chat
 * ({@link #perAddressInterval}); the dispatcher keeps both across instances, so a message
 * to a chat written to too recently waits rather than risking a 429.
 *
 * <p>
 * The Bot API cannot list what a bot has sent, so it has no
 * {@link ChannelSender#findEarlier}: a message whose call was cut off (a crash or a
 * time-out after Telegram took it) is sent again, and Telegram stays at-least-once in
 * that window.
 *
 * @see <a href=
 * "https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this">Bot
 * limits</a>
 */
class TelegramSender implements ChannelSender {

	/**
	 * Every sendMessage call ends within this, answered or not (the sender's HTTP client
	 * has it as its call time-out; see {@link TelegramConfiguration}).
	 */
	static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

	private final TelegramClient client;

	private final TelegramSettings settings;

	private final TelegramReachability reachability;

	TelegramSender(TelegramClient client, TelegramSettings settings, TelegramReachability reachability) {
		this.client = client;
		this.settings = settings;
		this.reachability = reachability;
	}

	@Override
	public String channel() {
		return TelegramChannel.NAME;
	}

	@Override
	public double messagesPerSecond() {
		return this.settings.messagesPerSecond();
	}

	/**
	 * Telegram's one message a second per chat, kept by the dispatcher for all instances.
	 */
	@Override
	public Duration perAddressInterval() {
		return this.settings.perChatInterval();
	}

	@Override
	public LongestCall longestCall() {
		return new LongestCall(CALL_TIMEOUT, "the Telegram sender's fixed call time-out", null);
	}

	@Override
	public Mono<SendResult> send(QueuedMessage message) {
		SendMessage request;
		try {
			request = request(message);
		}
		catch (RuntimeException ex) {
			return Mono.just(new SendResult.Permanent("invalid message: " + ex.getClass().getSimpleName(), false));
		}
		return Mono.defer(() -> {
			try {
				return Mono.fromFuture(this.client.executeAsync(request));
			}
			catch (TelegramApiException ex) {
				return Mono.error(ex);
			}
		})
			.<SendResult>map(sent -> new SendResult.Sent(String.valueOf(sent.getMessageId()), 1))
			.onErrorResume(ex -> result(message, unwrap(ex)));
	}

	static SendMessage request(QueuedMessage message) {
		TelegramExtras extras = TelegramExtras.fromJson(message.extras());
		SendMessage.SendMessageBuilder<?, ?> builder = SendMessage.builder()
			.chatId(message.address())
			.text(message.text());
		if (extras.parseMode() != null) {
			builder.parseMode(extras.parseMode());
		}
		if (!extras.buttons().isEmpty()) {
			List<InlineKeyboardRow> rows = new ArrayList<>();
			for (List<TelegramExtras.Button> row : extras.buttons()) {
				InlineKeyboardRow keyboardRow = new InlineKeyboardRow();
				for (TelegramExtras.Button button : row) {
					keyboardRow
						.add(InlineKeyboardButton.builder().text(button.text()).callbackData(button.data()).build());
				}
				rows.add(keyboardRow);
			}
			builder.replyMarkup(InlineKeyboardMarkup.builder().keyboard(rows).build());
		}
		return builder.build();
	}

	private Mono<SendResult> result(QueuedMessage message, Throwable ex) {
		if (ex instanceof TelegramApiRequestException request && request.getErrorCode() != null) {
			int code = request.getErrorCode();
			if (code == 429) {
				Integer after = request.getParameters() != null ? request.getParameters().getRetryAfter() : null;
				return Mono.just(new SendResult.Retry("429 too many requests",
						after != null ? Duration.ofSeconds(after) : null));
			}
			if (code == 403) {
				// The user blocked the bot (or deleted their account): nothing sent there
				// will ever arrive.
				return this.reachability.unreachable(message.address(), "BLOCKED")
					.thenReturn(new SendResult.Permanent("403 bot blocked", true));
			}
			if (code >= 500) {
				return Mono.just(new SendResult.Retry(code + " server error", null));
			}
			// The description can quote the text ("can't parse entities: ... at byte
			// offset"): keep only the code.
			return Mono.just(new SendResult.Permanent(code + " refused", false));
		}
		if (ex instanceof IOException || ex instanceof TelegramApiException) {
			return Mono.just(new SendResult.Retry(ex.getClass().getSimpleName(), null));
		}
		return Mono.just(new SendResult.Retry(ex.getClass().getSimpleName(), null));
	}

	private static Throwable unwrap(Throwable ex) {
		Throwable current = ex;
		while ((current instanceof java.util.concurrent.CompletionException
				|| current instanceof java.util.concurrent.ExecutionException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
