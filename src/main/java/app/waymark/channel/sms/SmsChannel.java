package app.waymark.channel.sms;

import java.util.List;
import java.util.regex.Pattern;

import app.waymark.channel.Channel;
import app.waymark.channel.Choice;
import app.waymark.channel.OutboundMessage;
import app.waymark.system.SmsText;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * SMS as the rest of Waymark sees it: reaches any phone at any time, has no buttons (a
 * choice is written out as what to reply), 1,600 characters a message as Twilio takes it.
 * Text is folded to GSM-7 here, the one place every SMS passes, so one smart quote does
 * not halve a segment.
 */
@Component
@Order(20)
public final class SmsChannel implements Channel {

	/** Twilio refuses a longer body (error 21617). */
	static final int MAX_LENGTH = 1600;

	@Override
	public String name() {
		return SmsWebhookController.CHANNEL;
	}

	@Override
	public boolean sendsLater() {
		return true;
	}

	@Override
	public boolean takesButtons() {
		return false;
	}

	@Override
	public int maxLength() {
		return MAX_LENGTH;
	}

	@Override
	public Rendered render(OutboundMessage message) {
		return new Rendered(SmsText.toGsmFriendly(withChoices(message.text(), message.choices())), null);
	}

	/**
	 * The text with "Reply 1, 2 or 3" after it, unless it already names every answer (a
	 * check-in question says "Reply 1 Good, 2 OK..." in the person's language).
	 */
	static String withChoices(String text, List<Choice> choices) {
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
