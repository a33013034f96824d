package app.waymark.channel.telegram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import app.waymark.WaymarkApplication;
import app.waymark.channel.OutboundDispatcher;
import app.waymark.people.LinkedYoungPerson;
import app.waymark.system.MutableClock;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import app.waymark.system.Answering;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.channel.telegram.TelegramStub.API;
import static app.waymark.channel.telegram.TelegramStub.SECRET;
import static app.waymark.channel.telegram.TelegramStub.SEND_MESSAGE;
import static app.waymark.channel.telegram.TelegramStub.TOKEN;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Telegram channel end to end: real HTTP into the app, a real database, real outbound
 * queue and dispatcher; only Telegram's Bot API is a WireMock stub.
 */
@SpringBootTest(classes = { WaymarkApplication.class, TelegramTestConfiguration.class },
		properties = { "waymark.outbound.enabled=false", "waymark.telegram.bot-username=WaymarkBot" })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class TelegramWebhookIntegrationTests {

	/** The chat the update fixtures come from. */
	static final String CHAT = "987654321";

	@RegisterExtension
	static final TelegramStub telegram = new TelegramStub();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	static final ObjectMapper JSON = new ObjectMapper();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		database.register(registry);
		Path dir = Files.createTempDirectory("waymark-telegram");
		registry.add("waymark.data.dir", dir::toString);
		registry.add("waymark.knowledge.dir", () -> knowledge(dir.resolve("knowledge")).toString());
		telegram.register(registry);
	}

	/** The real knowledge base plus two fixture articles (a long one, a tricky title). */
	static Path knowledge(Path target) {
		try (Stream<Path> files = Files.walk(Path.of("knowledge"))) {
			for (Path file : files.toList()) {
				Path copy = target.resolve(Path.of("knowledge").relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(file, copy);
				}
			}
			for (String name : List.of("zebra-handbook.md", "quokka-deposit.md")) {
				Files.copy(new ClassPathResource("channel/telegram/knowledge/" + name).getInputStream(),
						target.resolve("national").resolve(name));
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Autowired
	MeterRegistry meters;

	@Autowired
	TelegramTestConfiguration.Unreachables unreachables;

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	@Autowired
	OutboundDispatcher dispatcher;

	@Autowired
	MutableClock clock;

	@Autowired
	Sealer sealer;

	@Autowired
	TelegramStartup startup;

	@BeforeEach
	void reset() {
		telegram.acceptEverything();
		for (String table : List.of("alert_event", "alert", "outbound", "message", "consent", "channel_identity",
				"young_person")) {
			this.db.sql("delete from " + table).then().block();
		}
		// a fresh hour: no chat is inside its per-chat interval
		this.clock.advance(Duration.ofHours(1));
	}

	@AfterEach
	void nothingPersonalInTheLogs(CapturedOutput output) {
		assertThat(output.getAll()).doesNotContain(CHAT)
			.doesNotContain("free bus travel")
			.doesNotContain("zebra handbook")
			.doesNotContain("quokka deposit")
			.doesNotContain(TOKEN)
			.doesNotContain(SECRET);
	}

	record Case(String fixture, int inboundRows, int sends, int callbacks, String lastTextContains, String buttonData) {

		@Override
		public String toString() {
			return this.fixture;
		}

	}

	static Stream<Case> cases() {
		return Stream.of(new Case("text", 1, 1, 0, "bus", "cmd:topics"),
				new Case("start_payload", 1, 1, 0, "That code didn't work", null),
				// words that signal danger after a command are a message, answered with
				// crisis help
				new Case("start_crisis", 1, 1, 0, "999", null), new Case("stop_crisis", 1, 1, 0, "999", null),
				new Case("help_with_username", 1, 1, 0, "Ask me about", "topic:housing"),
				new Case("callback_query", 1, 1, 1, null, null),
				new Case("sticker", 1, 1, 0, "Please type your question", null),
				new Case("voice", 1, 1, 0, "Please type your question", null),
				new Case("location", 1, 1, 0, "Please type your question", null),
				new Case("photo_caption", 1, 1, 0, "bus", null), new Case("edited_message", 1, 0, 0, null, null),
				new Case("group_message", 0, 0, 0, null, null), new Case("channel_post", 0, 0, 0, null, null),
				new Case("my_chat_member_kicked", 0, 0, 0, null, null),
				new Case("stop", 1, 1, 0, "Send /start to turn them back on", null),
				new Case("language", 1, 1, 0, "Choose your language", "lang:en"),
				new Case("language", 1, 1, 0, "Choose your language", "lang:ckb"),
				new Case("language_code", 1, 1, 0, "سأجيب بالعربية", null),
				new Case("callback_language", 1, 1, 1, "je r", null));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void handlesEachKindOfUpdate(Case row) throws IOException {
		webhook(fixture(row.fixture()), SECRET).expectStatus().isOk();
		dispatchAll();
		assertThat(count("select count(*) from message where direction = 'IN'")).isEqualTo(row.inboundRows());
		List<JsonNode> sent = sent();
		assertThat(sent).hasSize(row.sends());
		assertThat(telegram.findAll(postRequestedFor(urlEqualTo(API + "/answercallbackquery"))))
			.hasSize(row.callbacks());
		for (JsonNode message : sent) {
			assertThat(message.path("chat_id").asText()).isEqualTo(CHAT);
			assertThat(message.path("parse_mode").asText()).isEqualTo("MarkdownV2");
			assertThat(message.path("text").asText().length()).isLessThanOrEqualTo(4096);
		}
		if (row.lastTextContains() != null) {
			assertThat(sent.getLast().path("text").asText()).contains(row.lastTextContains());
		}
		if (row.buttonData() != null) {
			assertThat(sent.getLast().path("reply_markup").toString()).contains("\"" + row.buttonData() + "\"");
		}
	}

	@Test
	void callbackIsAnsweredAndItsTopicAsked() throws IOException {
		webhook(fixture("callback_query"), SECRET).expectStatus().isOk();
		telegram.verify(1, postRequestedFor(urlEqualTo(API + "/answercallbackquery")).withRequestBody(matchingJsonPath(
				"$.callback_query_id", com.github.tomakehurst.wiremock.client.WireMock.equalTo("4382bfdwdsb323b2d9"))));
		assertThat(count("select count(*) from message where direction = 'OUT'")).isEqualTo(1);
	}

	@Test
	void redeliveredUpdateIsStoredAndAnsweredOnce() throws IOException {
		String body = fixture("text");
		webhook(body, SECRET).expectStatus().isOk();
		webhook(body, SECRET).expectStatus().isOk();
		dispatchAll();
		assertThat(count("select count(*) from message where direction = 'IN'")).isEqualTo(1);
		assertThat(sent()).hasSize(1);
	}

	@ParameterizedTest(name = "secret [{0}]")
	@ValueSource(strings = { "", "wrong", "s3cret-Token_2", "s3cret-Token_1x" })
	void wrongOrMissingSecretIsRefusedAndNothingStored(String secret) throws IOException {
		webhook(fixture("text"), secret.isEmpty() ? null : secret).expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.message")
			.isNotEmpty();
		assertThat(count("select count(*) from message")).isZero();
	}

	@ParameterizedTest(name = "[{0}]")
	@ValueSource(strings = { "{\"update_id\": 1, \"message\": ", "[1,2]", "\"text\"", "{}", "{\"message\":{}}" })
	void malformedBodyIs400(String body) {
		webhook(body, SECRET).expectStatus().isBadRequest().expectBody().jsonPath("$.message").isNotEmpty();
		assertThat(count("select count(*) from message")).isZero();
	}

	@Test
	void bodyOver64KbIs413() {
		String body = "{\"update_id\":1,\"message\":{\"text\":\"" + "a".repeat(70_000) + "\"}}";
		webhook(body, SECRET).expectStatus().isEqualTo(413);
		assertThat(count("select count(*) from message")).isZero();
	}

	@Test
	void tooManyRequestsIsRetriedAfterTelegramsDelayThenSent() throws IOException {
		telegram.stubFor(post(urlEqualTo(SEND_MESSAGE)).willReturn(aResponse().withStatus(429)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 7\","
					+ "\"parameters\":{\"retry_after\":7}}")));
		webhook(fixture("text"), SECRET).expectStatus().isOk();
		Instant before = this.clock.instant();
		this.dispatcher.dispatchOnce().block();
		OffsetDateTime next = this.db.sql("select next_attempt_at from outbound")
			.map(row -> row.get("next_attempt_at", OffsetDateTime.class))
			.one()
			.block();
		assertThat(next.toInstant()).isEqualTo(before.plusSeconds(7));
		assertThat(status()).isEqualTo("QUEUED");
		assertThat(this.db.sql("select last_error from outbound").map(row -> row.get(0, String.class)).one().block())
			.contains("429");

		telegram.acceptEverything();
		this.clock.advance(Duration.ofSeconds(6));
		this.dispatcher.dispatchOnce().block();
		assertThat(sent()).isEmpty();
		this.clock.advance(Duration.ofSeconds(1));
		this.dispatcher.dispatchOnce().block();
		assertThat(sent()).hasSize(1);
		assertThat(status()).isEqualTo("SENT");
	}

	@Test
	void blockedBotFailsForGoodAndStopsFurtherReplies() throws IOException {
		telegram.stubFor(post(urlEqualTo(SEND_MESSAGE)).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}")));
		long youngPerson = link();
		webhook(fixture("text"), SECRET).expectStatus().isOk();
		this.dispatcher.dispatchOnce().block();
		this.clock.advance(Duration.ofHours(1));
		this.dispatcher.dispatchOnce().block();
		assertThat(status()).isEqualTo("FAILED");
		assertThat(count("select attempts from outbound")).isEqualTo(1);
		assertThat(sent()).hasSize(1);
		assertThat(this.db.sql("select unreachable_reason from channel_identity where young_person_id = :id")
			.bind("id", youngPerson)
			.map(row -> row.get(0, String.class))
			.one()
			.block()).isEqualTo("BLOCKED");
		// opted out: the next question is stored but not answered
		webhook(fixture("photo_caption"), SECRET).expectStatus().isOk();
		assertThat(count("select count(*) from outbound where status = 'QUEUED'")).isZero();
	}

	@Test
	void blockingAndUnblockingMarksTheLinkedIdentity() throws IOException {
		this.unreachables.seen.clear();
		long youngPerson = link();
		webhook(fixture("my_chat_member_kicked"), SECRET).expectStatus().isOk();
		assertThat(this.db.sql("select unreachable_at from channel_identity")
			.map(row -> row.get(0, OffsetDateTime.class))
			.one()
			.block()).isNotNull();
		assertThat(this.unreachables.seen).singleElement()
			.satisfies(event -> assertThat(event.youngPersonId()).isEqualTo(youngPerson));
		assertThat(latestConsent()).isFalse();
		webhook(fixture("text"), SECRET).expectStatus().isOk();
		assertThat(count("select count(*) from outbound")).isZero();

		webhook(fixture("my_chat_member_member"), SECRET).expectStatus().isOk();
		assertThat(this.db.sql("select count(*) from channel_identity where unreachable_at is null")
			.map(row -> row.get(0, Long.class))
			.one()
			.block()).isEqualTo(1);
		assertThat(latestConsent()).isTrue();
	}

	@Test
	void longAnswerIsSplitIntoPartsOfAtMost4096() throws IOException {
		webhook(fixture("long_answer"), SECRET).expectStatus().isOk();
		dispatchAll();
		List<JsonNode> sent = sent();
		assertThat(sent).hasSizeGreaterThan(1);
		assertThat(sent).allSatisfy(message -> {
			String text = message.path("text").asText();
			assertThat(text.length()).isLessThanOrEqualTo(4096);
			assertThat(text).doesNotEndWith("\\");
		});
		assertThat(sent.getFirst().path("text").asText()).startsWith("*Zebra handbook*");
		assertThat(sent.getLast().path("text").asText()).contains("Paragraph 39\\.").contains("example\\.org");
		assertThat(sent.getFirst().has("reply_markup")).isFalse();
		assertThat(sent.getLast().path("reply_markup").toString()).contains("cmd:topics");
	}

	@Test
	void markdownSpecialCharactersInATitleAreEscaped() throws IOException {
		webhook(fixture("markdown_title"), SECRET).expectStatus().isOk();
		dispatchAll();
		String text = sent().getFirst().path("text").asText();
		assertThat(text).startsWith("*Rent\\_deposit \\*help\\* \\[v2\\.0\\] \\(new\\)\\!*")
			.contains("\\(like the quokka one\\) pay 100% \\- ask \\#1 first\\.")
			.contains("a\\_b \\= c \\| d \\{e\\} \\~f\\~ g \\> h \\+ i\\.");
	}

	@Test
	void startUpRegistersTheWebhookWithUrlAndSecret() {
		this.startup.registerWebhook();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (telegram.findAll(postRequestedFor(urlEqualTo(API + "/setWebhook"))).isEmpty()
				&& System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		// setWebhook can carry a certificate, so TelegramBots posts it as multipart form
		// data to the camel-case method name.
		telegram.verify(postRequestedFor(urlPathEqualTo(API + "/setWebhook"))
			.withRequestBody(containing(TelegramStub.PUBLIC + TelegramStub.WEBHOOK))
			.withRequestBody(containing("name=\"secret_token\""))
			.withRequestBody(containing(SECRET)));
	}

	private long link() {
		return LinkedYoungPerson.insert(this.db, this.sealer, "telegram", CHAT, OffsetDateTime.now(this.clock));
	}

	private Boolean latestConsent() {
		return this.db.sql("select opted_in from consent order by recorded_at desc, id desc limit 1")
			.map(row -> row.get(0, Boolean.class))
			.one()
			.block();
	}

	private String status() {
		return this.db.sql("select status from outbound").map(row -> row.get(0, String.class)).one().block();
	}

	/**
	 * Sends everything queued, moving the clock on so per-chat spacing lets the next go.
	 */
	private void dispatchAll() {
		for (int i = 0; i < 12 && count("select count(*) from outbound where status = 'QUEUED'") > 0; i++) {
			this.dispatcher.dispatchOnce().block();
			this.clock.advance(Duration.ofMinutes(1));
		}
		assertThat(count("select count(*) from outbound where status = 'QUEUED'")).isZero();
	}

	private List<JsonNode> sent() {
		List<JsonNode> bodies = new ArrayList<>();
		for (LoggedRequest request : telegram.messages()) {
			try {
				bodies.add(JSON.readTree(request.getBodyAsString()));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return bodies;
	}

	private long count(String sql) {
		return this.db.sql(sql).map(row -> ((Number) row.get(0)).longValue()).one().block();
	}

	private WebTestClient.ResponseSpec webhook(String body, String secret) {
		WebTestClient.ResponseSpec response = TelegramStub.deliver(this.web, body, secret);
		Answering.settled(this.meters);
		return response;
	}

	static String fixture(String name) throws IOException {
		return new String(new ClassPathResource("channel/telegram/" + name + ".json").getInputStream().readAllBytes(),
				StandardCharsets.UTF_8);
	}

}
