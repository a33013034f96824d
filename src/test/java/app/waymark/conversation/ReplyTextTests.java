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

	/**
	 * The chat page shows an answer's summary with its body behind "More"; a reply that
	 * is not one answer (here a crisis reply) is shown whole, with nothing held back.
	 */
	@Test
	void anExpandableAnswerHoldsItsBodyBackAndOtherRepliesAreWhole() {
		Article article = new Article("railcard", "Railcard", List.of("travel"), List.of(), "A third off fares.",
				"https://example.org/railcard", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "", "en", List.of(),
				"The **whole** body.", "national");
		ReplyText.Expandable answer = this.text
			.expandable(new Reply(Reply.Kind.ANSWER, article, 0.9, true, List.of(), "fr"));
		assertThat(answer.title()).isEqualTo("Railcard");
		assertThat(answer.summary()).startsWith("A third off fares.").contains(FRENCH_FALLBACK);
		assertThat(answer.more()).isEqualTo("The whole body.");
		assertThat(answer.source()).isEqualTo("https://example.org/railcard");
		ReplyText.Expandable more = this.text
			.expandable(new Reply(Reply.Kind.FULL_ANSWER, article, 1.0, true, List.of(), "en"));
		assertThat(more.summary()).isEqualTo("The whole body.");
		assertThat(more.more()).isNull();
		Reply crisis = new Reply(Reply.Kind.CRISIS, CRISIS_ARTICLE, 1.0, true, List.of(), "en");
		ReplyText.Expandable whole = this.text.expandable(crisis);
		assertThat(whole.summary()).isEqualTo(this.text.fullText(crisis));
		assertThat(whole.title()).isNull();
		assertThat(whole.more()).isNull();
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
		assertThat(english).startsWith("If you are in danger now, call 999.\nSamaritans: call 116 123");
	}

	static final Article CRISIS_ARTICLE = new Article("crisis-help", "Urgent help now", List.of("crisis"), List.of(),
			"In danger now? Call 999.", "https://example.org", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "",
			"en", List.of(), "The whole crisis article.", "national");

	/**
	 * The help for the danger detected comes straight after "call 999", on SMS as on rich
	 * channels; every number comes from configuration, never marked "check current".
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "suicide | Samaritans: call 116 123", "self-harm | Samaritans: call 116 123",
					"overdose | call 999 or go to A&E now", "medical-emergency | call 999 or go to A&E now",
					"violence | get somewhere safe and call 999",
					"domestic-abuse | National Domestic Abuse Helpline: 0808 2000 247",
					"criminal-exploitation | Modern Slavery Helpline: 08000 121 700",
					"trafficking | Modern Slavery Helpline: 08000 121 700",
					"sexual-exploitation | Modern Slavery Helpline: 08000 121 700",
					"no-safe-place-tonight | Call the council out of hours on 020 0000 0000. Shelter: 0808 800 4444" })
	void aCrisisReplyLeadsWithTheHelpForTheDanger(String category, String help) {
		Reply reply = new Reply(Reply.Kind.CRISIS, CRISIS_ARTICLE, 1.0, true, List.of(), "en",
				new app.waymark.safeguarding.RiskAssessment(app.waymark.safeguarding.RiskLevel.CRISIS, category,
						List.of()));
		for (String text : List.of(this.text.shortText(reply), this.text.fullText(reply))) {
			String[] lines = text.split("\n");
			assertThat(lines[0]).isEqualTo("If you are in danger now, call 999.");
			assertThat(lines[1]).contains(help);
			assertThat(lines[1] + "\n" + lines[2]).as("Samaritans whatever the danger: the category may be wrong")
				.contains("Samaritans: call 116 123")
				.contains("SHOUT to 85258");
			assertThat(text).endsWith("We are letting a worker know now.").doesNotContainIgnoringCase("check current");
		}
		assertThat(this.text.fullText(reply)).contains("The whole crisis article.");
		assertThat(app.waymark.system.SmsText
			.segments(app.waymark.system.SmsText.toGsmFriendly(this.text.shortText(reply)))).as("an SMS crisis reply")
			.isLessThanOrEqualTo(2);
	}

	/**
	 * A message the detectors read as two dangers gets both helps, the lead first;
	 * Samaritans, given to everyone, is not said twice, nor is the council's number.
	 */
	@ParameterizedTest(name = "{0} then {1}")
	@CsvSource(delimiter = '|', value = {
			"domestic-abuse | trafficking | National Domestic Abuse Helpline: 0808 2000 247 | Modern Slavery Helpline: 08000 121 700",
			"suicide | no-safe-place-tonight | Samaritans: call 116 123 | Call the council out of hours on 020 0000 0000. Shelter: 0808 800 4444",
			"no-safe-place-tonight | domestic-abuse | Call the council out of hours on 020 0000 0000. Shelter: 0808 800 4444 | National Domestic Abuse Helpline: 0808 2000 247",
			"violence | overdose | get somewhere safe and call 999 | call 999 or go to A&E now" })
	void aCrisisReadAsTwoDangersGetsBothHelps(String lead, String second, String leadHelp, String secondHelp) {
		Reply reply = new Reply(Reply.Kind.CRISIS, CRISIS_ARTICLE, 1.0, true, List.of(), "en",
				new app.waymark.safeguarding.RiskAssessment(app.waymark.safeguarding.RiskLevel.CRISIS, lead, List.of(),
						"rules+examples", "rules: x", second));
		for (String text : List.of(this.text.shortText(reply), this.text.fullText(reply))) {
			String[] lines = text.split("\n");
			assertThat(lines[0]).isEqualTo("If you are in danger now, call 999.");
			assertThat(lines[1]).contains(leadHelp);
			assertThat(lines[2]).contains(secondHelp);
			assertThat(text.split("Samaritans: call 116 123", -1)).as("Samaritans once").hasSize(2);
			assertThat(text.split("out of hours on", -1)).as("the council's number at most once").hasSizeLessThan(3);
			assertThat(text).endsWith("We are letting a worker know now.");
		}
		assertThat(app.waymark.system.SmsText
			.segments(app.waymark.system.SmsText.toGsmFriendly(this.text.shortText(reply)))).as("an SMS crisis reply")
			.isLessThanOrEqualTo(3);
	}

	@Test
	void aSecondDangerWithTheSameHelpAddsNothing() {
		Reply one = new Reply(Reply.Kind.CRISIS, CRISIS_ARTICLE, 1.0, true, List.of(), "en",
				new app.waymark.safeguarding.RiskAssessment(app.waymark.safeguarding.RiskLevel.CRISIS, "trafficking",
						List.of()));
		Reply split = new Reply(Reply.Kind.CRISIS, CRISIS_ARTICLE, 1.0, true, List.of(), "en",
				new app.waymark.safeguarding.RiskAssessment(app.waymark.safeguarding.RiskLevel.CRISIS, "trafficking",
						List.of(), "rules+examples", "rules: x", "criminal-exploitation"));
		assertThat(split.risk().secondCategory()).as("the same help is no second danger").isNull();
		assertThat(this.text.shortText(split)).isEqualTo(this.text.shortText(one));
	}

	@Test
	void withoutACouncilNumberNowhereToSleepStillGetsShelterAndAWorker() {
		ReplyText local = new ReplyText(this.phrases,
				new ConversationSettings("", "crisis-help", List.of("travel"), "talk-to-my-worker"),
				CrisisLines.NATIONAL);
		Reply reply = new Reply(Reply.Kind.CRISIS, CRISIS_ARTICLE, 1.0, true, List.of(), "en",
				new app.waymark.safeguarding.RiskAssessment(app.waymark.safeguarding.RiskLevel.CRISIS,
						"no-safe-place-tonight", List.of()));
		assertThat(local.shortText(reply).split("\n")[1]).contains("Shelter on 0808 800 4444")
			.doesNotContain("out of hours on");
	}

	@Test
	void didYouMeanNumbersTheChoices() {
		Article one = new Article("a", "Free bus travel", List.of(), List.of(), "s", "x", LocalDate.of(2026, 1, 1),
				LocalDate.of(2027, 1, 1), "", "en", List.of(), "b", "national");
		Article two = new Article("b", "Oyster photocard", List.of(), List.of(), "s", "x", LocalDate.of(2026, 1, 1),
				LocalDate.of(2027, 1, 1), "", "en", List.of(), "b", "national");
		Reply reply = new Reply(Reply.Kind.CHOOSE, null, 0.4, false, List.of(), "en",
				app.waymark.safeguarding.RiskAssessment.none(), List.of(one, two));
		assertThat(this.text.shortText(reply)).isEqualTo("Did you mean one of these?\n1 Free bus travel\n"
				+ "2 Oyster photocard\nReply with the number, or WORKER to reach a person.");
	}

}
