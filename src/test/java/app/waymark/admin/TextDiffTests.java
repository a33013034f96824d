package app.waymark.admin;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The version diff written out as text: each line as its marker (space, − or +) and its
 * words, with the words that changed in [brackets]; lines joined by '/'.
 */
class TextDiffTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			same text             | same text                 | ' same text'
			a grant of 100 pounds | a grant of 250 pounds     | −a grant of [100] pounds/+a grant of [250] pounds
			one/two/three         | one/three                 | ' one/−[two]/ three'
			one/three             | one/two/three             | ' one/+[two]/ three'
			ask your worker       | ask your personal adviser | −ask your [worker]/+ask your [personal adviser]
			''                    | new line                  | +[new line]
			old line              | ''                        | −[old line]
			""")
	void marksChangedLinesAndTheWordsWithinThem(String before, String after, String expected) {
		List<TextDiff.Line> lines = TextDiff.lines(before.replace('/', '\n'), after.replace('/', '\n'));
		String written = lines.stream()
			.map(line -> line.marker() + line.segments()
				.stream()
				.map(s -> s.changed() ? "[" + s.text() + "]" : s.text())
				.collect(Collectors.joining()))
			.collect(Collectors.joining("/"));
		assertThat(written).isEqualTo(expected);
		assertThat(TextDiff.same(lines)).isEqualTo(before.equals(after));
	}

}
