package app.waymark.channel.web;

import java.util.List;
import java.util.Map;

import app.waymark.channel.OutboundMessage;
import app.waymark.channel.OutboundQueue;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The local chat page and JSON API over real HTTP handling, on the embedded defaults. */
@SpringBootTest
@AutoConfigureWebTestClient
class ChatIntegrationTests {

	@Autowired
	WebTestClient web;

	@Autowired
	OutboundQueue outbound;

	@Autowired
	DatabaseClient db;

	@Test
	void answersFreeBusQuestionWithTheBusAndTramArticle() {
		this.web.post()
			.uri("/api/v1/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "can i get free bus travel?", "language", "en"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.articleId")
			.isEqualTo("free-bus-and-tram-travel")
			.jsonPath("$.confident")
			.isEqualTo(true)
			.jsonPath("$.score")
			.doesNotExist()
			.jsonPath("$.reply")
			.value(reply -> assertThat((String) reply).contains("bus").contains("Source:"))
			.jsonPath("$.title")
			.value(title -> assertThat((String) title).containsIgnoringCase("bus"))
			.jsonPath("$.summary")
			.value(summary -> assertThat((String) summary).isNotBlank().doesNotContain("Source:"))
			.jsonPath("$.more")
			.value(more -> assertThat((String) more).hasSizeGreaterThan(100))
			.jsonPath("$.source")
			.value(source -> assertThat((String) source).startsWith("https://"));
	}

	@Test
	void theFirstScreenHasTheCouncilItsHelplinesTopicsAndTheWordsForAPerson() {
		this.web.get()
			.uri("/api/v1/chat/about")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.council")
			.isEqualTo("City of London")
			.jsonPath("$.keptMonths")
			.isEqualTo(12)
			.jsonPath("$.emergency.emergency")
			.isEqualTo("999")
			.jsonPath("$.emergency.samaritans")
			.isEqualTo("116 123")
			.jsonPath("$.topics[0]")
			.isEqualTo("travel")
			.jsonPath("$.talkToAPerson")
			.value(words -> assertThat(app.waymark.conversation.Command.parse((String) words))
				.contains(app.waymark.conversation.Command.WORKER));
	}

	@Test
	void theChatPageMayNotBeFramedUnlessAnEmbedOriginIsSet() {
		this.web.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.value("Content-Security-Policy", policy -> assertThat(policy).contains("frame-ancestors 'none'"));
	}

	/**
	 * A worker's reply to a young person on the web chat is queued like any other and
	 * "sent" by being left in the conversation, where the page's next look finds it.
	 */
	@Test
	void aWorkersReplyIsSentByLeavingItInTheConversation() throws InterruptedException {
		String id = (String) chat("{\"text\":\"council tax\"}").expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("conversationId");
		this.outbound
			.enqueue(new OutboundMessage("web", id, "Hi, it's Sam. I can call you at 3pm.", null,
					OutboundMessage.Purpose.WORKER_REPLY, null, null, "WORKER_REPLY"))
			.block();
		List<?> messages = List.of();
		for (int tries = 0; tries < 50 && messages.size() < 3; tries++) {
			Thread.sleep(200);
			messages = (List<?>) this.web.get()
				.uri("/api/v1/chat/{id}/history", id)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Map.class)
				.returnResult()
				.getResponseBody()
				.get("messages");
		}
		assertThat(messages).hasSize(3);
		Map<?, ?> worker = (Map<?, ?>) messages.get(2);
		assertThat(worker.get("from")).isEqualTo("worker");
		assertThat(worker.get("summary")).isEqualTo("Hi, it's Sam. I can call you at 3pm.");
		List<String> status = List.of();
		for (int tries = 0; tries < 50 && !status.equals(List.of("SENT")); tries++) {
			Thread.sleep(200);
			status = this.db.sql("select status from outbound where channel = 'web'")
				.map(row -> row.get(0, String.class))
				.all()
				.collectList()
				.block();
		}
		assertThat(status).as("the dispatcher sends it, once").containsExactly("SENT");
	}

	@Test
	void crisisMessageIsAnsweredWithCrisisHelpConfidently() {
		this.web.post()
			.uri("/api/v1/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("text", "i want to end it all tonight"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.articleId")
			.isEqualTo("crisis-help")
			.jsonPath("$.confident")
			.isEqualTo(true);
	}

	@Test
	void moreFollowsTheConversationId() {
		String id = (String) chat("{\"text\":\"council tax\"}").expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("conversationId");
		chat("{\"text\":\"MORE\",\"conversationId\":\"" + id + "\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.articleId")
			.isEqualTo("council-tax");
	}

	@Test
	void unsureAnswerHasNoArticle() {
		chat("{\"text\":\"who won the match last night\"}").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.articleId")
			.doesNotExist()
			.jsonPath("$.confident")
			.isEqualTo(false);
	}

	@Test
	void badRequestsGetClearJsonErrorsWithoutStackTraces() {
		assertError(chat("{\"text\":\"   \"}"), 400, "text");
		assertError(chat("{}"), 400, "text");
		assertError(chat("{\"text\":\"" + "a".repeat(2_001) + "\"}"), 400, "text");
		assertError(chat("{\"text\": \"unclosed"), 400, null);
		assertError(chat("[1,2,3]"), 400, null);
		assertError(chat("{\"text\":\"" + "a".repeat(70_000) + "\"}"), 413, null);
		assertError(chat("{\"text\":\"hi\",\"conversationId\":\"" + "x".repeat(101) + "\"}"), 400, "conversationId");
	}

	@Test
	void oddUnicodeIsAnsweredSafely() {
		chat("{\"text\":\"\\u202e\\ud83d\\ude8c \\u0633\\u0644\\u0627\\u0645 \\u0000 bus?\"}").expectStatus().isOk();
		chat("{\"text\":\"\\ud800 lone surrogate\"}").expectStatus().isOk();
	}

	@Test
	void searchRanksArticlesWithSnippets() {
		this.web.get()
			.uri("/api/v1/knowledge/search?q={q}", "aprentiship")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[0].id")
			.isEqualTo("apprenticeships")
			.jsonPath("$[0].title")
			.isNotEmpty()
			.jsonPath("$[0].snippet")
			.isNotEmpty();
		this.web.get().uri("/api/v1/knowledge/search?q={q}", "*:* AND ((").exchange().expectStatus().isOk();
		this.web.get()
			.uri("/api/v1/knowledge/search")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("q");
	}

	@Test
	void chatPageAndHealthAreServed() {
		this.web.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(page -> assertThat(page).contains("/js/chat.js").contains("<label"));
		this.web.get()
			.uri("/js/chat.js")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value(script -> assertThat(script).contains("/api/v1/chat").contains("body.conversationId"));
		this.web.get()
			.uri("/actuator/health")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP");
	}

	private WebTestClient.ResponseSpec chat(String json) {
		return this.web.post().uri("/api/v1/chat").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	private static void assertError(WebTestClient.ResponseSpec response, int status, String field) {
		response.expectStatus().isEqualTo(status).expectBody(String.class).value(body -> {
			assertThat(body).contains("\"message\"").doesNotContain("Exception").doesNotContain("\tat ");
			if (field != null) {
				assertThat(body).contains("\"field\":\"" + field + "\"");
			}
		});
	}

}
