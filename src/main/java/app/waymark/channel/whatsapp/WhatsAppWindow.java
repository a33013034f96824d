package app.waymark.channel.whatsapp;

import app.waymark.channel.SendWindow;
import app.waymark.channel.SendWindows;
import reactor.core.publisher.Mono;

/**
 * WhatsApp's 24-hour rule as a question a feature can ask before queueing: inside the
 * window anything may go; outside it only a kind with an approved template
 * ({@link WhatsAppSettings#template}), which the sender then uses. The same two facts the
 * sender decides by, so what the feature is told is what the sender would do.
 */
class WhatsAppWindow implements SendWindow {

	private final WhatsAppSession session;

	private final WhatsAppSettings settings;

	WhatsAppWindow(WhatsAppSession session, WhatsAppSettings settings) {
		this.session = session;
		this.settings = settings;
	}

	@Override
	public String channel() {
		return WhatsAppChannel.NAME;
	}

	@Override
	public Mono<String> refusal(String address, String kind) {
		if (this.settings.template(kind) != null) {
			return Mono.empty();
		}
		return this.session.open(address).flatMap(open -> open ? Mono.empty() : Mono.just(SendWindows.NEEDS_TEMPLATE));
	}

}
