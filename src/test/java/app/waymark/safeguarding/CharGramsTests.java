package app.waymark.safeguarding;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CharGramsTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "k1ll, kill", "h0meless, homeless", "su1c1d3, suicide", "800, 800", "2nite, 2nite", "pills, pills",
			"3ayez, eayez" })
	void digitsInsideWordsReadAsLetters(String word, String read) {
		assertThat(CharGrams.lettersForDigits(word)).isEqualTo(read);
	}

	@ParameterizedTest(name = "{0} is nearer {1} than {2}")
	@CsvSource(delimiter = '|', value = { "i want to kil myslef | i want to kill myself | i want to go to college",
			"sucide | suicide | suitcase for my move", "toi muon chet | tôi muốn chết | tôi muốn đi học",
			"k1ll mys3lf | kill myself | kilometres to the city", "أريد أن أموت | اريد ان اموت | أريد أن أدرس" })
	void typosAndMarksStayNearTheirWord(String message, String near, String far) {
		CharGrams grams = new CharGrams(List.of(near, far));
		float[] similarity = grams.similarities(message);
		assertThat(similarity[0]).isGreaterThan(similarity[1]);
		assertThat(similarity[0]).isGreaterThan(0.3f);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "nothing in common | qwzx vbnm", "empty | ''" })
	void unrelatedTextIsNotSimilar(String label, String text) {
		CharGrams grams = new CharGrams(List.of("i want to kill myself"));
		assertThat(grams.similarities(text)[0]).isLessThan(0.05f);
	}

}
