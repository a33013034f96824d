package app.waymark.safeguarding;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

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

	@Test
	void aTopicMentionedIsAConcernNotACrisis() {
		RiskAssessment talk = this.check.assess("we had a talk on county lines at college today");
		assertThat(talk.level()).isNotEqualTo(RiskLevel.CRISIS);
		RiskAssessment told = this.check.assess("they are making me do county lines, i have to sell for them");
		assertThat(told.level()).isEqualTo(RiskLevel.CRISIS);
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

	@Test
	void nothingToAssessIsNothing() {
		assertThat(this.check.assess("  ").level()).isEqualTo(RiskLevel.NONE);
		assertThat(this.check.assess(null).level()).isEqualTo(RiskLevel.NONE);
	}

}
