package app.waymark.conversation;

import java.time.LocalDate;
import java.util.List;

import app.waymark.knowledge.Article;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyTextTests {

	static final String FALLBACK = "This answer is in English because we don't have it in your language yet.";

	final ReplyText text = new ReplyText(new Phrases(), ConversationTests.SETTINGS);

	@ParameterizedTest(name = "reader {0}, article {1}")
	@CsvSource({ "en, en, false", "fr, en, true", "ar, en, true", "fr, fr, false" })
	void anEnglishAnswerToAReaderOfAnotherLanguageSaysWhy(String reader, String articleLanguage, boolean noted) {
		Article article = new Article("railcard", "Railcard", List.of("travel"), List.of(), "A third off fares.",
				"https://example.org", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "", articleLanguage,
				List.of(), "Body.", "national");
		Reply reply = new Reply(Reply.Kind.ANSWER, article, 0.9, true, List.of(), reader);
		assertThat(this.text.shortText(reply).contains(FALLBACK)).isEqualTo(noted);
		assertThat(this.text.fullText(reply).contains(FALLBACK)).isEqualTo(noted);
		assertThat(this.text.shortText(reply)).startsWith("A third off fares.");
	}

}
