package app.waymark.conversation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectorTests {

	@ParameterizedTest(name = "{0} (told {2}) -> {3}")
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			Arabic                       | هل يمكنني الحصول على تذكرة حافلة مجانية؟       | -   | ar
			Arabic, told English         | هل يمكنني الحصول على تذكرة حافلة مجانية؟       | en  | ar
			Persian (پ گ ی)              | آیا می‌توانم کارت اتوبوس رایگان بگیرم؟ پول     | -   | fa
			Dari stays Dari              | آیا می‌توانم کارت اتوبوس رایگان بگیرم؟         | prs | prs
			Pashto (ړ) beats Persian  | زه پیسې غواړم                                  | -   | ps
			Pashto (ښ ړ)                 | زه څنګه کولی شم وړیا بس کارت ترلاسه کړم؟       | -   | ps
			Sorani (ۆ ێ ڕ)               | چۆن دەتوانم پاسی بەخۆڕایی پاس وەربگرم؟         | -   | ckb
			Sorani told Persian          | چۆن دەتوانم کارت وەربگرم؟                      | fa  | ckb
			Arabic letters only, told fa | هل يمكنني                                      | fa  | fa
			Tigrinya (ኣ)                 | ኣብ ኣውቶቡስ ብነጻ ክጓዓዝ ይኽእል ድየ?                   | -   | ti
			Amharic (አ)                  | በነፃ አውቶቡስ መጓዝ እችላለሁ?                         | -   | am
			Ethiopic, told Amharic       | ኣብ ኣውቶቡስ                                      | am  | am
			Vietnamese                   | Tôi có thể đi xe buýt miễn phí không?          | -   | vi
			Vietnamese told English      | Tôi có thể đi xe buýt miễn phí không?          | en  | vi
			English                      | can I get free bus travel                      | -   | en
			Latin, told French           | puis-je voyager gratuitement en bus            | fr  | fr
			Latin, told Arabic           | bus pass                                       | ar  | ar
			Digits only                  | 12345                                          | -   | en
			Digits, told Tigrinya        | 12345                                          | ti  | ti
			""")
	void scriptDecidesWhenItCan(String label, String text, String told, String expected) {
		assertThat(LanguageDetector.detect(text, told)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "ar, ar", "Arabic, ar", "FARSI, fa", "dari, prs", "pashto, ps", "Sorani, ckb", "tigrinya, ti",
			"amharic, am", "vietnamese, vi", "french, fr", "english, en", "العربية, ar", "ትግርኛ, ti" })
	void languageCommandAcceptsCodesAndNames(String word, String expected) {
		assertThat(LanguageDetector.named(word)).contains(expected);
	}

	@ParameterizedTest
	@CsvSource({ "klingon", "xx", "'bus pass'" })
	void unknownLanguagesAreNotGuessed(String word) {
		assertThat(LanguageDetector.named(word)).isEmpty();
	}

}
