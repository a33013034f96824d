package app.waymark.channel.web;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.channel.OutboundMessage;
import app.waymark.channel.QueuedMessage;
import app.waymark.system.Periodic;
import app.waymark.system.Sealer;
import app.waymark.system.Sql;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.Readable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The chat pages open on this instance, each holding an event stream, and what reaches
 * them: every message the web chat's sender ({@link ChatPost}) leaves in a conversation
 * (a worker's reply). When this instance sends it, it goes to the conversation's open
 * pages at once. When another instance does, it is found within
 * {@link ChatStreamSettings#checkEvery()} by one query over all the conversations open
 * here; nothing in memory is shared between instances, and nothing is queried while no
 * page is open.
 *
 * <p>
 * A message is known by its message log id, which is also its event id: a page that
 * reconnects says the last one it got and is sent only what came after. Each stream
 * remembers what it sent, so a message found both ways goes once.
 */
@Component
class OpenChats {

	private static final Logger log = LoggerFactory.getLogger(OpenChats.class);

	/** Conversations per query: well under the bind-parameter limits. */
	static final int PER_QUERY = 500;

	/** Most messages a page catches up on when it connects. */
	static final int CATCH_UP_MAX = 100;

	/**
	 * How far back the check looks for messages marked sent: far more than the time
	 * between two checks, a commit, or a difference between two instances' clocks, so a
	 * message sent elsewhere is never missed. Each stream drops what it already sent.
	 */
	static final Duration LOOK_BACK = Duration.ofMinutes(2);

	/**
	 * The web chat's messages the outbound queue sent. The queue alone records segments
	 * when it marks a message sent; a reply given in the chat's own response is logged
	 * sent without any, and the page already shows it.
	 */
	private static final String LEFT_BY_THE_SENDER = "channel = '" + ChatController.CHANNEL
			+ "' and direction = 'OUT' and segments is not null and body_sealed is not null";

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Clock clock;

	private final ChatStreamSettings settings;

	private final Periodic check;

	/** Open streams by the conversation's hash (as the message log keeps it). */
	private final Map<String, Set<Stream>> open = new ConcurrentHashMap<>();

	private final AtomicInteger count = new AtomicInteger();

	OpenChats(DatabaseClient db, Sealer sealer, Clock clock, ChatStreamSettings settings, MeterRegistry meters) {
		meters.gauge("waymark.chat.streams", this.count);
		this.db = db;
		this.sealer = sealer;
		this.clock = clock;
		this.settings = settings;
		this.check = new Periodic(settings.checkEvery(), log, "Checking for messages to open chats failed",
				this::check);
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.check.start();
	}

	/**
	 * Ends every stream as the application begins to shut down, before the web server
	 * waits for requests in progress: an open stream would hold up its graceful shutdown
	 * to the end. Each page reconnects (to an instance still running) and goes on after
	 * the last message it got.
	 */
	@EventListener(ContextClosedEvent.class)
	void endAll() {
		this.open.values().forEach(streams -> streams.forEach(this::close));
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		this.check.stop();
	}

	/** A message for a page: its message log id and what the page shows. */
	record Event(long id, ChatController.Entry entry) {
	}

	/** One open page, and the messages it was sent. */
	static final class Stream {

		private final String hash;

		private final long after;

		private final Set<Long> sent = new HashSet<>();

		private final Sinks.Many<Event> sink = Sinks.many().unicast().onBackpressureBuffer();

		private final Sinks.Empty<Void> ended = Sinks.empty();

		private final AtomicBoolean closed = new AtomicBoolean();

		private Stream(String hash, long after) {
			this.hash = hash;
			this.after = after;
		}

		/** Messages after the one the page named, each once, in the order found. */
		Flux<Event> events() {
			return this.sink.asFlux();
		}

		/** Completes when the stream is closed here, so the response ends too. */
		Mono<Void> ended() {
			return this.ended.asMono();
		}

		private synchronized void offer(Event event) {
			if (event.id() > this.after && this.sent.add(event.id())) {
				this.sink.tryEmitNext(event);
			}
		}

	}

	/**
	 * Opens a stream for this conversation going on after message {@code after}, or from
	 * now when null; what was left since {@code after} is in it already. 503 when this
	 * instance holds as many streams as it takes. The caller must {@link #close} it.
	 */
	Mono<Stream> open(String conversationId, Long after) {
		String hash = this.sealer.hash(conversationId);
		return (after != null ? Mono.just(after) : latest(hash)).flatMap(from -> {
			if (this.count.incrementAndGet() > this.settings.maxOpen()) {
				this.count.decrementAndGet();
				return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
						"Too many chats are open. The page will look for replies now and then instead."));
			}
			Stream stream = new Stream(hash, from);
			// registered before catching up: a message sent meanwhile is found one way
			// or the other, and goes once
			this.open.computeIfAbsent(hash, key -> ConcurrentHashMap.newKeySet()).add(stream);
			return catchUp(stream).thenReturn(stream).doOnError(ex -> close(stream)).doOnCancel(() -> close(stream));
		});
	}

	void close(Stream stream) {
		if (!stream.closed.compareAndSet(false, true)) {
			return;
		}
		this.count.decrementAndGet();
		this.open.computeIfPresent(stream.hash, (hash, streams) -> {
			streams.remove(stream);
			return streams.isEmpty() ? null : streams;
		});
		stream.sink.tryEmitComplete();
		stream.ended.tryEmitEmpty();
	}

	/** How many streams are open on this instance. */
	int count() {
		return this.count.get();
	}

	/**
	 * A message {@link ChatPost} is sending now, for the pages open on it here.
	 * Delivering it can never fail the send.
	 */
	void sending(QueuedMessage message) {
		Set<Stream> streams = this.open.get(this.sealer.hash(message.address()));
		if (streams == null) {
			return;
		}
		Event event = new Event(message.messageId(),
				entry(message.purpose() == OutboundMessage.Purpose.WORKER_REPLY, message.text()));
		streams.forEach(stream -> stream.offer(event));
	}

	private static ChatController.Entry entry(boolean fromWorker, String text) {
		return new ChatController.Entry(fromWorker ? ChatController.WORKER : ChatController.WAYMARK, null, text, null,
				null);
	}

	/** The newest message of the conversation, 0 if none, for a stream from now. */
	private Mono<Long> latest(String hash) {
		return this.db.sql("select max(id) as id from message where address_hash = :hash and channel = :channel")
			.bind("hash", hash)
			.bind("channel", ChatController.CHANNEL)
			.map(row -> {
				Long id = row.get("id", Long.class);
				return id == null ? 0L : id;
			})
			.one()
			.defaultIfEmpty(0L);
	}

	private Mono<Void> catchUp(Stream stream) {
		return this.db
			.sql("select id, address_hash, body_sealed, kind from message where address_hash = :hash and "
					+ LEFT_BY_THE_SENDER + " and id > :after order by id limit :max")
			.bind("hash", stream.hash)
			.bind("after", stream.after)
			.bind("max", CATCH_UP_MAX)
			.map(this::found)
			.all()
			.doOnNext(found -> found.deliverTo(stream))
			.then();
	}

	/**
	 * One query per {@link #PER_QUERY} conversations open here, for messages sent to them
	 * lately by any instance.
	 */
	Mono<Void> check() {
		List<String> hashes = List.copyOf(this.open.keySet());
		if (hashes.isEmpty()) {
			return Mono.empty();
		}
		OffsetDateTime since = Sql.now(this.clock).minus(LOOK_BACK);
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < hashes.size(); from += PER_QUERY) {
			chunks.add(hashes.subList(from, Math.min(hashes.size(), from + PER_QUERY)));
		}
		return Flux.fromIterable(chunks)
			.concatMap(chunk -> this.db
				.sql("select id, address_hash, body_sealed, kind from message where address_hash in (:hashes) and "
						+ LEFT_BY_THE_SENDER + " and updated_at > :since order by id")
				.bind("hashes", chunk)
				.bind("since", since)
				.map(this::found)
				.all())
			.doOnNext(found -> {
				Set<Stream> streams = this.open.get(found.hash());
				if (streams != null) {
					streams.forEach(found::deliverTo);
				}
			})
			.then();
	}

	/** A row read back; its text null when this instance cannot open it. */
	private record Found(String hash, Event event) {

		void deliverTo(Stream stream) {
			if (this.event != null) {
				stream.offer(this.event);
			}
		}

	}

	private Found found(Readable row) {
		long id = row.get("id", Long.class);
		String text;
		try {
			text = this.sealer.open(row.get("body_sealed", String.class));
		}
		catch (IllegalStateException ex) {
			log.warn("Message {} for an open chat cannot be opened: {}", id, ex.getMessage());
			return new Found(row.get("address_hash", String.class), null);
		}
		return new Found(row.get("address_hash", String.class),
				new Event(id, entry("WORKER_REPLY".equals(row.get("kind", String.class)), text)));
	}

}
