package app.waymark.channel.telegram;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownV2Tests {

	@ParameterizedTest(name = "{0}")
	@MethodSource("escapes")
	void escapesEverySpecialCharacter(String plain, String escaped) {
		assertThat(MarkdownV2.escape(plain)).isEqualTo(escaped);
	}

	static Stream<Arguments> escapes() {
		return Stream.of(Arguments.of("plain words", "plain words"), Arguments.of("snake_case", "snake\\_case"),
				Arguments.of("*bold*", "\\*bold\\*"), Arguments.of("[link](url)", "\\[link\\]\\(url\\)"),
				Arguments.of("~strike~ `code`", "\\~strike\\~ \\`code\\`"), Arguments.of("> quote", "\\> quote"),
				Arguments.of("#1 + 2 - 3 = 0", "\\#1 \\+ 2 \\- 3 \\= 0"), Arguments.of("a|b {c}", "a\\|b \\{c\\}"),
				Arguments.of("End. Now!", "End\\. Now\\!"), Arguments.of("back\\slash", "back\\\\slash"),
				Arguments.of("https://example.org/a_b?x=1", "https://example\\.org/a\\_b?x\\=1"),
				Arguments.of("\u0633\u0644\u0627\u0645 \ud83d\ude8c", "\u0633\u0644\u0627\u0645 \ud83d\ude8c"),
				Arguments.of("Rent_deposit *help* [v2.0] (new)!",
						"Rent\\_deposit \\*help\\* \\[v2\\.0\\] \\(new\\)\\!"));
	}

	@ParameterizedTest(name = "{0} x{1} within {2}")
	@CsvSource({ "'Paragraph one.\n\n', 200, 4096", "'line.\n', 1000, 4096", "'word. ', 2000, 4096", "'.', 5000, 4096",
			"'x', 9000, 4096", "'a_b ', 3000, 100", "'\ud83d\ude8c', 5000, 4096" })
	void splitsIntoPartsThatFitOnceEscapedAndLoseNothing(String unit, int times, int max) {
		String text = unit.repeat(times);
		List<String> parts = MarkdownV2.split(text, max);
		assertThat(parts).allSatisfy(part -> assertThat(MarkdownV2.escape(part).length()).isLessThanOrEqualTo(max));
		assertThat(String.join("", parts).replaceAll("\\s", "")).isEqualTo(text.replaceAll("\\s", ""));
		assertThat(parts).allSatisfy(part -> {
			assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
			assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
		});
	}

	@Test
	void cutsAtParagraphsBeforeLines() {
		String paragraph = "a".repeat(60) + "\n" + "b".repeat(30);
		List<String> parts = MarkdownV2.split(paragraph + "\n\n" + paragraph, 100);
		assertThat(parts).containsExactly(paragraph, paragraph);
	}

	@Test
	void shortTextIsOnePart() {
		assertThat(MarkdownV2.split("Hi there.", 4096)).containsExactly("Hi there.");
	}

}
