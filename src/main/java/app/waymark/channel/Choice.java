package app.waymark.channel;

import java.util.List;
import java.util.Locale;

/**
 * One answer a message offers, in no channel's terms: each channel shows it its own way
 * (a Telegram button, "Reply 1, 2 or 3" by SMS), and a press comes back as
 * {@link InboundMessage#choice()}.
 *
 * @param label what a button shows ("1 Good", "Acknowledge")
 * @param payload what a press carries back, a word and a value ({@code ack:12},
 * {@code checkin:GOOD}, {@code topic:housing}); Telegram takes at most 64 bytes
 * @param typed what a reader types to give the same answer on a channel without buttons
 * ("ACK 12", "1")
 */
public record Choice(String label, String payload, String typed) {

	/**
	 * The words a pressed payload stands for, as if the person had typed them, so the
	 * conversation core and the features read a press and a typed answer alike. Null for
	 * a payload Waymark never offers (an old or forged button).
	 */
	public static String words(String payload) {
		if (payload == null) {
			return null;
		}
		if (payload.startsWith("topic:") && payload.length() > 6) {
			return payload.substring(6);
		}
		if (payload.matches("pick:[1-9]")) {
			// a "did you mean" choice: its number
			return payload.substring(5);
		}
		if (payload.matches("ack:\\d{1,18}")) {
			// a worker acknowledging an alert: the inbox hands it to alerts
			return "ACK " + payload.substring(4);
		}
		if (payload.equals("cmd:topics")) {
			return "topics";
		}
		if (payload.matches("lang:[a-z]{2,3}")) {
			return "LANGUAGE " + payload.substring(5);
		}
		return switch (payload) {
			// read by the check-in feature as it reads a typed answer
			case "checkin:GOOD" -> "good";
			case "checkin:OK" -> "ok";
			case "checkin:NEED_HELP" -> "need help";
			default -> null;
		};
	}

	/** A topic button: the topic, capitalised. */
	public static Choice topic(String topic) {
		String label = topic.isEmpty() ? topic : topic.substring(0, 1).toUpperCase(Locale.ROOT) + topic.substring(1);
		return new Choice(label, "topic:" + topic, topic);
	}

	/**
	 * The text as a channel without buttons sends it: with "Reply 1, 2 or 3" after it,
	 * unless it already names every answer (a check-in question says "Reply 1 Good, 2
	 * OK..." in the person's language).
	 */
	public static String writtenOut(String text, List<Choice> choices) {
		List<String> typed = choices.stream().map(Choice::typed).filter(t -> t != null && !t.isBlank()).toList();
		if (typed.isEmpty() || typed.stream().allMatch(t -> mentions(text, t))) {
			return text;
		}
		String list = typed.size() == 1 ? typed.getFirst()
				: String.join(", ", typed.subList(0, typed.size() - 1)) + " or " + typed.getLast();
		return text + "\nReply " + list;
	}

	/**
	 * Whether the text holds the words, in any case, not inside a longer word or number.
	 * A plain search rather than a pattern compiled per call: every check-in runs it.
	 */
	static boolean mentions(String text, String words) {
		int length = words.length();
		for (int at = 0; at + length <= text.length(); at++) {
			if (text.regionMatches(true, at, words, 0, length) && !wordChar(text, at, -1)
					&& !wordChar(text, at + length, 0)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the code point before {@code at} ({@code before} -1) or at it (0) is a
	 * letter or digit; false past either end.
	 */
	private static boolean wordChar(String text, int at, int before) {
		if (before < 0 ? at == 0 : at >= text.length()) {
			return false;
		}
		int c = before < 0 ? text.codePointBefore(at) : text.codePointAt(at);
		int type = Character.getType(c);
		return Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
				|| type == Character.OTHER_NUMBER;
	}

}
