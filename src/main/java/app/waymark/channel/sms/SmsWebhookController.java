package app.waymark.channel.sms;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.Inbox;
import app.waymark.channel.MessageLog;
import app.waymark.system.ApiErrorHandler;
import com.twilio.twiml.MessagingResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
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

	static final int MAX_BODY = 64 * 1024;

	static final int MAX_FROM = 64;

	static final String SIGNATURE_HEADER = "X-Twilio-Signature";

	static final int RETRY_AFTER_SECONDS = 5;

	private static final Logger log = LoggerFactory.getLogger(SmsWebhookController.class);

	private static final Pattern STATUS = Pattern.compile("[a-z_]{1,20}");

	private static final String EMPTY_TWIML = new MessagingResponse.Builder().build().toXml();

	private static final MediaType TEXT_XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

	private final SmsSettings settings;

	private final TwilioSignature signature;

	private final Inbox inbox;

	private final MessageLog messages;

	private final SmsReplyShaper shaper;

	private final Clock clock;

	SmsWebhookController(SmsSettings settings, Inbox inbox, MessageLog messages, SmsReplyShaper shaper, Clock clock) {
		this.settings = settings;
		this.signature = settings.configured() ? new TwilioSignature(settings.authToken(), settings.webhookFragment())
				: null;
		this.inbox = inbox;
		this.messages = messages;
		this.shaper = shaper;
		this.clock = clock;
	}

	@PostMapping("/webhooks/twilio/sms")
	Mono<ResponseEntity<String>> incoming(ServerWebExchange exchange) {
		return signedForm(exchange).flatMap(form -> {
			String from = form.get("From");
			String sid = form.get("MessageSid");
			if (from == null || from.isBlank()) {
				return Mono.just(error(HttpStatus.BAD_REQUEST, "From is missing."));
			}
			// E.164 is at most 16 characters; Twilio's longest forms ("whatsapp:+44...")
			// are well inside this. Longer would not fit the sealed address column.
			if (from.length() > MAX_FROM) {
				return Mono.just(error(HttpStatus.BAD_REQUEST, "From is too long."));
			}
			if (sid == null || sid.isBlank() || sid.length() > 100) {
				return Mono.just(error(HttpStatus.BAD_REQUEST, "MessageSid is missing or too long."));
			}
			InboundMessage message = new InboundMessage(CHANNEL, from.strip(), form.get("Body"), null,
					this.clock.instant());
			// Stored before we answer; the reply is queued, not put in the TwiML, so
			// every
			// SMS Waymark sends goes one way (the outbound queue: retries, the provider's
			// rate, status callbacks, failure alerts) and this webhook stays fast.
			return this.inbox.receive(message, sid, this.shaper)
				.map(receipt -> ResponseEntity.ok().contentType(TEXT_XML).body(EMPTY_TWIML))
				.onErrorResume(ApiErrorHandler::retryLater, ex -> Mono.just(tryAgainLater()));
		});
	}

	@PostMapping("/webhooks/twilio/status")
	Mono<ResponseEntity<String>> status(ServerWebExchange exchange) {
		return signedForm(exchange).flatMap(form -> {
			String sid = form.get("MessageSid");
			String status = form.getOrDefault("MessageStatus", "").toLowerCase(Locale.ROOT);
			if (sid == null || sid.isBlank() || sid.length() > 100 || !STATUS.matcher(status).matches()) {
				return Mono.just(error(HttpStatus.BAD_REQUEST, "MessageSid or MessageStatus is missing or invalid."));
			}
			// An unknown sid still gets 200: Twilio would otherwise retry a callback we
			// can never use.
			return this.messages.outboundStatus(CHANNEL, sid, status.toUpperCase(Locale.ROOT))
				.map(found -> ResponseEntity.ok().contentType(TEXT_XML).body(EMPTY_TWIML));
		});
	}

	private Mono<ResponseEntity<String>> refuse(HttpStatus status, String message) {
		return Mono.just(error(status, message));
	}

	private FormOrError signedForm(ServerWebExchange exchange) {
		return new FormOrError(exchange);
	}

	/** Reads, parses and checks one webhook; refusals short-circuit to a response. */
	private final class FormOrError {

		private final ServerWebExchange exchange;

		FormOrError(ServerWebExchange exchange) {
			this.exchange = exchange;
		}

		Mono<ResponseEntity<String>> flatMap(
				java.util.function.Function<Map<String, String>, Mono<ResponseEntity<String>>> handler) {
			if (SmsWebhookController.this.signature == null) {
				return refuse(HttpStatus.SERVICE_UNAVAILABLE, "SMS is not configured on this server.");
			}
			ServerHttpRequest request = this.exchange.getRequest();
			if (request.getHeaders().getContentLength() > MAX_BODY) {
				return refuse(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.");
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
					return refuse(HttpStatus.BAD_REQUEST, "The body is not UTF-8 form encoding.");
				}
				String url = SmsWebhookController.this.settings.publicBaseUrl() + request.getURI().getRawPath()
						+ (request.getURI().getRawQuery() != null ? "?" + request.getURI().getRawQuery() : "");
				String given = request.getHeaders().getFirst(SIGNATURE_HEADER);
				if (!SmsWebhookController.this.signature.valid(url, form, given)) {
					log.warn("Refused a Twilio webhook on {}: signature {}", request.getURI().getRawPath(),
							given == null ? "missing" : "wrong");
					return refuse(HttpStatus.FORBIDDEN, "The request signature is missing or wrong.");
				}
				return handler.apply(form);
			})
				.onErrorResume(DataBufferLimitException.class,
						ex -> refuse(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large."));
		}

	}

	/**
	 * The database is away and the message is not stored: 503 with Retry-After, in the
	 * XML Twilio reads (the shared JSON error has no encoder for the text/xml this
	 * endpoint answers in). Twilio retries it only with a retry policy on the webhook
	 * URL.
	 */
	private static ResponseEntity<String> tryAgainLater() {
		log.warn("Answered an SMS webhook 503: the database is out of reach");
		ResponseEntity<String> refused = error(HttpStatus.SERVICE_UNAVAILABLE,
				"The service is briefly unavailable. Please try again shortly.");
		return ResponseEntity.status(refused.getStatusCode())
			.headers(refused.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
			.body(refused.getBody());
	}

	/**
	 * A small TwiML-style XML error; Twilio logs it in its debugger, people can read it.
	 */
	static ResponseEntity<String> error(HttpStatus status, String message) {
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error status=\"" + status.value() + "\">" + message
				+ "</Error>";
		return ResponseEntity.status(status).contentType(TEXT_XML).body(xml);
	}

}
