package app.waymark.channel.sms;

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
	public boolean reportsDelivery() {
		// Twilio's status callback
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
		return new Rendered(SmsText.toGsmFriendly(Choice.writtenOut(message.text(), message.choices())), null);
	}

}
