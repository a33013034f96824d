package app.waymark.channel.telegram;

import java.time.Clock;
import java.util.Locale;

import app.waymark.channel.Choice;
import app.waymark.channel.InboundMessage;
import app.waymark.channel.Inbox;
import app.waymark.safeguarding.DangerCheck;
import app.waymark.safeguarding.RiskLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import reactor.core.publisher.Mono;

/**
 * One Telegram update in, whichever way it came (webhook or long polling). Everything
 * with a chat goes to the {@link Inbox}, which stores it and answers it: text, photo
 * captions and button presses through the conversation core, Telegram's own commands
 * ({@code /start CODE}, {@code /stop}, {@code /language}) and updates without text
 * through {@link TelegramCommands}. The update id is the provider id, so a redelivered
 * update is stored once and answered once.
 */
class TelegramUpdates {

	private static final Logger log = LoggerFactory.getLogger(TelegramUpdates.class);

	private final Inbox inbox;

	private final TelegramShaper shaper;

	private final TelegramReachability reachability;

	private final TelegramClient client;

	private final TelegramSettings settings;

	private final Clock clock;

	private final DangerCheck risks;

	TelegramUpdates(Inbox inbox, TelegramShaper shaper, TelegramReachability reachability, TelegramClient client,
			TelegramSettings settings, Clock clock, DangerCheck risks) {
		this.risks = risks;
		this.inbox = inbox;
		this.shaper = shaper;
		this.reachability = reachability;
		this.client = client;
		this.settings = settings;
		this.clock = clock;
	}

	/** Handles one update; completes empty and never signals an error for odd input. */
	Mono<Void> handle(Update update) {
		if (update == null || update.getUpdateId() == null) {
			return Mono.empty();
		}
		String providerId = "u" + update.getUpdateId();
		if (update.hasMessage()) {
			return message(update.getMessage(), providerId);
		}
		if (update.hasCallbackQuery()) {
			return callback(update.getCallbackQuery(), providerId);
		}
		if (update.hasEditedMessage()) {
			Message edited = update.getEditedMessage();
			// An edit is not a new question; answering it again would confuse.
			return isPrivate(edited) ? seen(chatId(edited), providerId, "EDITED") : Mono.empty();
		}
		if (update.hasMyChatMember()) {
			return membership(update.getMyChatMember(), update.getUpdateId());
		}
		// channel posts, group membership, polls, reactions: not for this bot.
		log.debug("Telegram update {} ignored", update.getUpdateId());
		return Mono.empty();
	}

	private Mono<Void> message(Message message, String providerId) {
		if (!isPrivate(message)) {
			// Waymark is for private chats only: what is said in a group is not ours to
			// store.
			log.debug("Telegram update {} from a group ignored", providerId);
			return Mono.empty();
		}
		String chatId = chatId(message);
		String language = language(message.getFrom() != null ? message.getFrom().getLanguageCode() : null);
		String text = message.hasText() ? message.getText() : message.getCaption();
		if (text == null || text.isBlank()) {
			// sticker, voice, location, photo without caption...
			return ask(chatId, providerId, TelegramCommands.NO_TEXT, language);
		}
		String trimmed = text.strip();
		if (trimmed.startsWith("/")) {
			return command(chatId, providerId, trimmed, language);
		}
		return ask(chatId, providerId, trimmed, language);
	}

	private Mono<Void> command(String chatId, String providerId, String text, String language) {
		int space = indexOfWhitespace(text);
		String word = (space < 0 ? text : text.substring(0, space)).substring(1);
		String payload = space < 0 ? "" : text.substring(space).strip();
		int at = word.indexOf('@');
		if (at >= 0) {
			// "/help@WaymarkBot" in a chat with several bots
			word = word.substring(0, at);
		}
		if (!payload.isEmpty() && this.risks.assess(payload).level() != RiskLevel.NONE) {
			// "/start i want to die": the words matter more than the command
			return ask(chatId, providerId, payload, language);
		}
		return switch (word.toLowerCase(Locale.ROOT)) {
			// answered by TelegramCommands, from the text as sent
			case "start", "stop" -> ask(chatId, providerId, text, language);
			case "help", "topics", "menu" -> ask(chatId, providerId, "topics", language);
			case "more" -> ask(chatId, providerId, "more", language);
			case "language" -> payload.isEmpty() ? ask(chatId, providerId, text, language)
					: ask(chatId, providerId, "LANGUAGE " + payload, language);
			default -> ask(chatId, providerId, word + (payload.isEmpty() ? "" : " " + payload), language);
		};
	}

	private Mono<Void> callback(CallbackQuery query, String providerId) {
		String chatId = query.getMessage() != null ? String.valueOf(query.getMessage().getChatId())
				: query.getFrom() != null ? String.valueOf(query.getFrom().getId()) : null;
		if (query.getMessage() != null && query.getMessage().getChat() != null
				&& !"private".equals(query.getMessage().getChat().getType())) {
			return answerCallback(query);
		}
		String language = language(query.getFrom() != null ? query.getFrom().getLanguageCode() : null);
		String data = query.getData() == null ? "" : query.getData();
		Mono<Void> route;
		if (chatId == null) {
			route = Mono.empty();
		}
		else if (Choice.words(data) != null) {
			// a choice Waymark offered: read as the words it stands for, payload kept
			route = press(chatId, providerId, data, language);
		}
		else if (data.startsWith("lang:")) {
			// a language we do not offer (an old button): noted, nothing changed
			route = ask(chatId, providerId, TelegramCommands.LANGUAGE + " " + data, language);
		}
		else {
			route = seen(chatId, providerId, "UNKNOWN_BUTTON");
		}
		return answerCallback(query).then(route);
	}

	/**
	 * Sent at once, not queued: until it is answered the user's button shows a spinner,
	 * and a callback query can only be answered within seconds, so a queued answer would
	 * often arrive too late. It carries nothing the user needs, so a failure is only
	 * logged.
	 */
	private Mono<Void> answerCallback(CallbackQuery query) {
		if (query.getId() == null) {
			return Mono.empty();
		}
		AnswerCallbackQuery answer = AnswerCallbackQuery.builder().callbackQueryId(query.getId()).build();
		return Mono.defer(() -> {
			try {
				return Mono.fromFuture(this.client.executeAsync(answer));
			}
			catch (TelegramApiException ex) {
				return Mono.error(ex);
			}
		}).onErrorResume(ex -> {
			log.info("answerCallbackQuery failed: {}", ex.getClass().getSimpleName());
			return Mono.empty();
		}).then();
	}

	private Mono<Void> membership(ChatMemberUpdated change, int updateId) {
		if (change.getChat() == null || !"private".equals(change.getChat().getType())
				|| change.getNewChatMember() == null) {
			return Mono.empty();
		}
		String chatId = String.valueOf(change.getChat().getId());
		String status = change.getNewChatMember().getStatus();
		log.info("Telegram update {}: bot membership now {}", updateId, status);
		return switch (status == null ? "" : status) {
			case "kicked" -> this.reachability.unreachable(chatId, "BLOCKED");
			case "member" -> this.reachability.reachable(chatId);
			default -> Mono.empty();
		};
	}

	/** A question (or a word the conversation core knows) for the inbox. */
	private Mono<Void> ask(String chatId, String providerId, String text, String language) {
		InboundMessage message = new InboundMessage(TelegramChannel.NAME, chatId, text, language, this.clock.instant());
		return this.inbox.receive(message, providerId, this.shaper).then();
	}

	private Mono<Void> press(String chatId, String providerId, String payload, String language) {
		InboundMessage message = InboundMessage.pressed(TelegramChannel.NAME, chatId, payload, language,
				this.clock.instant());
		return this.inbox.receive(message, providerId, this.shaper).then();
	}

	/** Stores an update as seen, with no reply, so a redelivery is recognised. */
	private Mono<Void> seen(String chatId, String providerId, String kind) {
		return this.inbox.seen(new InboundMessage(TelegramChannel.NAME, chatId, "", null, this.clock.instant()),
				providerId, kind);
	}

	private static boolean isPrivate(Message message) {
		return message.getChat() != null && "private".equals(message.getChat().getType());
	}

	private static String chatId(Message message) {
		return String.valueOf(message.getChatId());
	}

	private static int indexOfWhitespace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	/** Telegram sends an IETF tag ("en", "pt-br"); the phrases want ISO 639-1. */
	static String language(String tag) {
		if (tag == null) {
			return null;
		}
		String primary = tag.split("[-_]")[0].toLowerCase(Locale.ROOT);
		return primary.matches("[a-z]{2,3}") ? primary : null;
	}

}
