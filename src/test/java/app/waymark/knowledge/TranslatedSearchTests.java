package app.waymark.knowledge;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each translation language is searched with its own analyzer: questions worded
 * differently from the translation (other inflections, spellings) still find it, and a
 * question the translation does not cover falls back to English.
 */
class TranslatedSearchTests {

	static Article translated(String language, String title, String keywords, String summary) {
		return new Article("16-25-railcard", title, List.of("travel"), List.of(keywords.split(";")), summary,
				"https://example.org", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), "", language, List.of(),
				summary, "national");
	}

	@ParameterizedTest(name = "{0}: {4}")
	@CsvSource(delimiter = '|',
			textBlock = """
					ar  | بطاقة القطار للشباب     | بطاقة القطار;تخفيض أجرة القطار | يحصل الشباب الذين غادروا الرعاية على بطاقة قطار تخفض الأجرة بمقدار الثلث. | كيف أحصل على بطاقة القطار؟
					fa  | کارت قطار جوانان        | کارت قطار;تخفیف بلیط قطار      | جوانانی که از سرپرستی خارج شده‌اند کارت قطار با یک سوم تخفیف می‌گیرند.   | چطور کارت قطار بگیرم؟
					prs | کارت قطار جوانان        | کارت قطار;تخفیف بلیط قطار      | جوانانی که از سرپرستی خارج شده‌اند کارت قطار با یک سوم تخفیف می‌گیرند.   | کارت قطار چطور بگیرم
					ps  | د ځوانانو د اورګاډي کارت | د اورګاډي کارت;ارزانه ټکټ      | هغه ځوانان چې له پاملرنې وتلي د اورګاډي کارت اخلي چې ټکټ ارزانه کوي.   | د اورګاډي کارت څنګه واخلم؟
					ckb | کارتی شەمەندەفەر        | کارتی شەمەندەفەر;داشکاندن      | گەنجانی کە چاودێرییان بەجێهێشتووە کارتی شەمەندەفەر وەردەگرن.          | چۆن کارتی شەمەندەفەر وەربگرم؟
					fr  | Carte de train jeunes   | carte de train;réduction train  | Les jeunes sortant de l'aide sociale ont une carte de train avec un tiers de réduction. | Comment obtenir une carte de train ?
					ti  | ናይ ባቡር ካርድ            | ናይ ባቡር ካርድ;ቅናሽ ባቡር            | ካብ ክንክን ዝወጹ መንእሰያት ናይ ባቡር ካርድ ይረኽቡ።                          | ናይ ባቡር ካርድ ከመይ ይረክብ?
					am  | የባቡር ካርድ              | የባቡር ካርድ;የባቡር ቅናሽ             | ከእንክብካቤ የወጡ ወጣቶች የባቡር ካርድ ያገኛሉ።                                | የባቡር ካርድ እንዴት አገኛለሁ?
					vi  | Thẻ tàu hỏa cho thanh niên | thẻ tàu hỏa;giảm giá vé tàu  | Thanh niên rời khỏi chăm sóc được thẻ tàu hỏa giảm một phần ba giá vé. | Làm sao để có thẻ tàu hỏa?
					""")
	void aReviewedTranslationAnswersAQuestionInItsLanguage(String language, String title, String keywords,
			String summary, String question) {
		try (KnowledgeSearch search = new KnowledgeSearch(KnowledgeFixtures.SETTINGS,
				KnowledgeFixtures.repositoryKnowledge(), app.waymark.system.TestEmbeddings.shared())) {
			search.loadTranslations(Map.of(language, List.of(translated(language, title, keywords, summary))));
			Answer answer = search.answer(question, language);
			assertThat(answer.confident()).as("score %s", answer.score()).isTrue();
			assertThat(answer.best()).map(Article::language).contains(language);
			assertThat(search.find("16-25-railcard", language)).map(Article::title).contains(title);
			// English questions still find English articles, and other languages are
			// untouched
			assertThat(search.answer("16-25 railcard", language).best()).map(Article::language).contains("en");
		}
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource(delimiter = '|', textBlock = """
			ar | أين يمكنني أن أجد سكنا للشباب بعد مغادرة الرعاية؟
			ar | الشباب
			fr | Où trouver un logement pour les jeunes ?
			""")
	void aQuestionTheTranslationDoesNotCoverIsNotAnsweredWithIt(String language, String question) {
		try (KnowledgeSearch search = new KnowledgeSearch(KnowledgeFixtures.SETTINGS,
				KnowledgeFixtures.repositoryKnowledge(), app.waymark.system.TestEmbeddings.shared())) {
			search.loadTranslations(Map.of("ar",
					List.of(translated("ar", "بطاقة القطار للشباب", "بطاقة القطار",
							"يحصل الشباب الذين غادروا الرعاية على بطاقة قطار تخفض الأجرة بمقدار الثلث.")),
					"fr", List.of(translated("fr", "Carte de train jeunes", "carte de train",
							"Les jeunes sortant de l'aide sociale ont une carte de train avec un tiers de réduction."))));
			Answer answer = search.answer(question, language);
			assertThat(answer.best().filter(a -> answer.confident()).map(Article::language))
				.isNotEqualTo(java.util.Optional.of(language));
		}
	}

}
