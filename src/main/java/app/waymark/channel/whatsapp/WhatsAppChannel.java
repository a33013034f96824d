package app.waymark.channel.whatsapp;

import app.waymark.channel.Channel;
import app.waymark.channel.Choice;
import app.waymark.channel.OutboundMessage;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * WhatsApp as the rest of Waymark sees it: reaches a person later (inside 24 hours of
 * their last message freely, after that only by an approved template), 1,600 characters a
 * message, choices written out as what to reply. Preferred after Telegram and SMS: its
 * 24-hour rule makes it the least sure way to start a conversation.
 *
 * <p>
 * What it renders beside the text is the message's kind, which the sender needs to pick a
 * template outside the window.
 */
@Component
@Order(30)
public final class WhatsAppChannel implements Channel {

	static final String NAME = "whatsapp";

	/** How Twilio writes a WhatsApp address: {@code whatsapp:+447700900000}. */
	static final String PREFIX = "whatsapp:";

	@Override
	public String name() {
		return NAME;
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
		// Buttons need a template each (Twilio's Content API); written-out answers work
		// in every message.
		return false;
	}

	@Override
	public int maxLength() {
		return WhatsAppText.MAX_LENGTH;
	}

	@Override
	public Rendered render(OutboundMessage message) {
		String text = WhatsAppText.fit(Choice.writtenOut(message.text(), message.choices()));
		return new Rendered(text, message.kind() == null ? null : Extras.of(message.kind()));
	}

}
