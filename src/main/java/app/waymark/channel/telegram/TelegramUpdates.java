package app.waymark.channel.telegram;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.waymark.channel.InboundMessage;
import app.waymark.checkin.Answer;
import app.waymark.channel.Inbox;
import app.waymark.channel.MessageLog;
import app.waymark.channel.OutboundMessage;
import app.waymark.channel.OutboundQueue;
import app.waymark.conversation.ConversationSettings;
import app.waymark.conversation.Phrases;
import app.waymark.people.Identities;
import app.waymark.safeguarding.RiskClassifier;
import app.waymark.safeguarding.RiskLevel;
import app.waymark.people.LinkAttempt;
import app.waymark.people.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.chatmember.ChatMemberUpdated;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One Telegram update in, whichever way it came (webhook or long polling). Text, photo
 * captions and button presses go to the {@link Inbox} like any channel's message;
 * Telegram's own commands ({@code /start CODE}, {@code /stop}, {@code /language}) and
 * updates without text are answered here. The update id is the provider id, so a
 * redelivered update is stored once and answered once.
 */
class TelegramUpdates {

	private static final Logger log = LoggerFactory.getLogger(TelegramUpdates.class);

	/**
	 * Languages offered by /language, shown when a phrase file exists for them (draft
	 * files included: everyday sentences use them, crisis sentences stay reviewed).
	 */
	private static final List<String> LANGUAGES = List.of("en", "ar", "fa", "ps", "ckb", "ti", "am", "vi", "fr");

	private final Inbox inbox;

	private final MessageLog messages;

	private final OutboundQueue queue;

	private final Identities identities;

	private final Phrases phrases;

	private final ConversationSettings conversation;

	private final TelegramShaper shaper;

	private final TelegramReachability reachability;

	private final TelegramClient client;

	private final TelegramSettings settings;

	private final Clock clock;

	private final RiskClassifier risks;

	TelegramUpdates(Inbox inbox, MessageLog messages, OutboundQueue queue, Identities identities, Phrases phrases,
			ConversationSettings conversation, TelegramShaper shaper, TelegramReachability reachability,
			TelegramClient client, TelegramSettings settings, Clock clock, RiskClassifier risks) {
		this.risks = risks;
		this.inbox = inbox;
		this.messages = messages;
		this.queue = queue;
		this.identities = identities;
		this.phrases = phrases;
		this.conversation = conversation;
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
			return direct(chatId, providerId, "", language, "NOT_TEXT", sender -> Mono.just(
					plain(chatId, sender, this.phrases.get(language, "telegram.type-please"), List.of(), "NOT_TEXT")));
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
			case "start" -> payload.isEmpty() ? start(chatId, providerId, text, language)
					: link(chatId, providerId, text, payload, language);
			case "help", "topics", "menu" -> ask(chatId, providerId, "topics", language);
			case "more" -> ask(chatId, providerId, "more", language);
			case "stop" -> stop(chatId, providerId, text, language);
			case "language" -> payload.isEmpty()
					? direct(chatId, providerId, text, language, "LANGUAGE",
							sender -> Mono.just(plain(chatId, sender, this.phrases.get(language, "telegram.language"),
									languageButtons(), "LANGUAGE")))
					: ask(chatId, providerId, "LANGUAGE " + payload, language);
			default -> ask(chatId, providerId, word + (payload.isEmpty() ? "" : " " + payload), language);
		};
	}

	private Mono<Void> start(String chatId, String providerId, String text, String language) {
		return direct(chatId, providerId, text, language, "GREETING", sender -> {
			String greeting = sender.preferredName() != null
					? this.phrases.get(language, "greeting.named", sender.preferredName())
					: this.phrases.get(language, "greeting");
			String reply = greeting + "\n\n" + this.phrases.get(language, "telegram.how");
			// /start after /stop turns messages back on, as the opt-out reply promises.
			Mono<Void> optIn = sender.optedOut()
					? this.identities.recordConsent(TelegramChannel.NAME, chatId, true, "TELEGRAM") : Mono.empty();
			return optIn.thenReturn(plain(chatId, sender, reply,
					TelegramExtras.topicButtons(this.conversation.menuTopics()), "GREETING"));
		});
	}

	private Mono<Void> link(String chatId, String providerId, String text, String code, String language) {
		return direct(chatId, providerId, text, language, "LINK",
				sender -> this.identities.tryLink(TelegramChannel.NAME, chatId, code).map(attempt -> {
					String reply = switch (attempt.outcome()) {
						case LINKED -> this.phrases.get(language, "greeting.named",
								attempt.preferredName() != null ? attempt.preferredName() : "");
						case NOT_A_CODE -> this.phrases.get(language, "link.not-a-code");
						case INVALID -> this.phrases.get(language, "link.invalid");
						case EXPIRED -> this.phrases.get(language, "link.expired");
						case USED -> this.phrases.get(language, "link.used");
						case THROTTLED -> this.phrases.get(language, "link.throttled");
						case NEEDS_WORKER -> this.phrases.get(language, "link.needs-worker");
					};
					return plain(chatId, sender, reply, List.of(), "LINK_" + attempt.outcome().name());
				}));
	}

	private Mono<Void> stop(String chatId, String providerId, String text, String language) {
		return direct(chatId, providerId, text, language, "OPTED_OUT", sender -> this.identities
			.recordConsent(TelegramChannel.NAME, chatId, false, "TELEGRAM")
			.thenReturn(
					plain(chatId, sender, this.phrases.get(language, "telegram.opted-out"), List.of(), "OPTED_OUT")));
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
		else if (data.startsWith("topic:") && data.length() > 6) {
			route = ask(chatId, providerId, data.substring(6), language);
		}
		else if (data.startsWith("checkin:") && Answer.buttonText(data.substring(8)) != null) {
			// a check-in answer button reads as if they had typed it
			route = ask(chatId, providerId, Answer.buttonText(data.substring(8)), language);
		}
		else if (data.matches("ack:\\d{1,18}")) {
			// a worker's "Acknowledge" button on an alert: the inbox hands it to alerts
			route = ask(chatId, providerId, "ACK " + data.substring(4), language);
		}
		else if (data.equals("cmd:topics")) {
			route = ask(chatId, providerId, "topics", language);
		}
		else if (data.matches("lang:[a-z]{2,3}")) {
			// the same as typing "LANGUAGE xx": remembered, stored on a linked profile
			route = ask(chatId, providerId, "LANGUAGE " + data.substring(5), language);
		}
		else if (data.startsWith("lang:")) {
			route = direct(chatId, providerId, data, language, "LANGUAGE", sender -> Mono.just(plain(chatId, sender,
					this.phrases.get(language, "telegram.language.noted"), List.of(), "LANGUAGE")));
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

	/** Stores an update as seen, with no reply, so a redelivery is recognised. */
	private Mono<Void> seen(String chatId, String providerId, String kind) {
		return direct(chatId, providerId, "", null, kind, sender -> Mono.just(List.of()));
	}

	/**
	 * Stores the message (a redelivery stops here), then queues what {@code reply} makes
	 * of it.
	 */
	private Mono<Void> direct(String chatId, String providerId, String text, String language, String kind,
			java.util.function.Function<Sender, Mono<List<OutboundMessage>>> reply) {
		InboundMessage message = new InboundMessage(TelegramChannel.NAME, chatId, text, language, this.clock.instant());
		return this.identities.identify(TelegramChannel.NAME, chatId)
			.flatMap(sender -> this.messages
				.recordInbound(message, providerId, sender.youngPersonId(), sender.workerId())
				.flatMap(this.messages::settle)
				.flatMap(stored -> stored.duplicate() ? Mono.empty()
						: reply.apply(sender)
							.flatMapMany(Flux::fromIterable)
							.concatMap(this.queue::enqueue)
							.then(this.messages.replied(stored.id(), kind, null, true))));
	}

	private List<OutboundMessage> plain(String chatId, Sender sender, String text,
			List<List<TelegramExtras.Button>> buttons, String kind) {
		return TelegramShaper.messages(chatId, text, null, buttons, sender, kind);
	}

	private List<List<TelegramExtras.Button>> languageButtons() {
		List<List<TelegramExtras.Button>> rows = new ArrayList<>();
		for (String code : LANGUAGES) {
			if (this.phrases.own(code, "status").isPresent()) {
				Locale locale = Locale.forLanguageTag(code);
				rows.add(List.of(new TelegramExtras.Button(locale.getDisplayLanguage(locale), "lang:" + code)));
			}
		}
		return rows;
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
