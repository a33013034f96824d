package app.waymark.conversation;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import app.waymark.channel.InboundMessage;
import app.waymark.knowledge.KnowledgeLoader;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.knowledge.KnowledgeSettings;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The conversation core on the real knowledge base and safeguarding rules, no Spring. */
class ConversationTests {

	static final KnowledgeSettings KNOWLEDGE = new KnowledgeSettings(Path.of("knowledge"), "city-of-london", 0.5, 6.0,
			1000);

	static final ConversationSettings SETTINGS = new ConversationSettings("020 0000 0000", "crisis-help",
			List.of("travel", "housing", "money"), "talk-to-my-worker");

	static final KnowledgeSearch SEARCH = repositorySearch();

	/**
	 * The danger check as the service builds it, with the articles as ordinary questions.
	 */
	static final app.waymark.safeguarding.DangerCheck DANGER = app.waymark.safeguarding.DangerCheck
		.fromClasspath(app.waymark.system.TestEmbeddings.shared(), SEARCH.ordinaryQuestions());

	static KnowledgeSearch repositorySearch() {
		KnowledgeSearch search = new KnowledgeSearch(KNOWLEDGE,
				KnowledgeLoader.fromDirectory(KNOWLEDGE.dir(), KNOWLEDGE.localFolder()),
				app.waymark.system.TestEmbeddings.shared());
		search.loadSearchTerms(app.waymark.knowledge.SearchTerms.load(KNOWLEDGE.dir(), search.knowledge()));
		return search;
	}

	static final TestDatabase DATABASE = TestDatabase.create(TestDatabase.Kind.H2);

	static final ConversationMemory MEMORY = new ConversationMemory(DATABASE.client(),
			new Sealer(new SecureRandom().generateSeed(32)), Clock.systemUTC());

	private final Conversation conversation = new Conversation(SEARCH, DANGER, SETTINGS, MEMORY);

	private final ReplyText text = new ReplyText(new Phrases(), SETTINGS, CrisisLines.NATIONAL);

	private Reply send(String address, String message) {
		return this.conversation.handle(new InboundMessage("sms", address, message, "en", Instant.EPOCH)).block();
	}

	static Stream<Arguments> cases() {
		return Stream.of(
				Arguments.of("question", "can i get free bus travel?", Reply.Kind.ANSWER, "free-bus-and-tram-travel"),
				Arguments.of("HELP", "HELP", Reply.Kind.MENU, null),
				Arguments.of("menu lower case", "menu", Reply.Kind.MENU, null),
				Arguments.of("slash command", "/help", Reply.Kind.MENU, null),
				Arguments.of("STOP", "STOP", Reply.Kind.OPTED_OUT, null),
				Arguments.of("unsubscribe", "Unsubscribe.", Reply.Kind.OPTED_OUT, null),
				Arguments.of("START", "start", Reply.Kind.OPTED_IN, null),
				Arguments.of("UNSTOP", "UNSTOP", Reply.Kind.OPTED_IN, null),
				Arguments.of("MORE with nothing before", "MORE", Reply.Kind.NOTHING_MORE, null),
				Arguments.of("stop inside a question is a question", "how do i stop paying council tax",
						Reply.Kind.ANSWER, "council-tax"),
				Arguments.of("off topic", "who won the football", Reply.Kind.NOT_SURE, null),
				Arguments.of("crisis", "i want to kill myself", Reply.Kind.CRISIS, "crisis-help"),
				Arguments.of("asking for a person", "WORKER", Reply.Kind.HANDOVER, "talk-to-my-worker"),
				Arguments.of("asking for a person in words", "Talk to my  worker please", Reply.Kind.ANSWER,
						"talk-to-my-worker"),
				Arguments.of("asking to be called", "call me back!", Reply.Kind.HANDOVER, "talk-to-my-worker"),
				Arguments.of("crisis with a topic word is still crisis",
						"i have nowhere to sleep tonight can i get a flat", Reply.Kind.CRISIS, "crisis-help"),
				Arguments.of("crisis that looks like a command", "stop he is hitting me", Reply.Kind.CRISIS,
						"crisis-help"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void routesEachMessage(String label, String message, Reply.Kind kind, String articleId) {
		// each case its own sender: the memory (what MORE expands) is per sender
		Reply reply = send("+44770090" + Math.abs(label.hashCode() % 10000), message);
		assertThat(reply.kind()).isEqualTo(kind);
		if (articleId != null) {
			assertThat(reply.article().id()).isEqualTo(articleId);
		}
	}

	/**
	 * The evaluation set's crisis rows are answered by the safeguarding rules, never by
	 * an FAQ.
	 */
	@Test
	void everyCrisisQuestionOfTheEvaluationSetGetsTheCrisisReply() throws java.io.IOException {
		String csv = java.nio.file.Files
			.readString(java.nio.file.Path.of("src/test/resources/knowledge/evaluation.csv"));
		List<String> crisis = app.waymark.system.Csv.parse(csv)
			.stream()
			.filter(row -> row.get(1).strip().equals("crisis-help"))
			.map(row -> row.get(0))
			.toList();
		assertThat(crisis).hasSizeGreaterThanOrEqualTo(8);
		for (String question : crisis) {
			assertThat(send("+447700900009", question).kind()).as(question).isEqualTo(Reply.Kind.CRISIS);
		}
	}

	/**
	 * "Reply MORE" costs a second SMS segment on many answers: said on the first answer
	 * to an address, then left off, and said again to a new address or on another
	 * channel.
	 */
	@Test
	void moreHintIsSaidOnceForEachAddress() {
		String hint = new Phrases().get("en", "more.hint");
		record Step(String channel, String address, String question, boolean hinted) {
		}
		List<Step> steps = List.of(new Step("sms", "+447700900041", "council tax", true),
				new Step("sms", "+447700900041", "can i get free bus travel?", false),
				new Step("sms", "+447700900041", "council tax", false),
				new Step("sms", "+447700900042", "council tax", true),
				new Step("telegram", "+447700900041", "council tax", true));
		for (Step step : steps) {
			Reply reply = this.conversation
				.handle(new InboundMessage(step.channel(), step.address(), step.question(), "en", Instant.EPOCH))
				.block();
			assertThat(reply.kind()).isEqualTo(Reply.Kind.ANSWER);
			assertThat(reply.moreHint()).as(step.toString()).isEqualTo(step.hinted());
			assertThat(this.text.shortText(reply).endsWith("\n" + hint)).as(step.toString()).isEqualTo(step.hinted());
		}
		// left off, MORE still works
		assertThat(send("+447700900041", "MORE").kind()).isEqualTo(Reply.Kind.FULL_ANSWER);
	}

	@Test
	void moreExpandsTheLastAnswerForThatSenderOnly() {
		send("+447700900002", "council tax");
		Reply more = send("+447700900002", "MORE");
		assertThat(more.kind()).isEqualTo(Reply.Kind.FULL_ANSWER);
		assertThat(more.article().id()).isEqualTo("council-tax");
		assertThat(send("+447700900003", "MORE").kind()).isEqualTo(Reply.Kind.NOTHING_MORE);
	}

	@Test
	void crisisReplyGivesNumbersAndOutOfHoursFirstNeverAnFaq() {
		Reply reply = send("+447700900004", "i took all my pills");
		String sms = this.text.shortText(reply);
		assertThat(sms).startsWith("If you are in danger now, call 999.").contains("A&E", "020 0000 0000");
		assertThat(reply.confident()).isTrue();
		String suicide = this.text.shortText(send("+447700900004", "i want to kill myself"));
		assertThat(suicide).startsWith("If you are in danger now, call 999.")
			.contains("116 123", "85258", "020 0000 0000");
	}

	@Test
	void notSureOffersTopicsAndAPerson() {
		Reply reply = send("+447700900005", "asdfgh");
		assertThat(this.text.shortText(reply)).contains("not sure")
			.contains("travel, housing, money")
			.contains("WORKER");
	}

	@Test
	void smsAnswerIsTheSummaryWithMoreHintAndRichAnswerIsFullWithSource() {
		Reply reply = send("+447700900006", "free bus?");
		assertThat(this.text.shortText(reply)).startsWith(reply.article().summary())
			.endsWith("Reply MORE for the full answer.");
		assertThat(this.text.fullText(reply)).startsWith(reply.article().title())
			.contains("Source: " + reply.article().source());
	}

	static final KnowledgeSearch UNSURE_SEARCH = new KnowledgeSearch(
			new KnowledgeSettings(Path.of("knowledge"), "city-of-london", 0.5, 6.0, 1000, 1.01, 0.05, 0.5),
			KnowledgeLoader.fromDirectory(KNOWLEDGE.dir(), KNOWLEDGE.localFolder()),
			app.waymark.system.TestEmbeddings.shared());

	@Test
	void didYouMeanOffersChoicesAndANumberPicksOneOnAnyInstance() {
		app.waymark.safeguarding.DangerCheck danger = DANGER;
		Conversation one = new Conversation(UNSURE_SEARCH, danger, SETTINGS, MEMORY);
		Conversation another = new Conversation(UNSURE_SEARCH, danger, SETTINGS, MEMORY);
		String address = "+447700900777";
		Reply offer = one.handle(new InboundMessage("sms", address, "bus pass", "en", Instant.EPOCH)).block();
		assertThat(offer.kind()).isEqualTo(Reply.Kind.CHOOSE);
		assertThat(offer.choices()).hasSizeBetween(2, 3);
		assertThat(this.text.shortText(offer)).startsWith("Did you mean one of these?\n1 ");

		Reply picked = another.handle(new InboundMessage("sms", address, "2", "en", Instant.EPOCH)).block();
		assertThat(picked.kind()).isEqualTo(Reply.Kind.ANSWER);
		assertThat(picked.article().id()).isEqualTo(offer.choices().get(1).id());
		assertThat(picked.picked()).isTrue();

		Reply more = one.handle(new InboundMessage("sms", address, "MORE", "en", Instant.EPOCH)).block();
		assertThat(more.kind()).isEqualTo(Reply.Kind.FULL_ANSWER);
		assertThat(more.article().id()).isEqualTo(picked.article().id());

		// the choices are settled: a number now is just a message
		Reply again = one.handle(new InboundMessage("sms", address, "2", "en", Instant.EPOCH)).block();
		assertThat(again.kind()).isNotEqualTo(Reply.Kind.ANSWER);
	}

	@Test
	void aNumberNobodyOfferedIsNotAPick() {
		Reply reply = send("+447700900778", "1");
		assertThat(reply.kind()).isNotEqualTo(Reply.Kind.ANSWER);
		assertThat(reply.picked()).isFalse();
	}

	@Test
	void aLanguageChoiceFollowsTheSenderToAnotherInstance() {
		String address = "+447700900779";
		assertThat(send(address, "LANGUAGE arabic").chosenLanguage()).contains("ar");
		Conversation another = new Conversation(SEARCH, DANGER, SETTINGS, MEMORY);
		Reply reply = another.handle(new InboundMessage("sms", address, "bus?", null, Instant.EPOCH)).block();
		assertThat(reply.language()).isEqualTo("ar");
	}

	@Test
	void onlyTheDangerCheckDecidesCrisisTheSearchNeverAnswersWithTheCrisisArticle() {
		for (String question : List.of("who won the match last night", "what is the samaritans phone number",
				"emergency numbers")) {
			Reply reply = send("+447700900780", question);
			if (reply.kind() == Reply.Kind.CRISIS) {
				assertThat(reply.risk().isCrisis()).as(question).isTrue();
			}
			else if (reply.article() != null && reply.confident()) {
				assertThat(reply.article().id()).as(question).isNotEqualTo("crisis-help");
			}
		}
	}

	@Test
	void languageChoicesAndCommandsStartNoSearchEmbedding() {
		app.waymark.system.CountingEmbeddingModel model = new app.waymark.system.CountingEmbeddingModel();
		app.waymark.system.SentenceEmbeddings embeddings = app.waymark.system.SentenceEmbeddings.of(model);
		KnowledgeSearch search = new KnowledgeSearch(KNOWLEDGE,
				KnowledgeLoader.fromDirectory(KNOWLEDGE.dir(), KNOWLEDGE.localFolder()), embeddings);
		Conversation counted = new Conversation(search, DANGER, SETTINGS, MEMORY);
		int indexed = model.asked().size();

		for (String message : List.of("HELP", "STOP", "START", "LANGUAGE french")) {
			counted.handle(new InboundMessage("sms", "+447700900413", message, "en", Instant.EPOCH)).block();
		}
		model.awaitEverythingAhead(embeddings);

		assertThat(model.asked().subList(indexed, model.asked().size()))
			.containsExactly(app.waymark.system.CountingEmbeddingModel.LATER_REQUEST);
	}

}
