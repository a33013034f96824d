package app.waymark.channel.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.waymark.channel.ChannelReply;
import app.waymark.channel.Choice;
import app.waymark.channel.InboundMessage;
import app.waymark.conversation.ConversationSettings;
import app.waymark.conversation.Phrases;
import app.waymark.people.Identities;
import app.waymark.people.Sender;
import reactor.core.publisher.Mono;

/**
 * Telegram's own commands, answered by the channel rather than the conversation core:
 * {@code /start} (a greeting, or with a payload a link code), {@code /stop},
 * {@code /language}, and a message with no text. {@link TelegramUpdates} stores each in
 * the one form read here, so the inbox answers it the same whether it was just received
 * or is found unanswered later.
 */
class TelegramCommands {

	/** What a message without text (a sticker, a voice note) is stored as. */
	static final String NO_TEXT = "";

	static final String START = "/start";

	static final String STOP = "/stop";

	static final String LANGUAGE = "/language";

	/**
	 * Languages offered by /language, shown when a phrase file exists for them (draft
	 * files included: everyday sentences use them, crisis sentences stay reviewed).
	 */
	private static final List<String> LANGUAGES = List.of("en", "ar", "fa", "ps", "ckb", "ti", "am", "vi", "fr");

	private final Phrases phrases;

	private final Identities identities;

	private final ConversationSettings conversation;

	TelegramCommands(Phrases phrases, Identities identities, ConversationSettings conversation) {
		this.phrases = phrases;
		this.identities = identities;
		this.conversation = conversation;
	}

	/**
	 * The reply to one of these commands, or empty for anything else. The phrases are in
	 * the language Telegram gave with the command.
	 */
	Mono<ChannelReply> reply(InboundMessage message, Sender sender) {
		String text = message.text().strip();
		String language = message.language();
		String chatId = message.address();
		if (text.equals(NO_TEXT)) {
			return Mono.just(plain(chatId, sender, this.phrases.get(language, "telegram.type-please"), List.of(),
					"NOT_TEXT", null));
		}
		String[] parts = text.split("\\s+", 2);
		String word = parts[0].toLowerCase(Locale.ROOT);
		String payload = parts.length > 1 ? parts[1].strip() : "";
		int at = word.indexOf('@');
		if (at > 0) {
			// "/start@WaymarkBot" in a chat with several bots
			word = word.substring(0, at);
		}
		return switch (word) {
			case START -> payload.isEmpty() ? Mono.just(start(chatId, sender, language))
					: link(chatId, sender, payload, language);
			case STOP -> Mono.just(plain(chatId, sender, this.phrases.get(language, "telegram.opted-out"), List.of(),
					"OPTED_OUT", false));
			// with a payload: a language button that names no language we offer
			case LANGUAGE -> Mono.just(payload.isEmpty()
					? plain(chatId, sender, this.phrases.get(language, "telegram.language"), languageButtons(),
							"LANGUAGE", null)
					: plain(chatId, sender, this.phrases.get(language, "telegram.language.noted"), List.of(),
							"LANGUAGE", null));
			default -> Mono.empty();
		};
	}

	private ChannelReply start(String chatId, Sender sender, String language) {
		String greeting = sender.preferredName() != null
				? this.phrases.get(language, "greeting.named", sender.preferredName())
				: this.phrases.get(language, "greeting");
		String reply = greeting + "\n\n" + this.phrases.get(language, "telegram.how");
		// /start after /stop turns messages back on, as the opt-out reply promises.
		return plain(chatId, sender, reply, this.conversation.menuTopics().stream().map(Choice::topic).toList(),
				"GREETING", sender.optedOut() ? true : null);
	}

	private Mono<ChannelReply> link(String chatId, Sender sender, String code, String language) {
		return this.identities.tryLink(TelegramChannel.NAME, chatId, code).map(attempt -> {
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
			return new ChannelReply("LINK",
					TelegramShaper.messages(chatId, reply, null, List.of(), sender, "LINK_" + attempt.outcome().name()),
					null);
		});
	}

	private static ChannelReply plain(String chatId, Sender sender, String text, List<Choice> choices, String kind,
			Boolean optedIn) {
		return new ChannelReply(kind, TelegramShaper.messages(chatId, text, null, choices, sender, kind), optedIn);
	}

	private List<Choice> languageButtons() {
		List<Choice> rows = new ArrayList<>();
		for (String code : LANGUAGES) {
			if (this.phrases.own(code, "status").isPresent()) {
				Locale locale = Locale.forLanguageTag(code);
				rows.add(new Choice(locale.getDisplayLanguage(locale), "lang:" + code, "LANGUAGE " + code));
			}
		}
		return rows;
	}

}
