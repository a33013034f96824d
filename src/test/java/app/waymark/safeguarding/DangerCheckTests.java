package app.waymark.safeguarding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** The two detectors together, on the repository's rules, bank and articles. */
class DangerCheckTests {

	private final DangerCheck check = RepositoryDangerCheck.shared();

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			// said without any word the rules know: the examples find it
			"indirect farewell | everyone would be better off if i wasnt around anymore, thanks for everything | CRISIS | SUICIDE_AND_SELF_HARM",
			"coded exploitation | they said i owe them so i have to take the bag to another town again | CRISIS | EXPLOITATION",
			"a place to sleep, not the word homeless | im on the night bus again tonight cos i cant go back to the flat | CRISIS | NOWHERE_SAFE_TONIGHT",
			"documents taken | the boss has my passport and i work every day for no money | CRISIS | EXPLOITATION",
			"overdose | i took the whole packet of paracetamol an hour ago | CRISIS | MEDICAL",
			"Albanian | nuk dua te jetoj me | CRISIS | ",
			"Vietnamese without marks | toi khong muon song nua | CRISIS | ",
			"French | je veux mourir | CRISIS | SUICIDE_AND_SELF_HARM", "idiom | this exam is killing me lol | NONE | ",
			"entitlement question | can i get help with my rent | NONE | ",
			"bare help is the menu, not an alert | help | NONE | " })
	void catchesDangerSaidManyWays(String label, String message, RiskLevel level, CrisisHelp help) {
		RiskAssessment assessment = this.check.assess(message);
		assertThat(assessment.level()).as(label).isEqualTo(level);
		if (help != null) {
			assertThat(CrisisHelp.forCategory(assessment.category())).as(label + " (" + assessment.category() + ")")
				.isEqualTo(help);
		}
	}

	/**
	 * Where the detectors, or the nearest examples, are split between two kinds of help,
	 * the assessment names the second, for the reply to give both.
	 */
	@ParameterizedTest(name = "rules {0}, examples {1} (second in their vote {2})")
	@CsvSource(delimiter = '|', value = {
			// both find a crisis; the examples' vote leads, the rules' other help follows
			"CRISIS | CRISIS | domestic-abuse | trafficking | | trafficking | domestic-abuse",
			// the same help twice is no second danger
			"CRISIS | CRISIS | exploitation | criminal-exploitation | | criminal-exploitation | ",
			// Samaritans, in every crisis reply, is no second help: the vote's second is
			"CRISIS | CRISIS | suicide | trafficking | no-safe-place-tonight | trafficking | no-safe-place-tonight",
			"CRISIS | CRISIS | self-harm | domestic-abuse | | domestic-abuse | ",
			// agreeing detectors, but the vote itself was close
			"CRISIS | CRISIS | self-harm | suicide | no-safe-place-tonight | suicide | no-safe-place-tonight",
			"NONE | CRISIS | | overdose | violence | overdose | violence",
			// the rules alone: their category, nothing more
			"CRISIS | CONCERN | violence | | | violence | ",
			// a concern has no crisis help at all
			"CONCERN | CONCERN | money | | | money | " })
	void aSplitReadingGivesASecondHelp(RiskLevel rules, RiskLevel examples, String rulesCategory, String vote,
			String secondVote, String category, String second) {
		RiskAssessment byRules = rules == RiskLevel.NONE ? RiskAssessment.none()
				: new RiskAssessment(rules, rulesCategory, java.util.List.of("rule-1"));
		SemanticDetector.Reading byExamples = new SemanticDetector.Reading(examples,
				vote != null ? vote : examples == RiskLevel.NONE ? null : "money", java.util.List.of(), new double[4],
				new double[4], new String[4], new String[4], vote, secondVote);
		RiskAssessment combined = DangerCheck.combine("some words", byRules, byExamples);
		assertThat(combined.category()).isEqualTo(category);
		assertThat(combined.secondCategory()).isEqualTo(second);
		if (second != null) {
			assertThat(combined.evidence()).as("for the lead reviewing the alert")
				.contains("also given the help for: " + second);
		}
	}

	/**
	 * The crisis vote's second help: the next help weighing at least
	 * SemanticDetector.SECOND_HELP_SHARE of the winner, never Samaritans, which every
	 * crisis reply gives anyway.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "a close second | EXPLOITATION:1.0 VIOLENCE:0.5 | VIOLENCE",
			"too light a second | EXPLOITATION:1.0 VIOLENCE:0.1 | ",
			"Samaritans passed over for the next | EXPLOITATION:1.0 SUICIDE_AND_SELF_HARM:0.9 NOWHERE_SAFE_TONIGHT:0.4 | NOWHERE_SAFE_TONIGHT",
			"the next after Samaritans too light | EXPLOITATION:1.0 SUICIDE_AND_SELF_HARM:0.9 NOWHERE_SAFE_TONIGHT:0.1 | ",
			"Samaritans leading, the next follows | SUICIDE_AND_SELF_HARM:1.0 DOMESTIC_ABUSE:0.4 | DOMESTIC_ABUSE",
			"one help alone | VIOLENCE:1.0 | " })
	void theVotesSecondHelpIsOneTheReplyDoesNotGiveAnyway(String label, String weights, CrisisHelp second) {
		java.util.List<java.util.Map.Entry<CrisisHelp, Double>> ranked = java.util.Arrays.stream(weights.split(" "))
			.map(pair -> java.util.Map.entry(CrisisHelp.valueOf(pair.split(":")[0]),
					Double.parseDouble(pair.split(":")[1])))
			.toList();
		assertThat(SemanticDetector.secondHelp(ranked)).as(label).isEqualTo(second);
	}

	@Test
	void aTopicMentionedIsAConcernNotACrisis() {
		RiskAssessment talk = this.check.assess("we had a talk on county lines at college today");
		assertThat(talk.level()).isNotEqualTo(RiskLevel.CRISIS);
		RiskAssessment told = this.check.assess("they are making me do county lines, i have to sell for them");
		assertThat(told.level()).isEqualTo(RiskLevel.CRISIS);
	}

	/**
	 * A lesson or a scene about a danger is a topic, in other languages too, read through
	 * the glossary: in Arabizi "3an" is "about", and in Sorani the teacher comes after
	 * the subject.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"Arabizi, a lesson | el nharda fel college 3amalna lesson 3an county lines w el gangs, kan mufeed",
			"Sorani, the teacher last | ئەمڕۆ لە کۆلێج باسی county lines مان کرد، مامۆستا گوتی ئاگادار بن",
			"English, learnt about | today we learnt about county lines in PSHE, the teacher showed a video",
			"English, a talk 'bout' | had a talk in form time bout county lines and knife crime, the speaker was good",
			"English, a scene | watched the new series last night, the bit where they stab him on the stairs was mad",
			"Albanian, a lesson at college | sot ne kolegj na folen per county lines edhe trafikimin, ishte interesante",
			"Vietnamese, a session at school | nay o truong co buoi noi ve county lines, thay cho xem video",
			"Kurmanji, a lesson at college | iro li koleje dersek li ser county lines hebû, baş bû",
			"Farsi, talked about at college | امروز در کالج درباره county lines صحبت کردند، جالب بود" })
	void aDangerTalkedAboutNotToldOfIsAConcernInEveryLanguage(String label, String message) {
		assertThat(this.check.assessByRules(message).level()).as("the rules alone").isEqualTo(RiskLevel.CRISIS);
		assertThat(this.check.assess(message).level()).as(label).isEqualTo(RiskLevel.CONCERN);
	}

	@Test
	void anAssessmentSaysWhichDetectorAndWhyWithoutQuotingTheMessage() {
		String message = "i want to kill myself tonight";
		RiskAssessment assessment = this.check.assess(message);
		assertThat(assessment.level()).isEqualTo(RiskLevel.CRISIS);
		assertThat(assessment.detectedBy()).isEqualTo("rules+examples");
		assertThat(assessment.evidence()).contains("rules: ").contains("examples: ").doesNotContain(message);
	}

	@Test
	void whenTheRulesMissTheExamplesDecideAndSaySo() {
		RiskAssessment assessment = this.check.assess("i gave my little brother all my stuff, i wont be needing it");
		assertThat(assessment.level()).isEqualTo(RiskLevel.CRISIS);
		assertThat(assessment.detectedBy()).isEqualTo("examples");
		assertThat(assessment.evidence()).startsWith("examples: ").contains("meaning");
	}

	@Test
	void theSameWordsAgainGetTheSameAssessmentWithoutComparingAgain() {
		String message = "i gave my little brother all my stuff, i wont be needing it";
		RiskAssessment first = this.check.assess(message);
		assertThat(this.check.assess(message)).isSameAs(first);
		assertThat(this.check.assess(message + " ")).isNotSameAs(first).isEqualTo(first);
	}

	/**
	 * The day's news first and the danger last: read whole, the news hides the danger
	 * from the examples; read sentence by sentence, it does not.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"English | passed my driving theory today!! my key worker came round and we had pizza, she is nice. then on the way back two older boys from the block pulled a knife and said next time they get me. im in the shop toilet and too scared to leave",
			"news at length | got my new bank card today and my provisional licence came too!! my key worker is proud of me and we went for food. my uncle called from home and everyone is fine there. but there is a man outside my door with a bat saying he will break my legs when i come out" })
	void theDangerToldLastInALongMessageIsReadOnItsOwn(String language, String message) {
		// only meaningful while the whole message hides the danger from the examples
		assumeThat(this.check.readWholeExamples(message).level()).as("whole").isEqualTo(RiskLevel.NONE);
		assertThat(this.check.readExamples(message).level()).as("sentence by sentence").isEqualTo(RiskLevel.CRISIS);
		RiskAssessment assessment = this.check.assess(message);
		assertThat(assessment.level()).isEqualTo(RiskLevel.CRISIS);
		assertThat(assessment.evidence()).as("the reviewer sees which sentence")
			.containsPattern("examples \\(sentence \\d of \\d\\)");
	}

	/**
	 * A topic word in one sentence does not make a danger told in the next a topic: a
	 * sentence's crisis gives way only to a topic in it or just before it, and "talk to
	 * someone about", "on the way" are ways of telling, not topics.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"a class, then the way home | finished my english class today, teacher was happy. on the way home three older guys pulled a knife and said tomorrow they finish me. im hiding in a shop",
			"talk to someone about | i need to talk to someone about my uncle, he hits me every night and says he will kill me",
			"a teacher to talk to | my teacher at college wants to talk to me about the bruises, my uncle beats me every night and says he will kill me",
			"at college, not a lesson | at college the older boys said i have to carry a bag to birmingham or they stab me",
			"talked about at school | at school they keep talking about me, they said they will stab me after class today" })
	void aDangerToldAfterATopicWordIsStillACrisis(String label, String message) {
		assertThat(this.check.assess(message).level()).as(label).isEqualTo(RiskLevel.CRISIS);
	}

	@Test
	void aFilmTalkedAboutIsNotMadeACrisisByOneOfItsSentences() {
		String message = "we went to the cinema tonight, the film was about a war. there was a lot of blood and shooting in it. i liked the music";
		assertThat(this.check.readExamples(message).level()).as("one sentence alone").isEqualTo(RiskLevel.CRISIS);
		// a worker still looks; nobody is told it is an emergency
		assertThat(this.check.assess(message).level()).isEqualTo(RiskLevel.CONCERN);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "one sentence | i have nowhere to sleep tonight and it is cold | 0",
			"two sentences | college was fine today. but they are waiting for me outside | 2",
			"a short remark is not read alone | i am outside the flat again. ok? | 0",
			"Ethiopic full stop | ሎሚ ኣብ ኮሌጅ ጽቡቕ ነይሩ። ግን ሎሚ ለይቲ ዝድቅሰሉ ቦታ የብለይን ኣብ ደገ እየ | 2",
			"Arabic question mark | شنو هو الرقم حق الطوارئ في لندن؟ صاحبي وقع وما بيتنفس خالص | 2",
			"an ellipsis | college was ok today… then one of them showed me a blade… im hiding in the library now | 3",
			"Ethiopic semicolon | ሎሚ ኣብ ኮሌጅ ጽቡቕ ነይሩ ኢዩ፤ ግን ሎሚ ለይቲ ዝድቅሰሉ ቦታ የብለይን ኣብ ደገ እየ | 2" })
	void sentencesAreReadAloneOnlyWhenThereAreTwoOfFourWordsOrMore(String label, String message, int sentences) {
		assertThat(SemanticDetector.sentences(message)).as(label).hasSize(sentences);
	}

	@ParameterizedTest(name = "{0} sentences")
	@CsvSource({ "3, '0,1,2'", "10, '0,1,2,3,4,5,6,7,8,9'", "30, '0,1,22,23,24,25,26,27,28,29'" })
	void aLongMessageIsReadInItsFirstAndLastSentences(int sentences, String read) {
		assertThat(SemanticDetector.readingOrder(sentences))
			.containsExactly(java.util.Arrays.stream(read.split(",")).mapToInt(Integer::parseInt).toArray());
	}

	@Test
	void nothingToAssessIsNothing() {
		assertThat(this.check.assess("  ").level()).isEqualTo(RiskLevel.NONE);
		assertThat(this.check.assess(null).level()).isEqualTo(RiskLevel.NONE);
	}

}
