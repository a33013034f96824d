package app.waymark.safeguarding;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GlossaryTests {

	/** A few words of Dari and of Vietnamese, as the files hold them. */
	private static final Glossary GLOSSARY = new Glossary(Map.of("fa", Glossary.parse("glossary-fa.tsv", """
			شوهر	husband
			زد	hit
			باز	again
			تلفون	phone
			گرفت	took
			"""), "vi", Glossary.parse("glossary-vi.tsv", """
			tự tử	suicide
			muốn	want
			em	i
			""")));

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			# message                        | English reading                | words in another script | known
			شوهرم باز زد                     | husband again hit              | 3 | 3
			شوهرم باز زد 🔪🔪                | husband again hit knife        | 3 | 3
			تلفونمه گرفته                     | phone took                     | 2 | 2
			my husband زد me                 | my husband hit me              | 1 | 1
			شوهرم کتاب                        | husband                        | 2 | 1
			""")
	void readsWordsInAnotherScriptThroughTheGlossaryAndAffixes(String message, String english, int foreign, int known) {
		Glossary.Gloss gloss = GLOSSARY.gloss(message);
		assertThat(gloss.english()).isEqualTo(english);
		assertThat(gloss.foreign()).isEqualTo(foreign);
		assertThat(gloss.known()).isEqualTo(known);
		assertThat(gloss.language()).isEqualTo("fa");
	}

	@Test
	void readsCompoundsOfTwoWordsInLatinLettersAndKeepsUnknownWordsAsTyped() {
		Glossary.Gloss gloss = GLOSSARY.glossLatin("em muốn tự tử tonight");
		assertThat(gloss.english()).isEqualTo("i want suicide tonight");
		assertThat(gloss.known()).isEqualTo(4);
		assertThat(gloss.foreign()).isEqualTo(5);
		assertThat(gloss.language()).isEqualTo("vi");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			they waiting 🔪🔪 outside     | they waiting knife outside
			📦 to birmingham 🚆 tonight   | package to birmingham train tonight
			good night 🙂                 | good night 🙂
			no emoji at all               | no emoji at all
			""")
	void readsMeaningfulEmojiAsWords(String message, String read) {
		assertThat(Glossary.emojiAsWords(message)).isEqualTo(read);
	}

	@Test
	void aLineWithoutItsEnglishStopsStartUpNamingTheLine() {
		assertThatIllegalArgumentException().isThrownBy(() -> Glossary.parse("glossary-ps.tsv", "زه\tI\nمړ\n"))
			.withMessageContaining("glossary-ps.tsv line 2");
	}

	@Test
	void everyGlossaryFileOnTheClasspathReads() {
		Glossary glossary = Glossary.fromClasspath();
		for (String language : Glossary.LANGUAGES) {
			assertThat(glossary.size(language)).as(language).isGreaterThan(1000);
		}
	}

}
