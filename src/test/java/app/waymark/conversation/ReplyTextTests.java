package app.waymark.conversation;

import java.time.LocalDate;
import java.util.List;

import app.waymark.knowledge.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ReplyTextTests {

	static final String FALLBACK = "This answer is in English because we don't have it in your language yet.";

	final Phrases phrases = new Phrases();

	final ReplyText text = new ReplyText(this.phrases, ConversationTests.SETTINGS, CrisisLines.NATIONAL);

	static final String ARABIC_FALLBACK = "هذه الإجابة بالإنجليزية لأنها غير متوفرة بلغتك بعد.";

	static final String FRENCH_FALLBACK = "Cette reponse est en anglais";

	@ParameterizedTest(name = "reader {0}, article {1}")
	@CsvSource({ "en, en, ''", "fr, en, " + FRENCH_FALLBACK, "ar, en, " + ARABIC_FALLBACK, "fr, fr, ''", "ar, ar, ''" })
	void anEnglishAnswerToAReaderOfAnotherLanguageSaysWhyInTheirLanguage(String reader, String articleLanguage,
			String note) {
		Article article = new Article("railcard", "Railcard", List.of("travel"), List.of(), "A third off fares.",
				"https://example.org", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "", articleLanguage,
				List.of(), "Body.", "national");
		Reply reply = new Reply(Reply.Kind.ANSWER, article, 0.9, true, List.of(), reader);
		boolean noted = !note.isEmpty();
		assertThat(this.text.shortText(reply).contains(FALLBACK)).isFalse();
		if (noted) {
			assertThat(this.text.shortText(reply)).contains(note);
			assertThat(this.text.fullText(reply)).contains(note);
		}
		else {
			assertThat(this.text.shortText(reply))
				.isEqualTo("A third off fares.\n" + this.phrases.get(reader, "more.hint"));
		}
		assertThat(this.text.shortText(reply)).startsWith("A third off fares.");
	}

	@Test
	void aCrisisReplyInADraftLanguageLeadsWithItsOwn999LineThenReviewedEnglish() {
		Article crisis = new Article("crisis", "In danger", List.of(), List.of(), "Call 999 now.",
				"https://example.org", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "", "en", List.of(),
				"Call 999 now.", "national");
		String text = this.text.shortText(new Reply(Reply.Kind.CRISIS, crisis, 1.0, true, List.of(), "ar"));
		assertThat(text).startsWith("إذا كنت في خطر الآن، اتصل بـ 999.\nIf you are in danger now, call 999.");
		assertThat(text).contains("We are letting a worker know now.").doesNotContain("نحن نبلغ");
		String english = this.text.shortText(new Reply(Reply.Kind.CRISIS, crisis, 1.0, true, List.of(), "en"));
		assertThat(english).startsWith("If you are in danger now, call 999.\nCall 999 now.");
	}

}
