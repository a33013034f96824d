package app.waymark.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails when a translation drifts from English: a key English has is missing, a key
 * English lacks is added, or a phrase loses or gains a {0} placeholder. Also checks that
 * draft translations say so and are never used for crisis sentences.
 */
class PhraseFilesTests {

	static final List<String> CORE = List.of("greeting", "menu", "not-sure", "more.hint", "crisis.intro",
			"crisis.worker-told", "english-fallback");

	@ParameterizedTest
	@ValueSource(strings = { "ar", "ps", "fa", "ti", "ckb", "am", "vi", "fr", "sq" })
	void everyTranslationHasExactlyEnglishsKeysAndPlaceholders(String language) throws IOException {
		Properties english = read("en");
		Properties translation = read(language);
		assertThat(translation).as("phrases_%s.properties exists", language).isNotEmpty();
		assertThat(new TreeSet<>(translation.stringPropertyNames())).as("keys of phrases_%s", language)
			.isEqualTo(new TreeSet<>(english.stringPropertyNames()));
		for (String key : english.stringPropertyNames()) {
			assertThat(placeholders(translation.getProperty(key))).as("placeholders of %s in %s", key, language)
				.isEqualTo(placeholders(english.getProperty(key)));
			assertThat(translation.getProperty(key)).as("%s in %s", key, language).isNotBlank();
		}
		assertThat(english.stringPropertyNames()).containsAll(CORE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ar", "ps", "fa", "ti", "ckb", "am", "vi", "fr", "sq" })
	void draftTranslationsAreMarkedAndNeverUsedForCrisisSentences(String language) throws IOException {
		Properties file = read(language);
		String status = file.getProperty("status");
		Phrases phrases = new Phrases();
		if (!"reviewed".equals(status)) {
			assertThat(status).isEqualTo("machine-or-draft translation - needs a fluent reviewer");
			assertThat(phrases.supports(language)).isFalse();
			assertThat(phrases.get(language, "more.hint")).isEqualTo(file.getProperty("more.hint"));
			assertThat(phrases.get(language, "english-fallback")).isEqualTo(file.getProperty("english-fallback"));
			assertThat(phrases.reviewed(language, "crisis.worker-told"))
				.isEqualTo(phrases.get("en", "crisis.worker-told"));
		}
		else {
			assertThat(phrases.supports(language)).isTrue();
		}
	}

	private static Set<Integer> placeholders(String pattern) {
		Set<Integer> found = new TreeSet<>();
		new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).getFormatsByArgumentIndex();
		for (int i = 0; i < 5; i++) {
			if (pattern.contains("{" + i + "}")) {
				found.add(i);
			}
		}
		return found;
	}

	private static Properties read(String language) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = PhraseFilesTests.class
			.getResourceAsStream("/phrases/phrases_" + language + ".properties")) {
			if (in != null) {
				properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			}
		}
		return properties;
	}

}
