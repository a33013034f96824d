package app.waymark.channel.web;

import java.time.Duration;

import app.waymark.system.BadRequestException;
import app.waymark.system.ClientAddress;
import app.waymark.system.RateLimitSettings;
import app.waymark.system.RateLimiter;
import app.waymark.system.TooManyRequests;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The open chat page's event stream: a worker's reply (anything the web chat's sender
 * leaves in the conversation) reaches the page at once, whichever instance sent it,
 * instead of at the page's next look at the history. A page that is closed gets it from
 * the history at the next visit, as before.
 *
 * <p>
 * Only a conversation this server issued has a stream (404 otherwise), and opening one is
 * limited like the history. Each event's id is its message's; a page reconnecting with
 * {@code Last-Event-ID} (or opening with {@code after}, from the history) is sent only
 * what came after it.
 */
@RestController
class ChatEvents {

	/** How soon a browser reconnects after losing the stream. */
	static final Duration RECONNECT = Duration.ofSeconds(5);

	private final OpenChats chats;

	private final ConversationIds conversations;

	private final RateLimiter limiter;

	private final RateLimitSettings limits;

	private final ChatStreamSettings settings;

	ChatEvents(OpenChats chats, ConversationIds conversations, RateLimiter limiter, RateLimitSettings limits,
			ChatStreamSettings settings) {
		this.chats = chats;
		this.conversations = conversations;
		this.limiter = limiter;
		this.limits = limits;
		this.settings = settings;
	}

	@GetMapping(path = "/api/v1/chat/{conversationId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<ChatController.Entry>> events(@PathVariable String conversationId,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
			@RequestParam(name = "after", required = false) String after, ServerWebExchange exchange) {
		if (!this.conversations.issued(conversationId)) {
			return Flux.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		// a reconnecting browser names the last event it got; the address keeps the
		// position the page first asked for
		String position = lastEventId != null && !lastEventId.isBlank() ? lastEventId : after;
		Long from;
		try {
			from = position == null || position.isBlank() ? null : position(position);
		}
		catch (IllegalArgumentException ex) {
			return Flux.error(new BadRequestException("after", "'after' and Last-Event-ID are message numbers."));
		}
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.setCacheControl("no-store");
		// nginx (the Kubernetes ingress) would otherwise hold events back in its buffer
		headers.set("X-Accel-Buffering", "no");
		return this.limiter.take(this.limits.chatLimit(), ClientAddress.of(exchange))
			.flatMap(taken -> taken.allowed() ? Mono.<Void>empty()
					: Mono.error(new TooManyRequests("Too many requests from here. Please wait a moment and try again.",
							taken.retryAfterSeconds())))
			.then(Mono.defer(() -> this.chats.open(conversationId, from)))
			.flatMapMany(stream -> stream(stream).doFinally(signal -> this.chats.close(stream)));
	}

	/**
	 * A comment at once (the response starts, and the browser knows how soon to
	 * reconnect), then the messages as they come and a comment whenever it is quiet,
	 * until the stream is closed here or has been open its longest.
	 */
	private Flux<ServerSentEvent<ChatController.Entry>> stream(OpenChats.Stream stream) {
		ServerSentEvent<ChatController.Entry> opened = ServerSentEvent.<ChatController.Entry>builder()
			.comment("open")
			.retry(RECONNECT)
			.build();
		Flux<ServerSentEvent<ChatController.Entry>> messages = stream.events()
			.map(event -> ServerSentEvent.builder(event.entry()).id(String.valueOf(event.id())).build());
		Flux<ServerSentEvent<ChatController.Entry>> heartbeats = Flux.interval(this.settings.heartbeat())
			.map(tick -> ServerSentEvent.<ChatController.Entry>builder().comment("keep-alive").build());
		return Flux.concat(Flux.just(opened), Flux.merge(messages, heartbeats))
			.takeUntilOther(stream.ended())
			.take(this.settings.longest());
	}

	private static long position(String value) {
		if (!value.matches("[0-9]{1,18}")) {
			throw new IllegalArgumentException("not a message number");
		}
		return Long.parseLong(value);
	}

}
