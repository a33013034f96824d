package app.waymark.channel;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.WebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One instance takes in so many messages at a time; the next is refused before its body
 * is read, in the caller's format, and anything that is not an inbound message is never
 * refused.
 */
class InboundLimitTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	/** A request still being handled until {@link #finish()}. */
	private final Sinks.Empty<Void> handling = Sinks.empty();

	private final WebFilterChain held = exchange -> this.handling.asMono();

	private final WebFilterChain answered = exchange -> Mono.empty();

	private void finish() {
		this.handling.tryEmitEmpty();
	}

	private static MockServerWebExchange post(String path) {
		return MockServerWebExchange.from(MockServerHttpRequest.post(path).body("x"));
	}

	@ParameterizedTest(name = "{0} is refused in {1}")
	@CsvSource({ "/webhooks/twilio/sms, text/xml", "/webhooks/telegram/secret, application/json",
			"/api/v1/chat, application/json" })
	void pastTheLimitAnInboundMessageIsRefusedAtOnceInTheCallersFormat(String path, String type) {
		InboundLimit limit = new InboundLimit(new InboundLimitSettings(2, 3), this.meters);
		List<Disposable> inFlight = List.of(limit.filter(post("/webhooks/twilio/sms"), this.held).subscribe(),
				limit.filter(post("/api/v1/chat"), this.held).subscribe());

		MockServerWebExchange third = post(path);
		boolean[] reachedTheHandler = { false };
		limit.filter(third, exchange -> Mono.fromRunnable(() -> reachedTheHandler[0] = true)).block();

		assertThat(reachedTheHandler[0]).as("nothing read, nothing stored").isFalse();
		assertThat(third.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(third.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("3");
		assertThat(third.getResponse().getHeaders().getContentType().toString()).startsWith(type);
		assertThat(third.getResponse().getBodyAsString().block()).contains("503")
			.contains("call 999")
			.doesNotContain("Exception");
		assertThat(this.meters.counter("waymark.inbound.refused").count()).isEqualTo(1);

		finish();
		inFlight.forEach(Disposable::dispose);
		MockServerWebExchange later = post(path);
		limit.filter(later, this.answered).block();
		assertThat(later.getResponse().getStatusCode()).as("room again once those are answered").isNull();
	}

	@Test
	void pagesHealthAdminCallsAndDeliveryStatusesAreNeverRefused() {
		InboundLimit limit = new InboundLimit(new InboundLimitSettings(1, 2), this.meters);
		limit.filter(post("/webhooks/twilio/sms"), this.held).subscribe();
		for (MockServerWebExchange other : List.of(
				MockServerWebExchange.from(MockServerHttpRequest.get("/actuator/health")),
				MockServerWebExchange.from(MockServerHttpRequest.get("/")), post("/api/v1/articles"),
				post("/webhooks/twilio/status"))) {
			limit.filter(other, this.answered).block();
			assertThat(other.getResponse().getStatusCode()).as(other.getRequest().getPath().value()).isNull();
		}
		finish();
	}

	/**
	 * A chat page holds its event stream open for minutes: it is no message in flight.
	 */
	@Test
	void openChatStreamsTakeNoRoomFromMessages() {
		InboundLimit limit = new InboundLimit(new InboundLimitSettings(1, 2), this.meters);
		List<Disposable> streams = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			streams.add(
					limit
						.filter(MockServerWebExchange.from(MockServerHttpRequest.get("/api/v1/chat/" + i + "/events")),
								this.held)
						.subscribe());
		}
		MockServerWebExchange message = post("/api/v1/chat");
		limit.filter(message, this.answered).block();
		assertThat(message.getResponse().getStatusCode()).isNull();
		assertThat(this.meters.get("waymark.inbound.in_flight").gauge().value()).isZero();
		finish();
		streams.forEach(Disposable::dispose);
	}

	/**
	 * A webhook is acknowledged once its message is stored; answering it goes on after
	 * the request and still takes room, so an overload is refused before it is stored.
	 */
	@Test
	void aMessageAnsweredAfterItsRequestKeepsItsPlaceUntilAnswered() {
		InboundLimit limit = new InboundLimit(new InboundLimitSettings(1, 2), this.meters);
		List<InboundLimit.Permit> kept = new java.util.ArrayList<>();
		WebFilterChain acknowledgedThenAnswering = exchange -> Mono.deferContextual(context -> {
			InboundLimit.Permit permit = context.get(InboundLimit.Permit.class);
			permit.keep();
			kept.add(permit);
			return Mono.empty();
		});
		MockServerWebExchange first = post("/webhooks/twilio/sms");
		limit.filter(first, acknowledgedThenAnswering).block();
		assertThat(first.getResponse().getStatusCode()).as("acknowledged").isNull();
		assertThat(this.meters.get("waymark.inbound.in_flight").gauge().value()).isEqualTo(1);

		MockServerWebExchange second = post("/webhooks/twilio/sms");
		limit.filter(second, this.answered).block();
		assertThat(second.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

		kept.get(0).release();
		assertThat(this.meters.get("waymark.inbound.in_flight").gauge().value()).isZero();
		MockServerWebExchange third = post("/webhooks/twilio/sms");
		limit.filter(third, this.answered).block();
		assertThat(third.getResponse().getStatusCode()).as("room again once it is answered").isNull();
	}

	@Test
	void zeroTurnsTheLimitOff() {
		InboundLimit limit = new InboundLimit(new InboundLimitSettings(0, 2), this.meters);
		for (int i = 0; i < 5; i++) {
			limit.filter(post("/webhooks/twilio/sms"), this.held).subscribe();
		}
		MockServerWebExchange next = post("/webhooks/twilio/sms");
		limit.filter(next, this.answered).block();
		assertThat(next.getResponse().getStatusCode()).isNull();
		finish();
	}

}
