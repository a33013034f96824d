package app.waymark.admin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin API over real HTTP with HTTP Basic on a fresh database seeded from the
 * repository's Markdown: roles, validation, versions, publishing, try-it and import.
 */
@SpringBootTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminApiIntegrationTests {

	static final String MANAGER = "manager@example.org";

	static final String WORKER = "worker@example.org";

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	@Autowired
	WebTestClient web;

	@Autowired
	KnowledgeSearch search;

	@BeforeAll
	void workers() {
		Staff.createWorker(this.web, MANAGER, "MANAGER", "North");
		Staff.createWorker(this.web, WORKER, "WORKER", "North");
	}

	private static Map<String, Object> numbat(Map<String, Object> body) {
		body.put("title", "Numbat grant");
		body.put("keywords", List.of("numbat", "numbat grant"));
		body.put("summary", "Care leavers can claim a numbat grant of 100 pounds from the council.");
		body.put("body", "Care leavers can claim a **numbat grant** of 100 pounds. Ask your personal adviser.");
		return body;
	}

	static Map<String, Object> article(String id) {
		Map<String, Object> body = new HashMap<>();
		body.put("scope", "city-of-london");
		body.put("id", id);
		body.put("title", "Wombat grant");
		body.put("topics", List.of("money"));
		body.put("keywords", List.of("wombat", "grant"));
		body.put("summary", "Care leavers can claim a wombat grant of 100 pounds from the council.");
		body.put("source", "https://example.org/wombat");
		body.put("reviewBy", LocalDate.now().plusYears(1).toString());
		body.put("body", "Care leavers can claim a **wombat grant** of 100 pounds. Ask your personal adviser.");
		body.put("changeNote", "first draft");
		return body;
	}

	@Test
	void workersMayNotSeeOrChangeArticlesAndManagersMayOnlyRead() {
		as(WORKER).get().uri("/api/v1/admin/articles").exchange().expectStatus().isForbidden();
		createArticle(WORKER, article("wombat-w")).expectStatus().isForbidden();
		as(WORKER).post()
			.uri("/api/v1/admin/articles/national/16-25-railcard/publish")
			.exchange()
			.expectStatus()
			.isForbidden();
		as(MANAGER).get()
			.uri("/api/v1/admin/articles")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.id == '16-25-railcard')].status")
			.isEqualTo("PUBLISHED");
		createArticle(MANAGER, article("wombat-m")).expectStatus().isForbidden();
		this.web.get().uri("/api/v1/admin/articles").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void anAdminCreatesPublishesAndTheBotAnswersWithIt() {
		// its own words: other tests publish wombat articles into the same application
		String question = "how do I get the numbat bursary";
		Map<String, Object> numbat = article("wombat-grant");
		numbat.put("title", "Numbat bursary");
		numbat.put("keywords", List.of("numbat", "bursary"));
		numbat.put("summary", "Care leavers can claim a numbat bursary from the council.");
		numbat.put("body", "Care leavers can claim a numbat bursary. Ask your personal adviser.");
		assertThat(this.search.answer(question).confident()).isFalse();
		createArticle(ADMIN, numbat).expectStatus().isCreated().expectBody().jsonPath("$.status").isEqualTo("DRAFT");
		assertThat(this.search.answer(question).confident()).as("a draft does not answer").isFalse();
		as(ADMIN).post()
			.uri("/api/v1/admin/articles/city-of-london/wombat-grant/publish")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.search.answer(question).best())
			.hasValueSatisfying(a -> assertThat(a.id()).isEqualTo("wombat-grant"));
		as(ADMIN).post()
			.uri("/api/v1/admin/articles/city-of-london/wombat-grant/unpublish")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.search.knowledge().find("wombat-grant")).isEmpty();
		createArticle(ADMIN, article("wombat-grant")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("id");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
			missing summary              | summary  | NULL                                  | summary
			blank summary                | summary  | '   '                                 | summary
			summary over two segments    | summary  | LONG                                  | summary
			source neither URL nor title | source   | '??'                                  | source
			source a broken URL          | source   | 'https://'                            | source
			review date in the past      | reviewBy | 2020-01-01                            | reviewBy
			id not a slug                | id       | 'Wombat Grant'                        | id
			id with double hyphen        | id       | 'wombat--grant'                       | id
			missing title                | title    | NULL                                  | title
			empty body                   | body     | ''                                    | body
			""")
	void invalidArticlesAreRefusedNamingTheField(String label, String key, String value, String field) {
		Map<String, Object> body = article("wombat-invalid");
		body.put(key, "LONG".equals(value) ? "Care leavers can claim money. ".repeat(12) : value);
		createArticle(ADMIN, body).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo(field)
			.jsonPath("$.message")
			.isNotEmpty();
	}

	@Test
	void aDocumentTitleIsAGoodSource() {
		Map<String, Object> body = article("wombat-document");
		body.put("source", "Children (Leaving Care) Act 2000");
		createArticle(ADMIN, body).expectStatus().isCreated();
	}

	@Test
	void editsMakeVersionsAndAnOldVersionCanBeRestored() {
		String path = "/api/v1/admin/articles/city-of-london/wombat-versions";
		createArticle(ADMIN, article("wombat-versions")).expectStatus().isCreated();
		as(ADMIN).post().uri(path + "/publish").exchange().expectStatus().isOk();
		Map<String, Object> edit = article("wombat-versions");
		edit.put("title", "Wombat grant (doubled)");
		edit.put("changeNote", "doubled");
		as(ADMIN).put()
			.uri(path)
			.bodyValue(edit)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(2);
		as(MANAGER).get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.versions.length()")
			.isEqualTo(2)
			.jsonPath("$.versions[0].changeNote")
			.isEqualTo("doubled")
			.jsonPath("$.versions[0].author")
			.isEqualTo(ADMIN)
			.jsonPath("$.published.title")
			.isEqualTo("Wombat grant")
			.jsonPath("$.current.title")
			.isEqualTo("Wombat grant (doubled)");
		as(ADMIN).post().uri(path + "/publish").exchange().expectStatus().isOk();
		assertThat(this.search.knowledge().find("wombat-versions").orElseThrow().title())
			.isEqualTo("Wombat grant (doubled)");
		as(ADMIN).post()
			.uri(path + "/versions/1/restore")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(3);
		assertThat(this.search.knowledge().find("wombat-versions").orElseThrow().title()).isEqualTo("Wombat grant");
		as(MANAGER).get()
			.uri(path + "/versions/2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.article.title")
			.isEqualTo("Wombat grant (doubled)");
		as(MANAGER).get().uri(path + "/versions/9").exchange().expectStatus().isNotFound();
	}

	@Test
	void tryItShowsTheRepliesBeforeAndAfterADraftEdit() {
		String path = "/api/v1/admin/articles/city-of-london/wombat-try";
		// an article no other test's looks like, so it is the only likely answer
		createArticle(ADMIN, numbat(article("wombat-try"))).expectStatus().isCreated();
		as(ADMIN).post().uri(path + "/publish").exchange().expectStatus().isOk();
		Map<String, Object> question = Map.of("question", "numbat grant", "language", "en");
		as(ADMIN).post()
			.uri("/api/v1/admin/try")
			.bodyValue(question)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.confident")
			.isEqualTo(true)
			.jsonPath("$.ranked[0].id")
			.isEqualTo("wombat-try")
			.jsonPath("$.ranked[0].score")
			.isNumber()
			.jsonPath("$.reply.sms[0].text")
			.value(text -> assertThat((String) text).startsWith("Care leavers can claim a numbat grant of 100"))
			.jsonPath("$.reply.sms[0].segments")
			.isEqualTo(1)
			.jsonPath("$.reply.rich")
			.value(text -> assertThat((String) text).startsWith("Numbat grant\n\n"));
		Map<String, Object> edit = numbat(article("wombat-try"));
		edit.put("summary", "The numbat grant is now 200 pounds.");
		as(ADMIN).put().uri(path).bodyValue(edit).exchange().expectStatus().isOk();
		Map<String, Object> draft = Map.of("question", "numbat grant", "language", "en", "scope", "city-of-london",
				"id", "wombat-try", "version", 2);
		as(ADMIN).post()
			.uri("/api/v1/admin/try")
			.bodyValue(draft)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.reply.sms[0].text")
			.value(text -> assertThat((String) text).startsWith("The numbat grant is now 200 pounds."));
		// the draft was only tried: the live bot still gives the published version
		assertThat(this.search.answer("numbat grant").best().orElseThrow().summary()).contains("100 pounds");
		as(ADMIN).post()
			.uri("/api/v1/admin/try")
			.bodyValue(Map.of("question", " "))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("question");
	}

	@Test
	void exportThenImportKeepsEveryArticleAndBadZipsAreRefused() {
		byte[] zip = as(MANAGER).get()
			.uri("/api/v1/admin/articles/export")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType("application/zip")
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(ArticleArchive.read(zip)).hasSizeGreaterThan(30);
		importArticles(ADMIN, zip).expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.imported")
			.isEqualTo(ArticleArchive.read(zip).size());
		// (the first import may give articles with newer drafts, made by other tests, a
		// version; importing the same zip again must change nothing)
		importArticles(ADMIN, zip).expectStatus().isOk().expectBody().jsonPath("$.changed").isEqualTo(0);
		byte[] edited = zipOf("national/16-25-railcard.md",
				ArticleArchive.read(zip)
					.stream()
					.filter(a -> a.id().equals("16-25-railcard"))
					.map(a -> app.waymark.knowledge.ArticleMarkdown.write(a).replace("title: ", "title: Edited "))
					.findFirst()
					.orElseThrow());
		importArticles(ADMIN, edited).expectStatus().isOk().expectBody().jsonPath("$.changed").isEqualTo(1);
		assertThat(this.search.knowledge().find("16-25-railcard").orElseThrow().title()).startsWith("Edited ");
		importArticles(ADMIN, zipOf("national/broken.md", "---\nid: broken\n---\nno front matter fields"))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.message")
			.value(message -> assertThat((String) message).contains("national/broken.md")
				.contains("missing 'summary'"));
		importArticles(ADMIN, "not a zip".getBytes(StandardCharsets.UTF_8)).expectStatus().isBadRequest();
		importArticles(MANAGER, zip).expectStatus().isForbidden();
	}

	@Test
	void previewRendersBothChannelsWithoutSaving() {
		Map<String, Object> draft = article("wombat-preview");
		draft.put("summary", "Care leavers can claim a wombat grant. " + "It is paid once. ".repeat(6));
		as(ADMIN).post()
			.uri("/api/v1/admin/articles/preview")
			.bodyValue(draft)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.sms.length()")
			.isEqualTo(1)
			.jsonPath("$.sms[0].segments")
			.isEqualTo(2)
			.jsonPath("$.smsSegments")
			.isEqualTo(2)
			.jsonPath("$.sms[0].text")
			.value(text -> assertThat((String) text).endsWith("Reply MORE for the full answer."))
			.jsonPath("$.rich")
			.value(text -> assertThat((String) text).contains("wombat grant of 100 pounds")
				.contains("Source: https://example.org/wombat")
				.doesNotContain("**"));
		as(MANAGER).get()
			.uri("/api/v1/admin/articles/city-of-london/wombat-preview")
			.exchange()
			.expectStatus()
			.isNotFound();
		draft.put("summary", "");
		as(ADMIN).post()
			.uri("/api/v1/admin/articles/preview")
			.bodyValue(draft)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.field")
			.isEqualTo("summary");
	}

	@Test
	void theReviewListNamesArticlesDueSoon() {
		Map<String, Object> soon = article("wombat-review");
		soon.put("reviewBy", LocalDate.now().plusDays(5).toString());
		createArticle(ADMIN, soon).expectStatus().isCreated();
		as(MANAGER).get()
			.uri("/api/v1/admin/review")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.id == 'wombat-review')].reason")
			.isEqualTo("due soon");
	}

	@Test
	void unansweredQuestionsAreGroupedWithoutPersonalDetails() {
		for (String text : List.of("My name is Sam Okafor, call me on 07700 900123 about the llama permit",
				"my name is Jo - call me on +44 7700 900456 about the llama permit",
				"about the permit llama, call me on 07700900789, my name is Lee")) {
			this.web.post()
				.uri("/api/v1/chat")
				.bodyValue(Map.of("text", text))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.confident")
				.isEqualTo(false);
		}
		String body = Staff.read(as(ADMIN), "/api/v1/admin/unanswered", String.class);
		assertThat(body).doesNotContain("7700").doesNotContain("Okafor").doesNotContain("Sam").doesNotContain("Lee");
		as(ADMIN).get()
			.uri("/api/v1/admin/unanswered")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.wording == '[name] [phone] call llama name permit')].count")
			.isEqualTo(3);
		as(ADMIN).post()
			.uri("/api/v1/admin/unanswered/keywords")
			.bodyValue(Map.of("wording", "[name] [phone] call llama name permit", "scope", "national", "id",
					"immigration-support"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DRAFT");
		as(MANAGER).get()
			.uri("/api/v1/admin/articles/national/immigration-support")
			.exchange()
			.expectBody()
			.jsonPath("$.current.keywords[?(@ == 'llama')]")
			.exists()
			.jsonPath("$.current.keywords[?(@ == '[phone]')]")
			.doesNotExist()
			.jsonPath("$.published.keywords[?(@ == 'llama')]")
			.doesNotExist();
		as(ADMIN).post()
			.uri("/api/v1/admin/unanswered/handled")
			.bodyValue(Map.of("wording", "[name] [phone] call llama name permit"))
			.exchange()
			.expectStatus()
			.isOk();
		as(ADMIN).get()
			.uri("/api/v1/admin/unanswered")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.wording == '[name] [phone] call llama name permit')]")
			.isEmpty();
		as(MANAGER).get()
			.uri("/api/v1/admin/usage")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.questions")
			.value(n -> assertThat(((Number) n).intValue()).isGreaterThanOrEqualTo(3));
		as(WORKER).get().uri("/api/v1/admin/unanswered").exchange().expectStatus().isForbidden();
	}

	@Test
	void aManagerSeesOnlyTheirOwnTeamsUnansweredQuestions() {
		long northWorker = Staff.createWorker(this.web, "north-pa@example.org", "WORKER", "North");
		long southWorker = Staff.createWorker(this.web, "south-pa@example.org", "WORKER", "South");
		Staff.createWorker(this.web, "south-manager@example.org", "MANAGER", "South");
		String north = linkedWebChat(Staff.createYoungPerson(this.web, "UQ-N", "North", northWorker));
		String south = linkedWebChat(Staff.createYoungPerson(this.web, "UQ-S", "South", southWorker));
		unsure(north, "where do quolls sleep in the north");
		unsure(south, "where do quolls sleep in the south");
		unsure(null, "where do quolls sleep for strangers");
		String northView = Staff.read(as(MANAGER), "/api/v1/admin/unanswered", String.class);
		assertThat(northView).contains("quolls sleep in the north").doesNotContain("south").doesNotContain("strangers");
		String southView = Staff.read(as("south-manager@example.org"), "/api/v1/admin/unanswered", String.class);
		assertThat(southView).contains("quolls sleep in the south").doesNotContain("north").doesNotContain("strangers");
		assertThat(Staff.read(as(ADMIN), "/api/v1/admin/unanswered", String.class))
			.contains("quolls sleep in the north", "quolls sleep in the south", "quolls sleep for strangers");
	}

	/** A web chat linked to the young person with a code; gives its conversation id. */
	private String linkedWebChat(long youngPerson) {
		String code = Staff.linkCode(as(ADMIN), "/api/v1/young-people/" + youngPerson + "/link-codes");
		return (String) chat(null, code).get("conversationId");
	}

	private void unsure(String conversationId, String text) {
		assertThat(chat(conversationId, text).get("confident")).isEqualTo(false);
	}

	private Map<?, ?> chat(String conversationId, String text) {
		Map<String, Object> body = new HashMap<>();
		body.put("text", text);
		if (conversationId != null) {
			body.put("conversationId", conversationId);
		}
		return this.web.post()
			.uri("/api/v1/chat")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
	}

	static byte[] zipOf(String name, String content) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			zip.putNextEntry(new ZipEntry(name));
			zip.write(content.getBytes(StandardCharsets.UTF_8));
			zip.closeEntry();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private WebTestClient.ResponseSpec createArticle(String email, Map<String, Object> article) {
		return as(email).post().uri("/api/v1/admin/articles").bodyValue(article).exchange();
	}

	private WebTestClient.ResponseSpec importArticles(String email, byte[] zip) {
		return as(email).post()
			.uri("/api/v1/admin/articles/import")
			.contentType(MediaType.parseMediaType("application/zip"))
			.bodyValue(zip)
			.exchange();
	}

	private WebTestClient as(String email) {
		return Staff.as(this.web, email);
	}

}
