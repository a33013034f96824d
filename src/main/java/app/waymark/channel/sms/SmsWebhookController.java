package app.waymark.channel.sms;

import java.time.Clock;
import java.util.Locale;
import java.util.regex.Pattern;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.Inbox;
import app.waymark.channel.MessageLog;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Twilio's SMS webhooks: incoming messages and delivery status callbacks. Both are signed
 * ({@code X-Twilio-Signature}); an unsigned or forged request is refused before anything
 * is stored.
 *
 * <p>
 * The body is read here as bytes rather than by Spring's form reader so that non-UTF-8
 * input is refused (400), not silently replaced, and the size limit gives a clear 413.
 */
@RestController
class SmsWebhookController {

	static final String CHANNEL = "sms";

	static final int MAX_FROM = 64;

	private static final Pattern STATUS = Pattern.compile("[a-z_]{1,20}");

	private final TwilioWebhook webhook;

	private final Inbox inbox;

	private final MessageLog messages;

	private final SmsReplyShaper shaper;

	private final Clock clock;

	SmsWebhookController(SmsSettings settings, Inbox inbox, MessageLog messages, SmsReplyShaper shaper, Clock clock) {
		this.webhook = new TwilioWebhook("SMS", settings, settings.configured());
		this.inbox = inbox;
		this.messages = messages;
		this.shaper = shaper;
		this.clock = clock;
	}

	@PostMapping("/webhooks/twilio/sms")
	Mono<ResponseEntity<String>> incoming(ServerWebExchange exchange) {
		return this.webhook.read(exchange, form -> {
			String from = form.get("From");
			String sid = form.get("MessageSid");
			if (from == null || from.isBlank()) {
				return Mono.just(TwilioWebhook.error(HttpStatus.BAD_REQUEST, "From is missing."));
			}
			// E.164 is at most 16 characters; Twilio's longest forms ("whatsapp:+44...")
			// are well inside this. Longer would not fit the sealed address column.
			if (from.length() > MAX_FROM) {
				return Mono.just(TwilioWebhook.error(HttpStatus.BAD_REQUEST, "From is too long."));
			}
			if (sid == null || sid.isBlank() || sid.length() > 100) {
				return Mono.just(TwilioWebhook.error(HttpStatus.BAD_REQUEST, "MessageSid is missing or too long."));
			}
			InboundMessage message = new InboundMessage(CHANNEL, from.strip(), form.get("Body"), null,
					this.clock.instant());
			// Stored before we answer; the reply is queued, not put in the TwiML, so
			// every
			// SMS Waymark sends goes one way (the outbound queue: retries, the provider's
			// rate, status callbacks, failure alerts) and this webhook stays fast.
			return this.webhook.storedThenAcknowledged(this.inbox.receive(message, sid, this.shaper));
		});
	}

	@PostMapping("/webhooks/twilio/status")
	Mono<ResponseEntity<String>> status(ServerWebExchange exchange) {
		return this.webhook.read(exchange, form -> {
			String sid = form.get("MessageSid");
			String status = form.getOrDefault("MessageStatus", "").toLowerCase(Locale.ROOT);
			if (sid == null || sid.isBlank() || sid.length() > 100 || !STATUS.matcher(status).matches()) {
				return Mono.just(TwilioWebhook.error(HttpStatus.BAD_REQUEST,
						"MessageSid or MessageStatus is missing or invalid."));
			}
			// An unknown sid still gets 200: Twilio would otherwise retry a callback we
			// can never use.
			return this.messages.outboundStatus(CHANNEL, sid, status.toUpperCase(Locale.ROOT))
				.map(found -> TwilioWebhook.acknowledged());
		});
	}

}
