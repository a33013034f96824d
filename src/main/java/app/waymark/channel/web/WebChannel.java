package app.waymark.channel.web;

import app.waymark.channel.Channel;
import app.waymark.channel.OutboundMessage;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The web chat as the rest of Waymark sees it: it answers only in the response to the
 * young person's own request, so nothing can be sent by it later (no check-ins, alerts or
 * worker replies). Its page shows topics as chips.
 */
@Component
@Order(90)
public final class WebChannel implements Channel {

	@Override
	public String name() {
		return ChatController.CHANNEL;
	}

	@Override
	public boolean sendsLater() {
		return false;
	}

	@Override
	public boolean takesButtons() {
		return true;
	}

	@Override
	public int maxLength() {
		return ChatController.MAX_TEXT;
	}

	@Override
	public Rendered render(OutboundMessage message) {
		return new Rendered(message.text(), null);
	}

}
