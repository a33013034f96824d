package app.waymark.workerapp;

import java.util.Locale;
import java.util.Map;

/**
 * The codes the tables hold (alert reasons, safeguarding categories, message kinds,
 * check-in answers) in the words a worker reads. An unknown code still reads as words,
 * never as SHOUTING_CODE.
 */
final class Words {

	private Words() {
	}

	/** The safeguarding categories of the risk rules and the example bank. */
	private static final Map<String, String> CATEGORIES = Map.ofEntries(Map.entry("suicide", "Suicide risk"),
			Map.entry("self-harm", "Self-harm"), Map.entry("overdose", "Overdose"),
			Map.entry("medical-emergency", "Medical emergency"), Map.entry("violence", "Violence"),
			Map.entry("domestic-abuse", "Domestic abuse"), Map.entry("exploitation", "Exploitation"),
			Map.entry("sexual-exploitation", "Sexual exploitation"),
			Map.entry("criminal-exploitation", "Criminal exploitation"), Map.entry("trafficking", "Trafficking"),
			Map.entry("no-safe-place-tonight", "Nowhere safe tonight"), Map.entry("money", "Money worries"),
			Map.entry("eviction", "Eviction"), Map.entry("loneliness", "Loneliness"),
			Map.entry("cannot-cope", "Can't cope"), Map.entry("visa-status", "Immigration status"));

	private static final Map<String, String> REASONS = Map.ofEntries(Map.entry("CRISIS", "Crisis message"),
			Map.entry("CONCERN", "Worrying message"), Map.entry("NEED_HELP", "Said they need help at a check-in"),
			Map.entry("CHECK_IN_MESSAGE", "Wrote back to a check-in"),
			Map.entry("ASKED_FOR_WORKER", "Asked for their worker"),
			Map.entry("UNANSWERED", "Their message was not answered"),
			Map.entry("DELIVERY_FAILED", "A message to them could not be delivered"),
			Map.entry("UNREACHABLE", "A channel can no longer reach them"),
			Map.entry("NO_CHANNEL", "No way to reach them"), Map.entry("NOT_HEARD_FROM", "Not heard from"),
			Map.entry("SILENT", "Not heard from"));

	/** What the bot's replies were, by message kind. */
	private static final Map<String, String> KINDS = Map.ofEntries(Map.entry("ANSWER", "Answer"),
			Map.entry("FULL_ANSWER", "Full answer"), Map.entry("MENU", "Topic menu"), Map.entry("NOT_SURE", "Not sure"),
			Map.entry("CHOOSE", "Did you mean"), Map.entry("CRISIS", "Crisis reply"), Map.entry("CHECK_IN", "Check-in"),
			Map.entry("CHECK_IN_REMINDER", "Check-in reminder"), Map.entry("ANNOUNCEMENT", "Announcement"),
			Map.entry("HANDOVER", "Passed to their worker"), Map.entry("LANGUAGE_SET", "Language set"));

	private static final Map<String, String> ANSWERS = Map.of("GOOD", "Good", "OK", "OK", "NEED_HELP", "I need help",
			"FREE_TEXT", "Wrote back in their own words");

	/**
	 * What an alert is about: its safeguarding category when it has one, otherwise its
	 * reason.
	 */
	static String alertTopic(String reason, String category) {
		if (category != null && CATEGORIES.containsKey(category.toLowerCase(Locale.ROOT))) {
			return CATEGORIES.get(category.toLowerCase(Locale.ROOT));
		}
		return reason(reason);
	}

	static String category(String category) {
		return category == null ? null : CATEGORIES.getOrDefault(category.toLowerCase(Locale.ROOT), plain(category));
	}

	static String reason(String reason) {
		return reason == null ? "Alert" : REASONS.getOrDefault(reason, plain(reason));
	}

	static String kind(String kind) {
		return kind == null ? "Message" : KINDS.getOrDefault(kind, plain(kind));
	}

	static String answer(String answer) {
		return answer == null ? null : ANSWERS.getOrDefault(answer, plain(answer));
	}

	static String channel(String channel) {
		if (channel == null) {
			return "no channel";
		}
		return switch (channel) {
			case "sms" -> "SMS";
			case "web" -> "web chat";
			case "telegram" -> "Telegram";
			case "whatsapp" -> "WhatsApp";
			default -> channel;
		};
	}

	/** SOME_CODE or some-code as "Some code". */
	static String plain(String code) {
		String words = code.replace('_', ' ').replace('-', ' ').strip().toLowerCase(Locale.ROOT);
		return words.isEmpty() ? code : Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
