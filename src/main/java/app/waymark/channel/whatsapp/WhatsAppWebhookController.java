package app.waymark.channel.whatsapp;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import app.waymark.channel.Choice;
import app.waymark.channel.InboundMessage;
import app.waymark.channel.Inbox;
import app.waymark.channel.MessageLog;
import app.waymark.channel.sms.FormBody;
import app.waymark.channel.sms.SmsSettings;
import app.waymark.channel.sms.TwilioSignature;
import com.twilio.twiml.MessagingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
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

	static final int MAX_BODY = 64 * 1024;

	static final String SIGNATURE_HEADER = "X-Twilio-Signature";

	private static final Logger log = LoggerFactory.getLogger(WhatsAppWebhookController.class);

	/** A WhatsApp address: the prefix and an E.164 number. */
	private static final Pattern ADDRESS = Pattern.compile("whatsapp:\\+[1-9][0-9]{6,14}");

	private static final Pattern STATUS = Pattern.compile("[a-z_]{1,20}");

	private static final String EMPTY_TWIML = new MessagingResponse.Builder().build().toXml();

	private static final MediaType TEXT_XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

	private final SmsSettings twilio;

	private final TwilioSignature signature;

	private final Inbox inbox;

	private final MessageLog messages;

	private final WhatsAppShaper shaper;

	private final Clock clock;

	WhatsAppWebhookController(WhatsAppSettings settings, SmsSettings twilio, Inbox inbox, MessageLog messages,
			WhatsAppShaper shaper, Clock clock) {
		this.twilio = twilio;
		this.signature = settings.configured(twilio) ? new TwilioSignature(twilio.authToken(), twilio.webhookFragment())
				: null;
		this.inbox = inbox;
		this.messages = messages;
		this.shaper = shaper;
		this.clock = clock;
	}

	@PostMapping(INCOMING_PATH)
	Mono<ResponseEntity<String>> incoming(ServerWebExchange exchange) {
		return signed(exchange, form -> {
			String from = form.getOrDefault("From", "").strip();
			String sid = form.get("MessageSid");
			if (!ADDRESS.matcher(from.toLowerCase(Locale.ROOT)).matches()) {
				return Mono.just(error(HttpStatus.BAD_REQUEST, "From is not a WhatsApp address."));
			}
			if (sid == null || sid.isBlank() || sid.length() > 100) {
				return Mono.just(error(HttpStatus.BAD_REQUEST, "MessageSid is missing or too long."));
			}
			String address = from.toLowerCase(Locale.ROOT);
			InboundMessage message = message(address, form);
			return this.inbox.receive(message, sid, this.shaper).map(receipt -> twiml());
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
		return signed(exchange, form -> {
			String sid = form.get("MessageSid");
			String status = form.getOrDefault("MessageStatus", "").toLowerCase(Locale.ROOT);
			if (sid == null || sid.isBlank() || sid.length() > 100 || !STATUS.matcher(status).matches()) {
				return Mono.just(error(HttpStatus.BAD_REQUEST, "MessageSid or MessageStatus is missing or invalid."));
			}
			// WhatsApp adds "read" to SMS's statuses. An unknown sid still gets 200:
			// Twilio would otherwise retry a callback we can never use.
			return this.messages.outboundStatus(WhatsAppChannel.NAME, sid, status.toUpperCase(Locale.ROOT))
				.map(found -> twiml());
		});
	}

	/** Reads, parses and checks the signature of one webhook, then hands the form on. */
	private Mono<ResponseEntity<String>> signed(ServerWebExchange exchange,
			Function<Map<String, String>, Mono<ResponseEntity<String>>> handler) {
		if (this.signature == null) {
			return Mono.just(error(HttpStatus.SERVICE_UNAVAILABLE, "WhatsApp is not configured on this server."));
		}
		ServerHttpRequest request = exchange.getRequest();
		if (request.getHeaders().getContentLength() > MAX_BODY) {
			return Mono.just(error(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large."));
		}
		return DataBufferUtils.join(request.getBody(), MAX_BODY).map(buffer -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			DataBufferUtils.release(buffer);
			return bytes;
		}).defaultIfEmpty(new byte[0]).flatMap(bytes -> {
			Map<String, String> form;
			try {
				form = FormBody.parse(bytes);
			}
			catch (FormBody.MalformedFormException ex) {
				return Mono.just(error(HttpStatus.BAD_REQUEST, "The body is not UTF-8 form encoding."));
			}
			String url = this.twilio.publicBaseUrl() + request.getURI().getRawPath()
					+ (request.getURI().getRawQuery() != null ? "?" + request.getURI().getRawQuery() : "");
			String given = request.getHeaders().getFirst(SIGNATURE_HEADER);
			if (!this.signature.valid(url, form, given)) {
				log.warn("Refused a Twilio WhatsApp webhook on {}: signature {}", request.getURI().getRawPath(),
						given == null ? "missing" : "wrong");
				return Mono.just(error(HttpStatus.FORBIDDEN, "The request signature is missing or wrong."));
			}
			return handler.apply(form);
		})
			.onErrorResume(DataBufferLimitException.class,
					ex -> Mono.just(error(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.")));
	}

	private static ResponseEntity<String> twiml() {
		return ResponseEntity.ok().contentType(TEXT_XML).body(EMPTY_TWIML);
	}

	/** A small XML error Twilio's debugger shows; the message never quotes input. */
	static ResponseEntity<String> error(HttpStatus status, String message) {
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error status=\"" + status.value() + "\">" + message
				+ "</Error>";
		return ResponseEntity.status(status).contentType(TEXT_XML).body(xml);
	}

}
