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
					"Budgeting help", "Andrew helps with licences"),
			// example questions misspell on purpose: their words stay, but nothing
			// becomes one
			List.of("can i get a licens for driving", "colege bursery"),
			Set.of("house", "homes", "council", "netflix", "licence"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			i think im going to be homless soon  | i think im going to be homeless soon
			how do i get councelling             | how do i get counselling
			how do i make a budjet               | how do i make a budget
			raicard discount?                    | railcard discount?
			Raicard discount?                    | railcard discount?
			wen can i apply 4 uc                 | wen can i apply 4 uc
			need a house                         | need a house
			council flat                         | council flat
			do i need a tv licence 4 netflix     | do i need a tv licence 4 netflix
			homes near the railcard office       | homes near the railcard office
			my name is zorbakhan                 | my name is zorbakhan
			colege bursery                       | colege bursery
			licenss please                       | licences please
			3andi mashakel 3andu                 | 3andi mashakel 3andu
			bursäry 2day                         | bursäry 2day
			خانه میخوام                          | خانه میخوام
			""")
	void misspeltWordsBecomeTheArticlesWordsAndNothingElseChanges(String question, String mended) {
		assertThat(SPELLING.correct(question)).isEqualTo(mended);
	}

	@ParameterizedTest(name = "{0} -> {2}")
	@CsvSource(delimiter = '|', textBlock = """
			budget budget budgot | budgat | budget
			budgot budget        | budgat | budget
			budget budgot        | budgat | budget
			""")
	void aTieGoesToTheCommonerWordThenTheFirstAlphabetically(String articles, String word, String mended) {
		// "budgat" is one edit from both "budget" and "budgot"
		Spelling spelling = new Spelling(List.of(articles), List.of(), Set.of());
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
