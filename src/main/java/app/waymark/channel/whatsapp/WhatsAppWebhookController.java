package app.waymark.channel.whatsapp;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import app.waymark.channel.Choice;
import app.waymark.channel.InboundMessage;
import app.waymark.channel.Inbox;
import app.waymark.channel.MessageLog;
import app.waymark.channel.sms.SmsSettings;
import app.waymark.channel.sms.TwilioWebhook;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Twilio's WhatsApp webhooks: incoming messages and delivery statuses, signed as for SMS
 * ({@code X-Twilio-Signature} with the same account's token). A message is stored with
 * its MessageSid as provider id, so Twilio delivering it twice stores and answers it
 * once; the reply goes through the outbound queue, never in the TwiML.
 *
 * <p>
 * {@code From} is the sender as Twilio writes it ({@code whatsapp:+447700900001}) and is
 * kept so: it is the address replies go to. {@code ProfileName} (the name on their
 * WhatsApp account) and {@code WaId} are not stored: nothing needs them. A quick-reply
 * button on a template comes back as {@code ButtonPayload}.
 *
 * @see <a href= "https://www.twilio.com/docs/messaging/guides/webhook-request">Twilio's
 * webhook request</a>
 */
@RestController
class WhatsAppWebhookController {

	static final String INCOMING_PATH = "/webhooks/twilio/whatsapp";

	/** A WhatsApp address: the prefix and an E.164 number. */
	private static final Pattern ADDRESS = Pattern.compile("whatsapp:\\+[1-9][0-9]{6,14}");

	private static final Pattern STATUS = Pattern.compile("[a-z_]{1,20}");

	private final TwilioWebhook webhook;

	private final Inbox inbox;

	private final MessageLog messages;

	private final WhatsAppShaper shaper;

	private final Clock clock;

	WhatsAppWebhookController(WhatsAppSettings settings, SmsSettings twilio, Inbox inbox, MessageLog messages,
			WhatsAppShaper shaper, Clock clock) {
		this.webhook = new TwilioWebhook("WhatsApp", twilio, settings.configured(twilio));
		this.inbox = inbox;
		this.messages = messages;
		this.shaper = shaper;
		this.clock = clock;
	}

	@PostMapping(INCOMING_PATH)
	Mono<ResponseEntity<String>> incoming(ServerWebExchange exchange) {
		return this.webhook.read(exchange, form -> {
			String from = form.getOrDefault("From", "").strip();
			String sid = form.get("MessageSid");
			if (!ADDRESS.matcher(from.toLowerCase(Locale.ROOT)).matches()) {
				return Mono.just(TwilioWebhook.error(HttpStatus.BAD_REQUEST, "From is not a WhatsApp address."));
			}
			if (sid == null || sid.isBlank() || sid.length() > 100) {
				return Mono.just(TwilioWebhook.error(HttpStatus.BAD_REQUEST, "MessageSid is missing or too long."));
			}
			String address = from.toLowerCase(Locale.ROOT);
			InboundMessage message = message(address, form);
			return this.webhook.storedThenAcknowledged(this.inbox.receive(message, sid, this.shaper));
		});
	}

	/**
	 * A pressed template button reads as its choice; anything else as what they wrote.
	 */
	private InboundMessage message(String address, Map<String, String> form) {
		String payload = form.get("ButtonPayload");
		if (payload != null && Choice.words(payload) != null) {
			return InboundMessage.pressed(WhatsAppChannel.NAME, address, payload, null, this.clock.instant());
		}
		String text = form.get("Body");
		if ((text == null || text.isBlank()) && form.get("ButtonText") != null) {
			text = form.get("ButtonText");
		}
		return new InboundMessage(WhatsAppChannel.NAME, address, text, null, this.clock.instant());
	}

	@PostMapping(WhatsAppSender.STATUS_PATH)
	Mono<ResponseEntity<String>> status(ServerWebExchange exchange) {
		return this.webhook.read(exchange, form -> {
			String sid = form.get("MessageSid");
			String status = form.getOrDefault("MessageStatus", "").toLowerCase(Locale.ROOT);
			if (sid == null || sid.isBlank() || sid.length() > 100 || !STATUS.matcher(status).matches()) {
				return Mono.just(TwilioWebhook.error(HttpStatus.BAD_REQUEST,
						"MessageSid or MessageStatus is missing or invalid."));
			}
			// WhatsApp adds "read" to SMS's statuses. An unknown sid still gets 200:
			// Twilio would otherwise retry a callback we can never use.
			return this.messages.outboundStatus(WhatsAppChannel.NAME, sid, status.toUpperCase(Locale.ROOT))
				.map(found -> TwilioWebhook.acknowledged());
		});
	}

}
