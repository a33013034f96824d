package app.waymark.admin;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Languages end to end over real HTTP: an Arabic translation answers an Arabic question
 * only once published and reviewed; otherwise English answers with the note in Arabic;
 * LANGUAGE chooses the reply language (and a linked young person's profile); every admin
 * change is in the audit log, without content.
 */
@SpringBootTest
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LanguagesIntegrationTests {

	static final String WORKER = "worker@example.org";

	static final String ARABIC_SUMMARY = "يمكن للشباب الذين غادروا الرعاية الحصول على منحة الكنغر بقيمة 100 جنيه من المجلس.";

	static final String ARABIC_NOTE = "هذه الإجابة بالإنجليزية لأنها غير متوفرة بلغتك بعد.";

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

	long workerId;

	long adminId;

	@BeforeAll
	void workers() {
		this.workerId = Staff.createWorker(this.web, WORKER, "WORKER", "North");
		this.adminId = this.db.sql("select id from worker where email = :email")
			.bind("email", ADMIN)
			.map(row -> ((Number) row.get("id")).longValue())
			.one()
			.block();
	}

	static Map<String, Object> article(String id) {
		Map<String, Object> body = new HashMap<>();
		body.put("scope", "city-of-london");
		body.put("id", id);
		body.put("title", "Kangaroo grant");
		body.put("topics", List.of("money"));
		body.put("keywords", List.of("kangaroo", "grant"));
		body.put("summary", "Care leavers can claim a kangaroo grant of 100 pounds from the council.");
		body.put("source", "https://example.org/kangaroo");
		body.put("reviewBy", LocalDate.now().plusYears(1).toString());
		body.put("body", "Care leavers can claim a **kangaroo grant** of 100 pounds. Ask your personal adviser.");
		return body;
	}

	static Map<String, Object> arabic() {
		return Map.of("title", "منحة الكنغر", "keywords", List.of("منحة الكنغر", "منحة"), "summary", ARABIC_SUMMARY,
				"body", ARABIC_SUMMARY + " اسأل مستشارك الشخصي.", "changeNote", "draft by a volunteer");
	}

	@Test
	void anArabicTranslationAnswersArabicQuestionsOnlyOncePublishedAndReviewed() {
		createArticle(article("kangaroo-grant")).expectStatus().isCreated();
		post("/api/v1/admin/articles/city-of-london/kangaroo-grant/publish");
		String question = "كيف أحصل على منحة الكنغر؟";

		as(ADMIN).put()
			.uri("/api/v1/admin/articles/city-of-london/kangaroo-grant/translations/ar")
			.bodyValue(arabic())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(1)
			.jsonPath("$.status")
			.isEqualTo("DRAFT")
			.jsonPath("$.translationStatus")
			.isEqualTo("NEEDS_REVIEW");
		post("/api/v1/admin/articles/city-of-london/kangaroo-grant/translations/ar/publish").jsonPath("$.answering")
			.isEqualTo(false);
		assertThat(chat(question, "ar", "t1").get("reply").toString()).as("published but not reviewed")
			.doesNotContain(ARABIC_SUMMARY);

		post("/api/v1/admin/articles/city-of-london/kangaroo-grant/translations/ar/review")
			.jsonPath("$.translationStatus")
			.isEqualTo("REVIEWED")
			.jsonPath("$.answering")
			.isEqualTo(true);
		// no language given: the script says Arabic
		Map<String, Object> answered = chat(question, null, "t2");
		assertThat(answered.get("reply").toString()).contains(ARABIC_SUMMARY).doesNotContain(ARABIC_NOTE);
		assertThat(answered.get("articleId")).isEqualTo("kangaroo-grant");

		// the admin sees the translation and its review status with the article
		as(ADMIN).get()
			.uri("/api/v1/admin/articles/city-of-london/kangaroo-grant")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.translations[0].language")
			.isEqualTo("ar")
			.jsonPath("$.translations[0].translationStatus")
			.isEqualTo("REVIEWED");

		// an edit needs a new review: the reviewed published version keeps answering
		as(ADMIN).put()
			.uri("/api/v1/admin/articles/city-of-london/kangaroo-grant/translations/ar")
			.bodyValue(arabic())
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.translationStatus")
			.isEqualTo("NEEDS_REVIEW");
		post("/api/v1/admin/articles/city-of-london/kangaroo-grant/translations/ar/publish").jsonPath("$.answering")
			.isEqualTo(false);
		assertThat(chat(question, "ar", "t3").get("reply").toString()).doesNotContain(ARABIC_SUMMARY);
	}

	@Test
	void withoutATranslationTheEnglishAnswerSaysSoInTheReadersLanguage() {
		createArticle(article("wallaby-grant")).expectStatus().isCreated();
		as(ADMIN).put()
			.uri("/api/v1/admin/articles/city-of-london/wallaby-grant")
			.bodyValue(Map.of("title", "Wallaby grant", "keywords", List.of("wallaby"), "summary",
					"Care leavers can claim a wallaby grant.", "source", "https://example.org/w", "reviewBy",
					LocalDate.now().plusYears(1).toString(), "body", "Care leavers can claim a wallaby grant.",
					"topics", List.of("money")))
			.exchange()
			.expectStatus()
			.isOk();
		post("/api/v1/admin/articles/city-of-london/wallaby-grant/publish");
		Map<String, Object> reply = chat("wallaby grant", "ar", "f1");
		assertThat(reply.get("articleId")).isEqualTo("wallaby-grant");
		assertThat(reply.get("reply").toString()).contains("Care leavers can claim a wallaby grant.")
			.contains(ARABIC_NOTE);
	}

	@Test
	void theLanguageCommandChoosesTheReplyLanguageForAChat() {
		assertThat(chat("LANGUAGE arabic", "en", "l1").get("reply"))
			.isEqualTo("حسنا، سأجيب بالعربية من الآن. أرسل LANGUAGE EN للإنجليزية.");
		assertThat(chat("help", "en", "l1").get("reply").toString()).startsWith("يمكنك أن تسألني عن");
		assertThat(chat("help", "en", "l2").get("reply").toString()).as("another chat is not affected")
			.startsWith("Ask me about");
		assertThat(chat("language klingon", "en", "l3").get("reply").toString())
			.startsWith("Sorry, I don't know the language \"klingon\"");
		assertThat(chat("lang fr", null, "l1").get("reply").toString()).startsWith("D'accord");
	}

	@Test
	void theLanguageCommandUpdatesALinkedYoungPersonsProfile() {
		long id = Staff.createYoungPerson(this.web, "LANG1", "North", this.workerId);
		String code = Staff.linkCode(as(WORKER), "/api/v1/young-people/" + id + "/link-codes");
		chat(code, null, "linked-page");
		assertThat(chat("LANGUAGE fa", null, "linked-page").get("reply").toString()).startsWith("باشه");
		assertThat(this.db.sql("select preferred_language from young_person where id = :id")
			.bind("id", id)
			.map(row -> row.get("preferred_language", String.class))
			.one()
			.block()).isEqualTo("fa");
	}

	@Test
	void everyArticleChangeIsAuditedWithoutContent() {
		createArticle(article("numbat-grant")).expectStatus().isCreated();
		Map<String, Object> edited = new HashMap<>(article("numbat-grant"));
		edited.put("summary", "Care leavers can claim a numbat grant of 200 pounds from the council.");
		as(ADMIN).put()
			.uri("/api/v1/admin/articles/city-of-london/numbat-grant")
			.bodyValue(edited)
			.exchange()
			.expectStatus()
			.isOk();
		String base = "/api/v1/admin/articles/city-of-london/numbat-grant";
		post(base + "/publish?version=1");
		post(base + "/unpublish");
		post(base + "/versions/2/restore");
		post(base + "/retire");
		as(ADMIN).put().uri(base + "/translations/ar").bodyValue(arabic()).exchange().expectStatus().isOk();
		post(base + "/translations/ar/review");
		post(base + "/translations/ar/publish");
		byte[] zip = Staff.read(as(ADMIN), "/api/v1/admin/articles/export", byte[].class);
		as(ADMIN).post()
			.uri("/api/v1/admin/articles/import")
			.contentType(MediaType.parseMediaType("application/zip"))
			.bodyValue(zip)
			.exchange()
			.expectStatus()
			.isOk();

		List<String> events = this.db
			.sql("select actor_type, actor_id, action, subject_type, detail from audit_event "
					+ "where subject_type = 'ARTICLE' and (detail like 'city-of-london/numbat-grant/%' "
					+ "or action = 'ARTICLE_IMPORT') order by id")
			.map(row -> row.get("actor_type", String.class) + " " + ((Number) row.get("actor_id")).longValue() + " "
					+ row.get("action", String.class) + " " + row.get("detail", String.class))
			.all()
			.collectList()
			.block();
		String admin = "ADMIN " + this.adminId + " ";
		assertThat(events).containsSubsequence(admin + "ARTICLE_CREATE city-of-london/numbat-grant/1",
				admin + "ARTICLE_EDIT city-of-london/numbat-grant/2",
				admin + "ARTICLE_PUBLISH city-of-london/numbat-grant/1",
				admin + "ARTICLE_UNPUBLISH city-of-london/numbat-grant/2",
				admin + "ARTICLE_RESTORE city-of-london/numbat-grant/3",
				admin + "ARTICLE_RETIRE city-of-london/numbat-grant/3",
				admin + "TRANSLATION_EDIT city-of-london/numbat-grant/ar/1",
				admin + "TRANSLATION_REVIEW city-of-london/numbat-grant/ar/1",
				admin + "TRANSLATION_PUBLISH city-of-london/numbat-grant/ar/1");
		assertThat(events).anySatisfy(event -> assertThat(event).startsWith(admin + "ARTICLE_IMPORT articles="));
		assertThat(String.join("\n", events)).doesNotContain("numbat grant of").doesNotContain("منحة");
	}

	private WebTestClient.BodyContentSpec post(String uri) {
		return as(ADMIN).post().uri(uri).exchange().expectStatus().isOk().expectBody();
	}

	@SuppressWarnings("unchecked")
	/** The server-issued id behind each conversation this test names. */
	private final Map<String, String> conversations = new HashMap<>();

	private Map<String, Object> chat(String text, String language, String conversation) {
		Map<String, Object> body = new HashMap<>();
		body.put("text", text);
		if (this.conversations.containsKey(conversation)) {
			body.put("conversationId", this.conversations.get(conversation));
		}
		if (language != null) {
			body.put("language", language);
		}
		Map<String, Object> reply = this.web.post()
			.uri("/api/v1/chat")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		this.conversations.put(conversation, (String) reply.get("conversationId"));
		return reply;
	}

	private WebTestClient.ResponseSpec createArticle(Map<String, Object> article) {
		return as(ADMIN).post().uri("/api/v1/admin/articles").bodyValue(article).exchange();
	}

	private WebTestClient as(String email) {
		return Staff.as(this.web, email);
	}

}
