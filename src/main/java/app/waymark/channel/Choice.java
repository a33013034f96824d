package app.waymark.channel;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

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

	private static boolean mentions(String text, String words) {
		return Pattern
			.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(words) + "(?![\\p{L}\\p{N}])",
					Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
			.matcher(text)
			.find();
	}

}
