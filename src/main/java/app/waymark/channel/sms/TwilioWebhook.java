package app.waymark.channel.sms;

import java.util.Map;
import java.util.function.Function;

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
import org.springframework.web.server.ServerWebExchange;

/**
 * How every Twilio webhook (SMS, WhatsApp, their status callbacks) is read and answered:
 * the body bounded, parsed as UTF-8 form encoding and its signature checked against the
 * public URL before anything else happens; answers in the XML Twilio reads, never JSON
 * (there is no encoder for JSON under {@code text/xml}).
 */
public final class TwilioWebhook {

	private static final Logger log = LoggerFactory.getLogger(TwilioWebhook.class);

	static final int MAX_BODY = 64 * 1024;

	static final String SIGNATURE_HEADER = "X-Twilio-Signature";

	static final int RETRY_AFTER_SECONDS = 5;

	private static final String EMPTY_TWIML = new MessagingResponse.Builder().build().toXml();

	private static final MediaType TEXT_XML = MediaType.parseMediaType("text/xml;charset=UTF-8");

	private final String channel;

	private final String publicBaseUrl;

	private final TwilioSignature signature;

	/**
	 * @param channel the channel's name for people ("SMS", "WhatsApp")
	 * @param twilio the account's settings (its auth token signs every webhook)
	 * @param configured whether this channel is set up here; if not, every webhook is
	 * refused with 503
	 */
	public TwilioWebhook(String channel, SmsSettings twilio, boolean configured) {
		this.channel = channel;
		this.publicBaseUrl = twilio.publicBaseUrl();
		this.signature = configured ? new TwilioSignature(twilio.authToken(), twilio.webhookFragment()) : null;
	}

	/**
	 * Reads, parses and checks one webhook; a refusal is the answer, else the handler's.
	 */
	public Mono<ResponseEntity<String>> read(ServerWebExchange exchange,
			Function<Map<String, String>, Mono<ResponseEntity<String>>> handler) {
		if (this.signature == null) {
			return Mono
				.just(error(HttpStatus.SERVICE_UNAVAILABLE, this.channel + " is not configured on this server."));
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
			String url = this.publicBaseUrl + request.getURI().getRawPath()
					+ (request.getURI().getRawQuery() != null ? "?" + request.getURI().getRawQuery() : "");
			String given = request.getHeaders().getFirst(SIGNATURE_HEADER);
			if (!this.signature.valid(url, form, given)) {
				log.warn("Refused a Twilio webhook on {}: signature {}", request.getURI().getRawPath(),
						given == null ? "missing" : "wrong");
				return Mono.just(error(HttpStatus.FORBIDDEN, "The request signature is missing or wrong."));
			}
			return handler.apply(form);
		})
			.onErrorResume(DataBufferLimitException.class,
					ex -> Mono.just(error(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.")));
	}

	/**
	 * The answer to an incoming message once {@code stored} completes: empty TwiML (the
	 * reply goes through the outbound queue), or, when the database is away and nothing
	 * was stored, 503 with Retry-After. Twilio retries that only with a retry policy on
	 * the webhook URL.
	 */
	public Mono<ResponseEntity<String>> storedThenAcknowledged(Mono<?> stored) {
		return stored.then(Mono.fromSupplier(TwilioWebhook::acknowledged))
			.onErrorResume(ApiErrorHandler::retryLater, ex -> Mono.just(tryAgainLater()));
	}

	private ResponseEntity<String> tryAgainLater() {
		log.warn("Answered a {} webhook 503: the database is out of reach", this.channel);
		ResponseEntity<String> refused = error(HttpStatus.SERVICE_UNAVAILABLE,
				"The service is briefly unavailable. Please try again shortly.");
		return ResponseEntity.status(refused.getStatusCode())
			.headers(refused.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
			.body(refused.getBody());
	}

	/** Empty TwiML: received, nothing to say in the webhook's answer. */
	public static ResponseEntity<String> acknowledged() {
		return ResponseEntity.ok().contentType(TEXT_XML).body(EMPTY_TWIML);
	}

	/** A small XML error Twilio's debugger shows; the message never quotes input. */
	public static ResponseEntity<String> error(HttpStatus status, String message) {
		String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error status=\"" + status.value() + "\">" + message
				+ "</Error>";
		return ResponseEntity.status(status).contentType(TEXT_XML).body(xml);
	}

}
