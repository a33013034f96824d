package app.waymark.channel.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.system.Sealer;
import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
 * The public web chat as an attacker uses it, over real HTTP: floods from one client,
 * link-code guessing with a new conversation for every guess, and conversation ids picked
 * to be someone else. Small limits here; the test's loopback is a trusted proxy, so each
 * case is its own client through {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "waymark.limits.chat=" + WebChatTrustIntegrationTests.CHAT_LIMIT + "/1m",
				"waymark.limits.link-codes=3/1h", "waymark.security.trusted-proxies=127.0.0.1,::1",
				"waymark.outbound.enabled=false", "waymark.chat.embed-origins=https://www.council.example" })
@AutoConfigureWebTestClient
class WebChatTrustIntegrationTests {

	static final int CHAT_LIMIT = 5;

	static final String ISSUED = "[A-Za-z0-9_-]{22}\\.[0-9a-f]{32}";

	static final AtomicInteger clients = new AtomicInteger();

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

	@Test
	void chatOverTheLimitIsRefusedWith429AndRetryAfter() {
		String client = newClient();
		for (int i = 0; i < CHAT_LIMIT; i++) {
			chat(client, "council tax", null).expectStatus().isOk();
		}
		chat(client, "council tax", null).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L))
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(429)
			.jsonPath("$.message")
			.value(message -> assertThat((String) message).contains("999"));
		// another client is not affected
		chat(newClient(), "council tax", null).expectStatus().isOk();
	}

	@Test
	void aCrisisMessageOverTheLimitStillGetsTheCrisisReply() {
		String client = newClient();
		for (int i = 0; i < CHAT_LIMIT; i++) {
			chat(client, "council tax", null).expectStatus().isOk();
		}
		chat(client, "what about my rent", null).expectStatus().isEqualTo(429);
		for (String crisis : List.of("i want to kill myself", "im going to end it all tonight")) {
			chat(client, crisis, null).expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.articleId")
				.isEqualTo("crisis-help");
		}
	}

	@Test
	void linkCodeGuessesAreLimitedPerClientWhateverConversationTheyClaim() {
		String client = newClient();
		for (String guess : List.of("ABCD-EF23", "ABCD-EF24", "ABCD-EF25")) {
			chat(client, guess, null).expectStatus().isOk();
		}
		chat(client, "ABCD-EF26", null).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.message")
			.value(message -> assertThat((String) message).contains("link codes"));
		// ordinary questions from the same client still go through
		chat(client, "council tax", null).expectStatus().isOk();
	}

	@Test
	void theServerIssuesTheConversationIdAndMoreFollowsIt() {
		String client = newClient();
		Map<String, Object> first = reply(chat(client, "council tax", null));
		String id = (String) first.get("conversationId");
		assertThat(id).matches(ISSUED);
		Map<String, Object> more = reply(chat(client, "MORE", id));
		assertThat(more.get("conversationId")).isEqualTo(id);
		assertThat(more.get("articleId")).isEqualTo("council-tax");
		// made-up and tampered ids are replaced, never taken as they are
		for (String madeUp : List.of("page-1", id.substring(0, 54) + (id.endsWith("0") ? "1" : "0"))) {
			assertThat(reply(chat(client, "hello", madeUp)).get("conversationId")).isNotEqualTo(madeUp)
				.asString()
				.matches(ISSUED);
		}
	}

	@Test
	void aConversationIdTheCallerPicksNeverMakesThemTheLinkedYoungPerson() {
		long worker = Staff.createWorker(this.web, "web-chat-worker@example.org", "WORKER", "North");
		long jo = Staff.createYoungPerson(this.web, "WEB-1", "North", worker);
		String code = Staff.linkCode(Staff.as(this.web, ADMIN), "/api/v1/young-people/" + jo + "/link-codes");
		// Jo links the chat, sending an id she chose, as the old chat page did
		Map<String, Object> linked = reply(chat(newClient(), code, "shared-chat-1"));
		assertThat((String) linked.get("reply")).contains("Jo");
		String josId = (String) linked.get("conversationId");
		assertThat(josId).isNotEqualTo("shared-chat-1").matches(ISSUED);
		// someone else sends the id Jo picked: a stranger, nothing of Jo's
		Map<String, Object> other = reply(chat(newClient(), "am i linked stranger-words", "shared-chat-1"));
		assertThat(other.get("conversationId")).isNotEqualTo("shared-chat-1").isNotEqualTo(josId);
		// Jo, with the id the server gave her, is still Jo
		chat(newClient(), "council tax jo-words", josId).expectStatus().isOk();
		List<Map<String, Object>> messages = Staff.read(Staff.as(this.web, ADMIN),
				"/api/v1/young-people/" + jo + "/messages", List.class);
		assertThat(messages).extracting(message -> message.get("text"))
			.contains("council tax jo-words")
			.doesNotContain("am i linked stranger-words");
	}

	@Test
	void tenCrisisMessagesFromOneStrangerAreOneUrgentAlertWithACountAndTenCrisisReplies() {
		String client = newClient();
		for (int i = 0; i < 10; i++) {
			// no conversation id: a new conversation every time, as a flood would send
			chat(client, "i want to kill myself", null).expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.articleId")
				.isEqualTo("crisis-help");
		}
		String key = "client:" + this.sealer.hash(client);
		assertThat(alerts("sender_key = '" + key + "'")).isOne();
		assertThat(alerts("sender_key = '" + key + "' and level = 'URGENT' and repeat_count = 10")).isOne();
	}

	@Test
	void aBareHelpIsTheTopicMenuNeverAnAlert() {
		long before = alerts("1 = 1");
		for (int i = 0; i < 30; i++) {
			chat(newClient(), i % 3 == 0 ? "help" : i % 3 == 1 ? "HELP" : "Help!", null).expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.reply")
				.value(reply -> assertThat((String) reply).contains("Ask me about"));
		}
		assertThat(alerts("1 = 1")).isEqualTo(before);
		// asking for help in words is still a concern
		chat(newClient(), "please help me", null).expectStatus().isOk();
		assertThat(alerts("1 = 1")).isEqualTo(before + 1);
	}

	@Test
	void aReloadedPageGetsItsConversationBackBothWaysAndNobodyElses() {
		String client = newClient();
		Map<String, Object> first = reply(chat(client, "council tax", null));
		String id = (String) first.get("conversationId");
		chat(client, "who won the match last night", id).expectStatus().isOk();
		chat(newClient(), "someone else's words", null).expectStatus().isOk();
		Map<String, Object> history = history(newClient(), id).expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> messages = (List<Map<String, Object>>) history.get("messages");
		assertThat(messages).extracting(message -> message.get("from"))
			.containsExactly("you", "waymark", "you", "waymark");
		assertThat(messages.get(0).get("summary")).isEqualTo("council tax");
		assertThat(messages.get(1)).containsEntry("title", first.get("title"))
			.containsEntry("summary", first.get("summary"))
			.containsEntry("more", first.get("more"))
			.containsEntry("source", first.get("source"));
		assertThat(messages.get(2).get("summary")).isEqualTo("who won the match last night");
		assertThat(messages).noneMatch(message -> String.valueOf(message).contains("someone else"));
		// the replies were logged as sent, and nothing was queued for a dispatcher
		assertThat(this.db
			.sql("select count(*) as n from message where direction = 'OUT' and status = 'SENT' "
					+ "and channel = 'web' and address_hash = :hash")
			.bind("hash", this.sealer.hash(id))
			.map(row -> row.get("n", Long.class))
			.one()
			.block()).isEqualTo(2);
		assertThat(this.db.sql("select count(*) as n from outbound where channel = 'web'")
			.map(row -> row.get("n", Long.class))
			.one()
			.block()).isZero();
	}

	@Test
	void onlyAnIssuedConversationHasAHistoryAndAskingIsLimited() {
		String client = newClient();
		history(client, "made-up").expectStatus().isNotFound();
		history(client, "A".repeat(22) + "." + "0".repeat(32)).expectStatus().isNotFound();
		String id = (String) reply(chat(client, "council tax", null)).get("conversationId");
		for (int i = 1; i < CHAT_LIMIT; i++) {
			history(client, id).expectStatus().isOk();
		}
		history(client, id).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
	}

	/** The launcher's frame: the council's site may show the chat page, nothing else. */
	@Test
	void onlyTheChatPageMayBeFramedAndOnlyByTheCouncilsSite() {
		this.web.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Security-Policy",
					policy -> assertThat(policy).contains("frame-ancestors 'self' https://www.council.example")
						.doesNotContain("frame-ancestors 'none'"))
			.expectHeader()
			.doesNotExist("X-Frame-Options");
		this.web.get()
			.uri("/login")
			.exchange()
			.expectHeader()
			.value("Content-Security-Policy", policy -> assertThat(policy).contains("frame-ancestors 'none'"));
	}

	WebTestClient.ResponseSpec history(String client, String conversationId) {
		return this.web.get()
			.uri("/api/v1/chat/{id}/history", conversationId)
			.header("X-Forwarded-For", client)
			.exchange();
	}

	long alerts(String where) {
		return this.db.sql("select count(*) as n from alert where " + where)
			.map(row -> row.get("n", Long.class))
			.one()
			.block();
	}

	static String newClient() {
		return "203.0.113." + clients.incrementAndGet();
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

	static Map<String, Object> reply(WebTestClient.ResponseSpec response) {
		return response.expectStatus().isOk().expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
		}).returnResult().getResponseBody();
	}

}
