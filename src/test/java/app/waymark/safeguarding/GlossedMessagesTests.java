package app.waymark.safeguarding;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Messages in other scripts, and in Latin letters in other languages, read through the
 * glossaries (written for this test, not taken from an evaluation set): what the danger
 * check makes of them with the glossaries, and without them.
 */
class GlossedMessagesTests {

	private static DangerCheck withoutGlossaries;

	@BeforeAll
	static void build() {
		withoutGlossaries = RepositoryDangerCheck.withoutGlossaries();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					# message                                                   | with glossaries | without
					# Sorani: my brother says if I don't bring money tonight he will kill me
					براکەم دەڵێت ئەگەر پارە نەهێنم ئەمشەو دەمکوژێت               | CRISIS          | NONE
					# Amharic: I paid the rent, now I have no money at all
					የቤት ኪራይ ስለከፈልኩ አሁን ምንም ገንዘብ የለኝም                        | CONCERN         | CRISIS
					# Dari: my uncle says if I don't pay the debt they will kill my sister
					کاکایم گفته اگر پول قرض را ندهم خواهرم را می‌کشند               | CRISIS          | CRISIS
					# Sorani: the men say I still owe for the journey and must work unpaid; they keep my passport
					ئەو پیاوانە دەڵێن قەرزی ڕێگاکەم ماوە و دەبێت بە بێ پارە کار بکەم، پاسپۆرتەکەم لای ئەوانە | CRISIS | CRISIS
					# Pashto: we won the cricket match yesterday, we are so happy
					پرون مو د کرکټ لوبه وګټله، ډیر خوشاله یو                      | NONE            | NONE
					# Tigrinya: yesterday we played football and won
					ትማሊ ኩዕሶ እግሪ ተጻዊትና ተዓዊትና                                  | NONE            | NONE
					# Amharic: last night we watched a film, it was very funny
					ትናንት ማታ ፊልም አየን በጣም አስቂኝ ነበር                             | NONE            | NONE
					# Pashto: yesterday in the cricket match we destroyed them 🔥 (shares letters with a self-harm example)
					پرون مو د کرکټ لوبه کې هغوی تباه کړل 🔥                        | NONE            | CRISIS
					# Dari: tonight we watched a horror film with friends, I was scared but it was fun
					امشب با دوستام فیلم ترسناک دیدیم، خیلی ترسیدم ولی باحال بود      | NONE            | NONE
					# Arabizi: today was normal at college, then work, but now three guys stand under the house, one has a knife, they said tonight they will finish me off
					ya3ni el yom kan 3adi bel college w ba3dein ra7t 3al shoghl, bas halla2 fi tlat shabab wa2fin ta7t el bet w wa7ad ma3o sekkine w 2alouli el leila ra7 ykhalso 3alayye | CRISIS | CONCERN
					# Arabizi: every day after school an older man gives me the stuff and I must take it to Birmingham; he says I owe him and if I don't go tonight he will break my legs
					kel yom ba3d el madrase fi zalame akbar menni bya3tini el ghrad w lezem ewasselon 3a birmingham, 2al ana madyoun elo w iza ma ro7t el leila ra7 ykassirli ejray | CRISIS | NONE
					# Finglish: last night we watched a film with the lads and ate pizza, it was great, college again tomorrow
					dishab ba bacheha film didim ba3d pizza khordim, kheili khosh gozasht, farda ham college daram | NONE | NONE
					""")
	void readsMessagesInOtherScriptsThroughTheirGlossary(String message, RiskLevel with, RiskLevel without) {
		assertThat(RepositoryDangerCheck.shared().assess(message).level()).as("with glossaries").isEqualTo(with);
		assertThat(withoutGlossaries.assess(message).level()).as("without glossaries").isEqualTo(without);
	}

	@Test
	void anAlertSaysWhenTheGlossDecided() {
		// the Arabizi crisis above: read as typed it is a concern, through its gloss a
		// crisis
		RiskAssessment assessment = RepositoryDangerCheck.shared()
			.assess("kel yom ba3d el madrase fi zalame akbar menni bya3tini el ghrad w lezem ewasselon 3a birmingham, "
					+ "2al ana madyoun elo w iza ma ro7t el leila ra7 ykassirli ejray");
		assertThat(assessment.level()).isEqualTo(RiskLevel.CRISIS);
		assertThat(assessment.evidence()).contains(SemanticDetector.GLOSS_MEANING);
	}

}
