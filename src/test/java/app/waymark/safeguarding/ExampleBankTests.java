package app.waymark.safeguarding;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ExampleBankTests {

	@Test
	void everyCrisisCategoryHasEnglishExamplesAndHarmlessOnesToo() {
		Map<String, Long> english = ExampleBank.fromClasspath()
			.examples()
			.stream()
			.filter(example -> example.language().equals("en"))
			.collect(Collectors.groupingBy(example -> String.valueOf(example.category()), Collectors.counting()));
		for (String category : ExampleBank.CRISIS_CATEGORIES) {
			assertThat(english.getOrDefault(category, 0L)).as(category).isGreaterThanOrEqualTo(20);
		}
		assertThat(english.get("null")).as("harmless examples").isGreaterThanOrEqualTo(100);
	}

	@Test
	void everyLanguageFileHasCrisisAndHarmlessExamples() {
		Map<String, Set<RiskLevel>> levels = ExampleBank.fromClasspath()
			.examples()
			.stream()
			.collect(Collectors.groupingBy(ExampleBank.Example::language,
					Collectors.mapping(ExampleBank.Example::level, Collectors.toSet())));
		assertThat(levels.keySet()).containsAll(ExampleBank.LANGUAGES);
		levels.forEach((language, found) -> assertThat(found).as(language)
			.contains(RiskLevel.CRISIS, RiskLevel.CONCERN, RiskLevel.NONE));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"no language | 'examples: {suicide: {level: crisis, messages: [a]}}' | needs 'language:'",
			"unknown level | 'language: en\nexamples: {suicide: {level: urgent, messages: [a]}}' | level 'urgent'",
			"crisis category unknown | 'language: en\nexamples: {boredom: {level: crisis, messages: [a]}}' | not a crisis category",
			"no messages | 'language: en\nexamples: {suicide: {level: crisis, messages: []}}' | needs 'level:' and messages",
			"empty message | 'language: en\nexamples: {suicide: {level: crisis, messages: [\"\"]}}' | is empty",
			"not yaml | 'language: [' | not valid YAML" })
	void aMistakeNamesTheFileAndWhat(String label, String yaml, String says) {
		assertThatIllegalArgumentException().isThrownBy(() -> ExampleBank.parse("examples-en.yml", yaml))
			.withMessageContaining("examples-en.yml")
			.withMessageContaining(says);
	}

}
