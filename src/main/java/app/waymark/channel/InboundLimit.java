package app.waymark.channel;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Past a number of inbound messages in flight, the next is refused at once with 503 and
 * {@code Retry-After}, before its body is read: nothing refused is stored, so nothing
 * refused is also answered, and the provider sends it again (Telegram always, Twilio with
 * the retry policy on its webhook URL). Without it, an overload queues requests for
 * database connections until the pool's wait runs out, and some of those are stored and
 * answered after their 503 was sent. The refusal is written in the caller's format: XML
 * for Twilio, JSON for everyone else.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class InboundLimit implements WebFilter {

	private final InboundLimitSettings settings;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Counter refused;

	InboundLimit(InboundLimitSettings settings, MeterRegistry meters) {
		this.settings = settings;
		this.refused = Counter.builder("waymark.inbound.refused")
			.description("Inbound messages refused because too many were in flight")
			.register(meters);
		meters.gauge("waymark.inbound.in_flight", this.inFlight);
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.settings.maxInFlight() <= 0 || !inbound(exchange)) {
			return chain.filter(exchange);
		}
		if (this.inFlight.incrementAndGet() > this.settings.maxInFlight()) {
			this.inFlight.decrementAndGet();
			this.refused.increment();
			return refuse(exchange);
		}
		Permit permit = new Permit(this.inFlight);
		return chain.filter(exchange)
			.contextWrite(context -> context.put(Permit.class, permit))
			.doFinally(signal -> permit.release());
	}

	/**
	 * One inbound message's place in the count. The request holds it; the {@link Inbox}
	 * may {@linkplain #keep keep} it past the request while it answers a stored message
	 * after acknowledging it, so answering still counts against the limit. The place is
	 * given back when the last holder releases it.
	 */
	static final class Permit {

		private final AtomicInteger count;

		private final AtomicInteger holders = new AtomicInteger(1);

		private Permit(AtomicInteger count) {
			this.count = count;
		}

		/** One more holder; each holder releases once. */
		void keep() {
			this.holders.incrementAndGet();
		}

		void release() {
			if (this.holders.decrementAndGet() == 0) {
				this.count.decrementAndGet();
			}
		}

	}

	/**
	 * Messages from young people and workers: the providers' webhooks and the web chat.
	 * Delivery status callbacks are not messages and are cheap; Twilio does not send them
	 * again, and a lost "failed" would hide an undelivered crisis reply.
	 */
	static boolean inbound(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().pathWithinApplication().value();
		return HttpMethod.POST.equals(exchange.getRequest().getMethod())
				&& ((path.startsWith("/webhooks/") && !path.endsWith("/status")) || path.equals("/api/v1/chat"));
	}

	private Mono<Void> refuse(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
		response.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(this.settings.retryAfterSeconds()));
		String message = "The service is busy. Please try again shortly. If you are in danger, call 999.";
		String body;
		if (exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/webhooks/twilio/")) {
			response.getHeaders().setContentType(MediaType.parseMediaType("text/xml;charset=UTF-8"));
			body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error status=\"503\">" + message + "</Error>";
		}
		else {
			response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
			body = "{\"status\":503,\"error\":\"Service Unavailable\",\"message\":\"" + message + "\"}";
		}
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

}
