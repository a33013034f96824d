package app.waymark.safeguarding;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GlossaryTests {

	/** A few words of Dari, Pashto, Arabic, Tigrinya, Amharic and Vietnamese. */
	private static final Glossary GLOSSARY = new Glossary(Map.of("fa", Glossary.parse("glossary-fa.tsv", """
			شوهر	husband
			زد	hit
			باز	again
			تلفون	phone
			گرفت	took
			"""), "ps", Glossary.parse("glossary-ps.tsv", """
			زه	i
			شپه	night
			وهل	hit
			"""), "ar", Glossary.parse("glossary-ar.tsv", """
			دم	blood
			والد	father
			نوم	sleep
			انو	that
			"""), "ti", Glossary.parse("glossary-ti.tsv", """
			ካራ	knife
			ሰብኣይ	man
			"""), "am", Glossary.parse("glossary-am.tsv", """
			ሰው	person
			ካራ	blade
			"""), "vi", Glossary.parse("glossary-vi.tsv", """
			tự tử	suicide
			từ từ	slowly
			muốn	want
			em	i
			my	noodles
			dao	knife
			""")));

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			# message                 | English reading             | glossary | words in its script | known
			شوهرم باز زد               | husband again hit           | fa       | 3                   | 3
			شوهرم باز زد 🔪🔪          | husband again hit knife     | fa       | 3                   | 3
			تلفونمه گرفته               | phone took                  | fa       | 2                   | 2
			my husband زد, I'm scared  | my husband hit im scared    | fa       | 1                   | 1
			شوهرم کتاب                  | husband                     | fa       | 2                   | 1
			والدم                       | blood                       | ar       | 1                   | 1
			انوم                        | sleep                       | ar       | 1                   | 1
			ካራ ሰብኣይ                    | knife man                   | ti       | 2                   | 2
			""")
	void readsWordsInAnotherScriptThroughTheGlossaryAndAffixes(String message, String english, String language,
			int foreign, int known) {
		Glossary.Gloss gloss = GLOSSARY.gloss(message);
		assertThat(gloss.english()).isEqualTo(english);
		assertThat(gloss.language()).isEqualTo(language);
		assertThat(gloss.foreign()).isEqualTo(foreign);
		assertThat(gloss.known()).isEqualTo(known);
	}

	@Test
	void aWordAsTypedComesBeforeOneThatFoldsAlike() {
		// without its accents "từ từ" (slowly) folds as "tự tử" (suicide) does
		assertThat(GLOSSARY.glossLatin("từ từ thôi").english()).startsWith("slowly");
		assertThat(GLOSSARY.glossLatin("em muốn tự tử").english()).isEqualTo("i want suicide");
	}

	@Test
	void aVietnameseWordTypedWithItsMarksIsNotAnotherWordWithoutThem() {
		// "dạo" (lately) is not "dao" (knife); typed without marks it may be any of its
		// forms
		assertThat(GLOSSARY.glossLatin("dạo này em muốn").english()).isEqualTo("dạo này i want");
		assertThat(GLOSSARY.glossLatin("em muon dao").english()).isEqualTo("i want knife");
	}

	@Test
	void readsCompoundsOfTwoWordsInLatinLettersAndKeepsUnknownWordsAsTyped() {
		Glossary.Gloss gloss = GLOSSARY.glossLatin("em muốn tự tử tonight");
		assertThat(gloss.english()).isEqualTo("i want suicide tonight");
		assertThat(gloss.known()).isEqualTo(4);
		assertThat(gloss.foreign()).isEqualTo(5);
		assertThat(gloss.language()).isEqualTo("vi");
	}

	/** A few words of Arabizi and Albanian, to read spellings the glossary lacks. */
	private static final Glossary LOOSE = new Glossary(Map.of("ar-latn", Glossary.parse("glossary-ar-latn.tsv", """
			khalas	finished
			mehtaag	need
			mashakel	problems
			baddi	want
			bas	but
			katab	wrote
			kteeb	book
			"""), "sq", Glossary.parse("glossary-sq.tsv", """
			dua	i want
			te	to
			vdes	die
			""")));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			a spelling the glossary lacks, by its skeleton | 5alas bas | finished but | 2
			kh written as x, the vowels doubled | xallaas bas | finished but | 2
			a digit for a sound, a vowel left out | m7tag bas | need but | 2
			other vowels | mashaakil bas | problems but | 2
			a skeleton two words share means neither | kutub bas | kutub but | 1
			too short a skeleton is never looked up | bdi bas | bdi but | 1
			""")
	void arabiziWordsSpelledAnotherWayAreReadByTheirSkeleton(String label, String message, String english, int known) {
		Glossary.Gloss gloss = LOOSE.glossLatin(message);
		assertThat(gloss.english()).as(label).isEqualTo(english);
		assertThat(gloss.known()).as(label).isEqualTo(known);
		assertThat(gloss.language()).as(label).isEqualTo("ar-latn");
	}

	@Test
	void skeletonsAreOnlyForLanguagesWithNoAgreedSpellingAndOnlyOnceTheLanguageIsChosen() {
		// Albanian has one spelling: "vdesi" is not "vdes" by skeleton
		assertThat(LOOSE.glossLatin("dua te vdesi").english()).isEqualTo("i want to vdesi");
		// the language is chosen by words known as spelled: Albanian here, so the
		// Arabizi skeleton of "dua" ("d") is never asked
		assertThat(LOOSE.glossLatin("dua te vdes").language()).isEqualTo("sq");
		assertThat(Glossary.skeleton("khallas")).isEqualTo(Glossary.skeleton("5alas"));
		assertThat(Glossary.skeleton("ab")).isNull();
	}

	@Test
	void wordsOfEnglishAreNeverTakenForAnotherLanguage() {
		assertThat(GLOSSARY.glossLatin("my phone died").known()).isEqualTo(1);
		Glossary english = GLOSSARY.withEnglishWords(Set.of("my", "phone", "died"));
		assertThat(english.glossLatin("my phone died").known()).isZero();
		assertThat(english.glossLatin("my phone died").english()).isEqualTo("my phone died");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			زه نن شپه ډېر ډاریږم       | ps
			ئەمشەو زۆر دەترسم         | ckb
			ካብ ገዛ ኸይደ               | ti
			من امشب خیلی می‌ترسم       | fa
			انا خايف كتير الليلة       |
			""")
	void lettersOnlyOneLanguageWritesHintAtIt(String message, String language) {
		assertThat(Glossary.scriptHint(message)).isEqualTo(language);
	}

	@Test
	void ofGlossariesThatKnowAsManyWordsTheOneWhoseLettersTheMessageUsesReadsIt() {
		// both Ethiopic glossaries know ካራ; ኸ is written in Tigrinya only
		assertThat(GLOSSARY.gloss("ካራ ኸ").language()).isEqualTo("ti");
		assertThat(GLOSSARY.gloss("ሰው ካራ").language()).isEqualTo("am");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			they waiting 🔪🔪 outside     | they waiting knife outside
			📦 to birmingham 🚆 tonight   | package to birmingham train tonight
			i want to die 😂             | i want to die 😂
			we destroyed them 🔥🔥        | we destroyed them amazing
			good night 🙂                 | good night 🙂
			no emoji at all               | no emoji at all
			""")
	void readsMeaningfulEmojiAsWords(String message, String read) {
		assertThat(Glossary.emojiAsWords(message)).isEqualTo(read);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			شوهرم زد                 | true
			ካራ                       | true
			kill me tonight ¯\\_(ツ)_/¯ | false
			ok 👍                     | false
			""")
	void onlyScriptsWithAGlossaryAreReadThroughOne(String message, boolean foreign) {
		assertThat(Glossary.hasForeignWords(message)).isEqualTo(foreign);
	}

	@Test
	void aLineWithoutItsEnglishStopsStartUpNamingTheLine() {
		assertThatIllegalArgumentException().isThrownBy(() -> Glossary.parse("glossary-ps.tsv", "زه\tI\nمړ\n"))
			.withMessageContaining("glossary-ps.tsv line 2");
	}

	@Test
	void anEntryOfMoreThanTwoWordsStopsStartUpNamingTheLine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Glossary.parse("glossary-ar-latn.tsv", "ana\ti\nma baddi yah\ti do not want it\n"))
			.withMessageContaining("glossary-ar-latn.tsv line 2");
	}

	@Test
	void everyGlossaryFileOnTheClasspathReads() {
		Glossary glossary = Glossary.fromClasspath();
		for (String language : Glossary.ALL_LANGUAGES) {
			assertThat(glossary.size(language)).as(language).isGreaterThan(3000);
		}
	}

}
