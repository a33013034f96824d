package app.waymark.channel.web;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.system.EventStream;
import app.waymark.system.Sealer;
import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page's event stream over real HTTP, read as a browser's EventSource reads it:
 * a worker's reply reaches an open page within seconds, whether this instance sent it or
 * it is only in the database (as another instance leaves it); the chat's own replies are
 * never repeated on it; a reconnect goes on after the last event the browser got; only an
 * issued conversation has a stream, opening one is limited like the history, and an
 * instance holds only so many. The test's loopback is a trusted proxy, so each case is
 * its own client through {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "waymark.limits.chat=" + ChatEventsIntegrationTests.LIMIT + "/1m",
				"waymark.security.trusted-proxies=127.0.0.1,::1", "waymark.chat.stream.heartbeat=1s",
				"waymark.chat.stream.max-open=" + ChatEventsIntegrationTests.MAX_OPEN })
@AutoConfigureWebTestClient
class ChatEventsIntegrationTests {

	static final int LIMIT = 8;

	static final int MAX_OPEN = 4;

	/** How soon a reply must show on an open page. */
	static final Duration SOON = Duration.ofSeconds(5);

	static final AtomicInteger clients = new AtomicInteger();

	static final AtomicInteger people = new AtomicInteger();

	static final ObjectMapper JSON = new ObjectMapper();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	@Autowired
	Sealer sealer;

	@Autowired
	OpenChats open;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	/** A young person, their worker, and the web chat they linked. */
	record Linked(String worker, long youngPerson, String conversationId) {
	}

	@Test
	void aWorkersReplyReachesTheOpenPageAtOnceAndTheChatsOwnRepliesDoNot() throws Exception {
		Linked jo = linked();
		try (EventStream page = stream(jo.conversationId(), lastEventId(jo.conversationId()), null)) {
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.response().headers().firstValue("Content-Type")).get()
				.asString()
				.startsWith("text/event-stream");
			// the young person asks something: the answer is in the response, not the
			// stream
			chat(newClient(), "council tax", jo.conversationId()).expectStatus().isOk();
			long sent = System.nanoTime();
			long messageId = reply(jo, "Hi Jo, I will call you at 3");
			EventStream.Event event = page.next(SOON);
			long millis = (System.nanoTime() - sent) / 1_000_000;
			assertThat(event).as("the worker's reply within %s", SOON).isNotNull();
			assertThat(event.id()).isEqualTo(String.valueOf(messageId));
			assertThat(entry(event)).containsEntry("from", "worker")
				.containsEntry("summary", "Hi Jo, I will call you at 3");
			System.out.println("A worker's reply reached the open page after " + millis + " ms");
			assertThat(page.during(Duration.ofSeconds(3))).as("nothing more, nothing twice").isEmpty();
		}
	}

	@Test
	void aMessageOnlyInTheDatabaseAsAnotherInstanceLeavesItReachesTheOpenPage() throws Exception {
		String conversation = conversation();
		try (EventStream page = stream(conversation, lastEventId(conversation), null)) {
			long id = leftByAnotherInstance(conversation, "A reply sent from the other instance");
			EventStream.Event event = page.next(SOON);
			assertThat(event).as("found in the database within %s", SOON).isNotNull();
			assertThat(event.id()).isEqualTo(String.valueOf(id));
			assertThat(entry(event)).containsEntry("from", "worker")
				.containsEntry("summary", "A reply sent from the other instance");
			// the check goes on looking back a while: still only once
			assertThat(page.during(Duration.ofSeconds(5))).isEmpty();
		}
	}

	@Test
	void aReconnectGoesOnAfterTheLastEventTheBrowserGotAndRepeatsNothing() throws Exception {
		String conversation = conversation();
		long before = lastEventId(conversation);
		long first = leftByAnotherInstance(conversation, "first");
		long second = leftByAnotherInstance(conversation, "second");

		// the browser reconnecting says the last it got; the address keeps the first
		// position
		try (EventStream page = stream(conversation, before, String.valueOf(first))) {
			List<EventStream.Event> events = page.during(Duration.ofSeconds(4));
			assertThat(events).extracting(EventStream.Event::id).containsExactly(String.valueOf(second));
		}
		// a page from the history's position gets both, in order, once
		try (EventStream page = stream(conversation, before, null)) {
			List<EventStream.Event> events = page.during(Duration.ofSeconds(4));
			assertThat(events).extracting(EventStream.Event::id)
				.containsExactly(String.valueOf(first), String.valueOf(second));
			assertThat(events).extracting(event -> entry(event).get("summary")).containsExactly("first", "second");
		}
		// with no position it goes on from now
		try (EventStream page = stream(conversation, null, null)) {
			assertThat(page.during(Duration.ofSeconds(3))).isEmpty();
			long third = leftByAnotherInstance(conversation, "third");
			assertThat(page.next(SOON)).isNotNull()
				.satisfies(event -> assertThat(event.id()).isEqualTo(String.valueOf(third)));
		}
	}

	@Test
	void theHistorySaysWhereTheStreamGoesOnFrom() throws Exception {
		Linked jo = linked();
		long messageId = reply(jo, "Written before the page was opened");
		awaitSent(messageId);
		long position = lastEventId(jo.conversationId());
		assertThat(position).isGreaterThanOrEqualTo(messageId);
		try (EventStream page = stream(jo.conversationId(), position, null)) {
			assertThat(page.during(Duration.ofSeconds(3))).as("already on the page from the history").isEmpty();
		}
	}

	@Test
	void onlyAnIssuedConversationHasAStreamAndAPositionMustBeANumber() {
		String issued = conversation();
		for (String id : List.of("made-up", "A".repeat(22) + "." + "0".repeat(32))) {
			try (EventStream page = open(newClient(), id, null, null)) {
				assertThat(page.status()).as(id).isEqualTo(404);
			}
		}
		for (String[] position : new String[][] { { "-1", null }, { null, "12abc" }, { "1".repeat(30), null } }) {
			try (EventStream page = open(newClient(), issued, position[0], position[1])) {
				assertThat(page.status()).as(String.join(",", String.valueOf(position[0]), position[1])).isEqualTo(400);
			}
		}
	}

	@Test
	void openingAStreamIsLimitedLikeTheHistory() {
		String conversation = conversation();
		String client = newClient();
		for (int i = 0; i < LIMIT; i++) {
			try (EventStream page = open(client, conversation, "0", null)) {
				assertThat(page.status()).isEqualTo(200);
			}
		}
		try (EventStream page = open(client, conversation, "0", null)) {
			assertThat(page.status()).isEqualTo(429);
			assertThat(page.response().headers().firstValue("Retry-After")).isPresent();
		}
	}

	@Test
	void anInstanceHoldsSoManyStreamsAndForgetsClosedOnes() throws Exception {
		String conversation = conversation();
		awaitNoneOpen();
		List<EventStream> pages = new java.util.ArrayList<>();
		try {
			for (int i = 0; i < MAX_OPEN; i++) {
				pages.add(open(newClient(), conversation, "0", null));
				assertThat(pages.get(i).status()).isEqualTo(200);
			}
			assertThat(this.open.count()).isEqualTo(MAX_OPEN);
			assertThat(this.meters.get("waymark.chat.streams").gauge().value()).isEqualTo(MAX_OPEN);
			try (EventStream refused = open(newClient(), conversation, "0", null)) {
				assertThat(refused.status()).isEqualTo(503);
			}
			// an idle stream keeps proxies from closing it
			assertThat(pages.get(0).nextComment(Duration.ofSeconds(3))).isIn("open", "keep-alive");
			assertThat(pages.get(0).nextComment(Duration.ofSeconds(3))).isEqualTo("keep-alive");
		}
		finally {
			pages.forEach(EventStream::close);
		}
		awaitNoneOpen();
		try (EventStream again = open(newClient(), conversation, "0", null)) {
			assertThat(again.status()).isEqualTo(200);
		}
	}

	/**
	 * Open streams would hold up a graceful shutdown: they end first, and pages
	 * reconnect.
	 */
	@Test
	void shuttingDownEndsEveryStreamAndAReconnectGoesOnWhereItWas() throws Exception {
		String conversation = conversation();
		long before = lastEventId(conversation);
		long first = leftByAnotherInstance(conversation, "before the shutdown");
		try (EventStream page = stream(conversation, before, null)) {
			EventStream.Event got = page.next(SOON);
			assertThat(got).isNotNull();
			assertThat(page.ends(Duration.ofSeconds(1))).as("open until told").isFalse();
			this.open.endAll();
			assertThat(page.ends(Duration.ofSeconds(3))).as("ended by the shutdown").isTrue();
			assertThat(this.open.count()).isZero();
			leftByAnotherInstance(conversation, "while it was away");
			try (EventStream again = stream(conversation, before, got.id())) {
				assertThat(again.during(Duration.ofSeconds(3))).extracting(event -> entry(event).get("summary"))
					.containsExactly("while it was away");
			}
			assertThat(got.id()).isEqualTo(String.valueOf(first));
		}
	}

	// --- helpers

	EventStream stream(String conversationId, Long after, String lastEventId) {
		EventStream page = open(newClient(), conversationId, lastEventId, after == null ? null : String.valueOf(after));
		assertThat(page.status()).isEqualTo(200);
		return page;
	}

	EventStream open(String client, String conversationId, String lastEventId, String after) {
		Map<String, String> headers = new HashMap<>();
		headers.put("X-Forwarded-For", client);
		if (lastEventId != null) {
			headers.put("Last-Event-ID", lastEventId);
		}
		return EventStream.open("http://localhost:" + this.port + "/api/v1/chat/" + conversationId + "/events"
				+ (after == null ? "" : "?after=" + after), headers);
	}

	/** A new young person linked on a new web chat, with their own worker. */
	Linked linked() {
		int n = people.incrementAndGet();
		String worker = "stream-worker-" + n + "@example.org";
		long workerId = Staff.createWorker(this.web, worker, "WORKER", "North");
		long jo = Staff.createYoungPerson(this.web, "STREAM-" + n, "North", workerId);
		String code = Staff.linkCode(Staff.as(this.web, ADMIN), "/api/v1/young-people/" + jo + "/link-codes");
		Map<String, Object> linked = body(chat(newClient(), code, null));
		assertThat((String) linked.get("reply")).contains("Jo");
		return new Linked(worker, jo, (String) linked.get("conversationId"));
	}

	/** A new conversation, issued by the server. */
	String conversation() {
		return (String) body(chat(newClient(), "council tax", null)).get("conversationId");
	}

	/** The worker's reply through the API; gives its message id. */
	long reply(Linked linked, String text) {
		Map<String, Object> queued = Staff.as(this.web, linked.worker())
			.post()
			.uri("/api/v1/young-people/{id}/replies", linked.youngPerson())
			.bodyValue(Map.of("text", text))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(queued).containsEntry("channel", "web");
		return ((Number) queued.get("messageId")).longValue();
	}

	/**
	 * A message as the outbound queue leaves it once another instance's dispatcher sent
	 * it: logged, marked sent with its segments. Nothing on this instance is told.
	 */
	long leftByAnotherInstance(String conversationId, String text) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
		return this.db
			.sql("insert into message (channel, direction, address_hash, body_sealed, kind, status, segments, "
					+ "created_at, updated_at) values ('web', 'OUT', :hash, :body, 'WORKER_REPLY', 'SENT', 1, :now, :now)")
			.bind("hash", this.sealer.hash(conversationId))
			.bind("body", this.sealer.seal(text))
			.bind("now", now)
			.filter(statement -> statement.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
	}

	void awaitSent(long messageId) throws InterruptedException {
		long deadline = System.nanoTime() + SOON.toNanos();
		while (!"SENT".equals(this.db.sql("select status from message where id = :id")
			.bind("id", messageId)
			.map(row -> row.get("status", String.class))
			.one()
			.block())) {
			assertThat(System.nanoTime()).as("message %s sent", messageId).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	void awaitNoneOpen() throws InterruptedException {
		long deadline = System.nanoTime() + SOON.toNanos();
		while (this.open.count() > 0) {
			assertThat(System.nanoTime()).as("streams closed").isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	long lastEventId(String conversationId) {
		Map<String, Object> history = this.web.get()
			.uri("/api/v1/chat/{id}/history", conversationId)
			.header("X-Forwarded-For", newClient())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		return ((Number) history.get("lastEventId")).longValue();
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> entry(EventStream.Event event) {
		try {
			return JSON.readValue(event.data(), Map.class);
		}
		catch (Exception ex) {
			throw new AssertionError("not JSON: " + event.data(), ex);
		}
	}

	static String newClient() {
		int n = clients.incrementAndGet();
		return "198.51." + (n / 250) + "." + (n % 250 + 1);
	}

	WebTestClient.ResponseSpec chat(String client, String text, String conversationId) {
		Map<String, Object> body = new HashMap<>();
		body.put("text", text);
		body.put("language", "en");
		if (conversationId != null) {
			body.put("conversationId", conversationId);
		}
		return this.web.post()
			.uri("/api/v1/chat")
			.header("X-Forwarded-For", client)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	static Map<String, Object> body(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
		}).returnResult().getResponseBody();
	}

}
