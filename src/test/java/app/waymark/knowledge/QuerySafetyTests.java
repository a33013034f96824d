package app.waymark.knowledge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Whatever a message contains, search treats it as words: no parse errors, no match-all.
 */
class QuerySafetyTests {

	private final KnowledgeSearch search = KnowledgeFixtures.repositorySearch();

	@ParameterizedTest
	@ValueSource(strings = { "*:*", "housing AND ((", "~~~", "title:bus^100", "\"unclosed phrase", "[a TO z]", "???",
			"\\", "a*", "/regex.*/", "NOT", "OR OR OR", "+-!(){}[]^\"~*?:\\/&&||", "\u0000\u0001",
			"\u202Ehousing\u202C", "\uD83D\uDE8C?", "\uD800", "housing~2", "bus\u200Bpass", "ﷺ",
			"e\u0301\u0301\u0301\u0301" })
	void luceneSyntaxAndOddUnicodeAreJustText(String question) {
		assertThatCode(() -> this.search.answer(question)).doesNotThrowAnyException();
		Answer answer = this.search.answer(question);
		// nothing here asks about a topic, so none may be answered confidently
		if (!question.contains("housing") && !question.contains("bus")) {
			assertThat(answer.confident()).as(question).isFalse();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "housing AND ((", "title:housing^100", "housing~2", "\u202Ehousing\u202C" })
	void syntaxAroundARealWordStillFindsTheWord(String question) {
		assertThat(this.search.answer(question).ranked()).isNotEmpty()
			.first()
			.extracting(SearchHit::id)
			.asString()
			.containsAnyOf("housing", "tenancy", "homeless");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1_000, 100_000 })
	void veryLongQuestionsAreCutNotRefused(int length) {
		String question = "free bus ".repeat(length / 9);
		assertThat(this.search.answer(question).best()).get()
			.extracting(Article::id)
			.isEqualTo("free-bus-and-tram-travel");
	}

}
