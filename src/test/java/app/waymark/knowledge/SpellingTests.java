package app.waymark.knowledge;

import java.util.List;
import java.util.Set;

import app.waymark.system.SentenceEmbeddings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SpellingTests {

	static final Spelling SPELLING = new Spelling(
			List.of("Homeless or about to be? Call the housing team.", "Counselling is free for care leavers.",
					"Get a 16-25 Railcard. Railcard holders pay a third less. Budget planner.", "Bursary for college",
					"Budgeting help"),
			Set.of("house", "homes", "council", "netflix", "counting"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			i think im going to be homless soon  | i think im going to be homeless soon
			how do i get councelling             | how do i get counselling
			how do i make a budjet               | how do i make a budget
			raicard discount?                    | railcard discount?
			colege bursery                       | college bursary
			wen can i apply 4 uc                 | wen can i apply 4 uc
			need a house                         | need a house
			council flat                         | council flat
			do i need a tv licence 4 netflix     | do i need a tv licence 4 netflix
			homes near the railcard office       | homes near the railcard office
			my name is zorbakhan                 | my name is zorbakhan
			""")
	void misspeltWordsBecomeTheArticlesWordsAndNothingElseChanges(String question, String mended) {
		assertThat(SPELLING.correct(question)).isEqualTo(mended);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			budgat | budget
			""")
	void aTieGoesToTheCommonerWord(String word, String mended) {
		// "budget" is one edit from "budgat", as "budgeg" would be; "budget" occurs twice
		Spelling spelling = new Spelling(List.of("budget budget", "budgeg"), Set.of());
		assertThat(spelling.correct(word)).isEqualTo(mended);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			homeless | true
			council  | true
			railcard | false
			homless  | false
			""")
	void theModelsWholeWordsAreReadFromItsVocabulary(String word, boolean known) {
		assertThat(SentenceEmbeddings.modelWords().contains(word)).isEqualTo(known);
		assertThat(SentenceEmbeddings.modelWords()).hasSizeGreaterThan(20_000);
	}

}
