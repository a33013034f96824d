package app.waymark.workerapp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How much of a message an alert card shows under each policy. */
class ExcerptTests {

	static final String LONG = "I have nowhere to sleep tonight and my landlord changed the locks while I was out "
			+ "at college today";

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
			full    | short words          | short words
			excerpt | short words          | short words
			none    | short words          | NULL
			excerpt | '  two\n  lines  '   | two lines
			full    | NULL                 | (gone)
			excerpt | NULL                 | (gone)
			none    | NULL                 | NULL
			""")
	void policy(String setting, String text, String shown) {
		assertThat(Excerpt.parse(setting).apply(text, "(gone)")).isEqualTo(shown);
	}

	@Test
	void anExcerptEndsAtAWordWithinAboutALine() {
		String shown = Excerpt.EXCERPT.apply(LONG, "(gone)");
		assertThat(shown).startsWith("I have nowhere to sleep tonight").endsWith("…").doesNotContain("college");
		assertThat(shown.length()).isLessThanOrEqualTo(Excerpt.LENGTH + 1);
		assertThat(LONG).startsWith(shown.substring(0, shown.length() - 1));
		assertThat(Excerpt.FULL.apply(LONG, "(gone)")).isEqualTo(LONG);
		String unbroken = "x".repeat(200);
		assertThat(Excerpt.EXCERPT.apply(unbroken, "")).hasSize(Excerpt.LENGTH + 1);
	}

	@Test
	void aMistypedSettingIsRefused() {
		assertThatThrownBy(() -> new WorkerAppSettings(java.time.Duration.ofSeconds(5), 200, "some"))
			.hasMessageContaining("full, excerpt or none");
	}

}
