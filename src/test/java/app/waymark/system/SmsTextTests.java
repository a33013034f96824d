package app.waymark.system;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmsTextTests {

	static Stream<Arguments> segmentCases() {
		return Stream.of(Arguments.of("empty", "", true, 1), Arguments.of("plain short", "free bus?", true, 1),
				Arguments.of("160 GSM fits one", "a".repeat(160), true, 1),
				Arguments.of("161 GSM needs two", "a".repeat(161), true, 2),
				Arguments.of("306 GSM fits two", "a".repeat(306), true, 2),
				Arguments.of("307 GSM needs three", "a".repeat(307), true, 3),
				Arguments.of("pound sign is GSM", "up to £3,000", true, 1),
				Arguments.of("euro counts double", "€".repeat(80), true, 1),
				Arguments.of("euro over the edge", "€".repeat(81), true, 2),
				Arguments.of("smart quote forces UCS-2", "it\u2019s " + "a".repeat(70), false, 2),
				Arguments.of("70 UCS-2 fits one", "\u0627".repeat(70), false, 1),
				Arguments.of("71 UCS-2 needs two", "\u0627".repeat(71), false, 2),
				Arguments.of("emoji is UCS-2", "hi \uD83D\uDE00", false, 1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("segmentCases")
	void countsSegments(String label, String text, boolean gsm, int segments) {
		assertThat(SmsText.isGsm7(text)).isEqualTo(gsm);
		assertThat(SmsText.segments(text)).isEqualTo(segments);
	}

	@Test
	void foldsTypographyToGsm() {
		String folded = SmsText.toGsmFriendly("It\u2019s \u201Cfree\u201D \u2013 ask your PA\u2026");
		assertThat(folded).isEqualTo("It's \"free\" - ask your PA...");
		assertThat(SmsText.isGsm7(folded)).isTrue();
	}

	@Test
	void foldingLeavesOtherScriptsAlone() {
		assertThat(SmsText.toGsmFriendly("سلام")).isEqualTo("سلام");
	}

	@Test
	void splitsLongTextAtWordsWithinBudget() {
		String text = ("You can get free bus and tram travel. Ask your worker to register you. ").repeat(20);
		List<String> parts = SmsText.split(text, 2);
		assertThat(parts).hasSizeGreaterThan(1);
		for (String part : parts) {
			assertThat(SmsText.segments(part)).isLessThanOrEqualTo(2);
			assertThat(part).doesNotStartWith(" ").doesNotEndWith(" ");
		}
		assertThat(String.join(" ", parts).replaceAll("\\s+", " ")).isEqualTo(text.strip().replaceAll("\\s+", " "));
		// no word is cut in half
		for (String part : parts.subList(0, parts.size() - 1)) {
			assertThat(part).matches("(?s).*[.a-z]$");
			assertThat(text).contains(part);
		}
	}

	@Test
	void splitsAWordLongerThanAMessageWithoutBreakingSurrogates() {
		String emoji = "\uD83D\uDE00".repeat(100);
		List<String> parts = SmsText.split(emoji, 1);
		assertThat(String.join("", parts)).isEqualTo(emoji);
		for (String part : parts) {
			assertThat(part.length()).isLessThanOrEqualTo(SmsText.UCS2_SINGLE);
			assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
		}
	}

}
