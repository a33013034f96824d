package app.waymark.safeguarding;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RiskClassifierTests {

	private static RiskClassifier classifier;

	@BeforeAll
	static void load() {
		classifier = RiskClassifier.fromClasspath();
	}

	static Stream<Arguments> normalisedText() {
		return Stream.of(Arguments.of("full-width letters", "ＫＩＬＬ ＭＹＳＥＬＦ", RiskLevel.CRISIS),
				Arguments.of("repeated letters", "pleeeease i want to dieeeee", RiskLevel.CRISIS),
				Arguments.of("overdosed with its apostrophe", "od'd", RiskLevel.CRISIS),
				Arguments.of("overdosed with a typographic apostrophe", "i think i OD\u2019d", RiskLevel.CRISIS),
				Arguments.of("overdosed in capitals", "mate ODd last night", RiskLevel.CRISIS),
				Arguments.of("odd is not overdosed", "thats odd", RiskLevel.NONE),
				Arguments.of("odd in capitals is not overdosed", "THATS ODD, HE'D SAID YES", RiskLevel.NONE),
				Arguments.of("single l misspelling", "gonna kil myslef", RiskLevel.CRISIS),
				Arguments.of("accented latin", "thinking about suïcide", RiskLevel.CRISIS),
				Arguments.of("combining accent inside a word", "i want to ki\u0301ll myself", RiskLevel.CRISIS),
				Arguments.of("zero-width space inside a word", "kill\u200Bmyself", RiskLevel.CRISIS),
				Arguments.of("zero-width joiner", "i want to d\u200Die", RiskLevel.CRISIS),
				Arguments.of("right-to-left mark", "\u200Fi want to die\u200F", RiskLevel.CRISIS),
				Arguments.of("Arabic with harakat", "أُرِيدُ أَنْ أَمُوتَ", RiskLevel.CRISIS),
				Arguments.of("Arabic with tatweel", "أريـــد أن أمـــوت", RiskLevel.CRISIS),
				Arguments.of("Persian with ZWNJ", "می\u200Cخواهم بمیرم", RiskLevel.CRISIS),
				Arguments.of("Persian typed with Arabic yeh and kaf", "ميخواهم خودكشي كنم", RiskLevel.CRISIS),
				Arguments.of("Persian sympathy idiom alone", "الهی بمیرم برات", RiskLevel.NONE),
				Arguments.of("Arabic 'laughing killed me', verb first", "قتلني الضحك من هالمقطع", RiskLevel.NONE),
				Arguments.of("Arabic 'laughing killed me' does not hide a threat",
						"قتلني الضحك بس اخوي قال رح يقتلني الليلة", RiskLevel.CRISIS),
				Arguments.of("cutting done again", "did the cutting again last night", RiskLevel.CRISIS),
				Arguments.of("cigarettes put out on the skin", "i stub my ciggies out on my arm", RiskLevel.CRISIS),
				Arguments.of("burnt with a lighter", "burnt my wrist with a lighter so i could feel something",
						RiskLevel.CRISIS),
				Arguments.of("a cigarette on a hand, an accident", "dropped a cigarette on the carpet", RiskLevel.NONE),
				Arguments.of("Kurmanji without diacritics", "ez e xwe bikujim", RiskLevel.CRISIS),
				Arguments.of("pill emoji with goodbye", "💊💊💊 goodbye", RiskLevel.CRISIS),
				Arguments.of("pill emoji alone", "💊", RiskLevel.NONE),
				Arguments.of("crying emoji alone (often laughter)", "😭😭😭", RiskLevel.NONE),
				Arguments.of("crying emoji with sadness", "so alone 😭", RiskLevel.CONCERN),
				Arguments.of("crying emoji with hopelessness", "what's the point 😭", RiskLevel.CRISIS),
				Arguments.of("emoji skin tone and variation selector", "☹\uFE0F nobody cares", RiskLevel.CONCERN),
				Arguments.of("text-speak kms", "kms", RiskLevel.CRISIS),
				Arguments.of("text-speak 2nite", "nowhere to sleep 2nite", RiskLevel.CRISIS),
				Arguments.of("text-speak 2 for to", "got no where 2 stay so im on the night bus", RiskLevel.CRISIS),
				Arguments.of("Albanian: tonight I end everything", "sonte do ta mbaroj gjithcka, me fal",
						RiskLevel.CRISIS),
				Arguments.of("Albanian: I will finish everything by friday", "do ta mbaroj gjithcka deri te premten",
						RiskLevel.NONE),
				Arguments.of("Vietnamese: they took my phone and papers", "ho lay dien thoai va giay to cua em roi",
						RiskLevel.CRISIS),
				Arguments.of("Pashto: tonight I end everything", "نن شپه هر څه ختموم", RiskLevel.CRISIS),
				Arguments.of("Tigrinya: I have become a burden", "ንኹሉ ሰብ ጾር ኮይነ ኣለኹ", RiskLevel.CRISIS),
				Arguments.of("curly apostrophe", "I don’t want to be alive anymore", RiskLevel.CRISIS),
				Arguments.of("dose in mg with intent", "800mg x 20 i want it to end", RiskLevel.CRISIS),
				Arguments.of("dose in mg alone", "is 400mg ibuprofen ok for a headache", RiskLevel.NONE),
				// "killing me" said of homework, laughter or a scolding mother is a way
				// of
				// speaking; said of a person it is still a crisis
				Arguments.of("Farsi: this homework is killing me", "این تکلیف داره منو میکشه", RiskLevel.NONE),
				Arguments.of("Farsi: my husband is killing me", "شوهرم داره منو میکشه", RiskLevel.CRISIS),
				Arguments.of("Farsi: he is killing me", "اون داره منو میکشه", RiskLevel.CRISIS),
				Arguments.of("Finglish: this exercise is killing me", "in mashgh dare mano mikoshe", RiskLevel.NONE),
				Arguments.of("Finglish: he is killing me", "dare mano mikoshe", RiskLevel.CRISIS),
				Arguments.of("Farsi: mum will kill me if I am late", "مامانم منو میکشه اگه دیر برم", RiskLevel.NONE),
				Arguments.of("Arabic: mum will kill me", "امي حتقتلني لو اتأخرت", RiskLevel.NONE),
				Arguments.of("chased by people with blades", "got chased by some guys with blades, im hiding",
						RiskLevel.CRISIS),
				Arguments.of("a knife and someone waiting", "theres a guy with a knife waiting for me outside",
						RiskLevel.CRISIS),
				Arguments.of("trains that pass the platform", "which trains dont stop at the platform in stratford",
						RiskLevel.CRISIS),
				Arguments.of("a commuter's platform question", "which platform for the fast train to stratford",
						RiskLevel.NONE),
				Arguments.of("Arabizi: thrown out of the hostel, sleeping on the bus",
						"tardoni mn el hostel, el leila hanam fel bus", RiskLevel.CRISIS),
				Arguments.of("Arabizi: the bus pass", "kif a3mel bus pass", RiskLevel.NONE),
				Arguments.of("Arabizi: boys with knives waiting outside the hostel",
						"fi wlad ma3hom skakin mestanyini bara el hostel", RiskLevel.CRISIS),
				Arguments.of("Arabizi: they swore to kill me", "7alafo y2tlouni el leila", RiskLevel.CRISIS),
				Arguments.of("Arabizi: I don't want to live any more", "ma baddi 3eesh ba2a, kl shi ta3ab",
						RiskLevel.CRISIS),
				Arguments.of("Arabizi: I hurt myself again", "jara7t 7ali mbare7 kaman marra", RiskLevel.CRISIS),
				Arguments.of("Arabizi: took a whole box of tablets", "akhadt 3elbe kamle 7boob el leile",
						RiskLevel.CRISIS),
				Arguments.of("Arabizi: one panadol for a headache", "akhadt 7abbe panadol la wja3 el ras",
						RiskLevel.NONE),
				Arguments.of("Arabizi: tired from work", "ta3ban mn el shoghl lyom", RiskLevel.NONE),
				Arguments.of("Arabizi: knives in the kitchen drawer", "el sakakin bel dorj taba3 el matbakh",
						RiskLevel.NONE),
				Arguments.of("Vietnamese: this exam is killing me", "ky thi nay giet em mat", RiskLevel.NONE),
				Arguments.of("French: this physics homework will kill me", "ce devoir de physique va me tuer",
						RiskLevel.NONE),
				Arguments.of("French: this guy will kill me", "ce mec va me tuer", RiskLevel.CRISIS),
				// a first-aid lesson teaches what to do if someone stops breathing
				Arguments.of("first-aid course",
						"we did a first aid course, learnt what to do if someone isnt breathing", RiskLevel.NONE),
				Arguments.of("first aid learnt, then it happens",
						"we learnt cpr at college and now my flatmate stopped breathing", RiskLevel.CRISIS),
				Arguments.of("what to do, happening now", "what do i do my friend isnt breathing", RiskLevel.CRISIS),
				Arguments.of("asking to be taught, happening now",
						"teach us what to do when someone is unconscious, my flatmate wont wake up", RiskLevel.CRISIS),
				Arguments.of("asking to be shown, happening now",
						"show us what to do if someone has a seizure, my mate is on the floor shaking",
						RiskLevel.CRISIS),
				Arguments.of("French: first-aid course",
						"formation premiers secours, on a appris quoi faire si qqn respire plus", RiskLevel.NONE),
				Arguments.of("French: first-aid course, spelt out",
						"on nous a appris ce qu'il faut faire quand quelqu'un ne respire plus", RiskLevel.NONE),
				Arguments.of("French: my friend is not breathing", "mon ami respire plus aide moi", RiskLevel.CRISIS),
				Arguments.of("French: show me, happening now",
						"montre moi quoi faire si qqn respire plus, mon coloc respire plus", RiskLevel.CRISIS),
				Arguments.of("Finglish: at the river, no strength left", "alan lab e rood istadam, dige taqat nadaram",
						RiskLevel.CRISIS),
				Arguments.of("Finglish: a walk by the river", "ba doostam raftim lab e rood ghadam zadim",
						RiskLevel.NONE),
				Arguments.of("Farsi: on the bridge, tired of everything", "الان روی پل هستم، از همه چی خسته شدم",
						RiskLevel.CRISIS),
				Arguments.of("Farsi: tired of everything, alone", "از همه چی خسته شدم امروز", RiskLevel.NONE),
				Arguments.of("Sorani: at the river, goodbye", "ئێستا لە لای ڕووبارەکەم، خوا حافیز", RiskLevel.CRISIS),
				Arguments.of("Farsi: a payment made, goodbye", "پرداخت انجام شد، خداحافظ", RiskLevel.NONE),
				Arguments.of("French: on the roof, cannot take any more of anything",
						"je suis sur le toit de limmeuble, jen peux plus de tout", RiskLevel.CRISIS),
				Arguments.of("French: a picnic by the canal", "pique nique au bord du canal avec les potes",
						RiskLevel.NONE),
				Arguments.of("French: not a penny left after the rent", "jai plus un radis apres le loyer",
						RiskLevel.CONCERN),
				Arguments.of("French: five pounds to last till Friday", "il me reste 5 livres jusqua vendredi",
						RiskLevel.CONCERN),
				Arguments.of("French: UC sanctioned", "mon uc a ete sanctionne le mois dernier", RiskLevel.CONCERN),
				Arguments.of("French: the bank charged fees", "la banque ma mis des frais encore", RiskLevel.CONCERN),
				Arguments.of("French: a roundabout", "cest pas un rond point cest un carrefour", RiskLevel.NONE),
				Arguments.of("French: you do not pay a cent", "tu paies pas un centime pour le bus", RiskLevel.NONE),
				Arguments.of("French: two books left to read", "il me reste 2 livres a lire pour la fac",
						RiskLevel.NONE),
				Arguments.of("French: three pounds, typed with the sign", "jai plus que £3 pour manger",
						RiskLevel.CONCERN),
				Arguments.of("Finglish: a packet of paracetamol, all swallowed",
						"ye boste paracetamol dashtam hamasho khordam", RiskLevel.CRISIS),
				Arguments.of("Finglish: ate all the food", "ghazaro hamasho khordam kheili khoshmaze bood",
						RiskLevel.NONE),
				Arguments.of("Finglish: one pill for a headache", "ye ghors baraye sardard khordam", RiskLevel.NONE),
				Arguments.of("Kurmanji: the wounds on my arm, hidden under a hoodie",
						"birinen li ser mile min zedetir bun, hoodie li xwe dikim", RiskLevel.CRISIS),
				Arguments.of("Kurmanji: a wound on my arm from football, again",
						"disa birinek li ser mile min heye ji futbole", RiskLevel.NONE),
				Arguments.of("Kurmanji: they took my phone from my hand again", "disa telefona min birin ji deste min",
						RiskLevel.NONE),
				Arguments.of("Vietnamese: if he finds out he will kill me", "neu no biet thi giet em",
						RiskLevel.CRISIS),
				Arguments.of("Vietnamese: if he finds out about this he will kill me",
						"nó mà biết việc này chắc giết em mất", RiskLevel.CRISIS),
				Arguments.of("Amharic with English words: thrown out of the hostel, the night on a bus",
						"ከ hostel አስወጡኝ፣ ዛሬ ማታ bus ውስጥ ነው የማድረው", RiskLevel.CRISIS),
				Arguments
					.of("Amharic with English words: the essay will kill me", "ይሄ essay ሊገድለኝ ነው 😩", RiskLevel.NONE),
				Arguments.of("Amharic: he will kill me", "እሱ ሊገድለኝ ነው", RiskLevel.CRISIS),
				Arguments.of("Finglish: the highest bridge and how deep the water is",
						"boland tarin pol inja kojast? ab zaresh amighe?", RiskLevel.CRISIS),
				Arguments.of("Finglish: the highest building alone (a tourist)",
						"boland tarin sakhteman london kojast?", RiskLevel.NONE),
				Arguments.of("Arabizi: twenty tablets eaten", "akalt 20 7abba panadol w ma 2a3ref shu a3mal",
						RiskLevel.CRISIS),
				Arguments.of("Arabizi: two tablets for a headache", "akalt 2 7abba panadol 3ashan el sda3",
						RiskLevel.NONE),
				Arguments.of("Arabizi: boys with knives waiting for me", "fi shabab ma3hom sakakin bistannuni barra",
						RiskLevel.CRISIS),
				Arguments.of("a room if I am 'nice' to him",
						"the guy upstairs said i can have his spare room if im nice to him", RiskLevel.CRISIS),
				Arguments.of("a room and a nice landlord", "my new room is nice and the landlord is nice to me",
						RiskLevel.NONE),
				Arguments.of("a train going through a station", "does the train from platform 2 go through stratford",
						RiskLevel.NONE));
	}

	/**
	 * Wordings the eleventh to thirteenth sets' tuning parts showed the rules misread: a
	 * game named after being shot, hunger or a hard test as an intensifier are everyday;
	 * a night bus by its number, lines drawn on a thigh, deliveries owed under a threat,
	 * Arabizi debts to the smugglers worked or slept off, a Tigrinya goodbye for good, a
	 * roof now, tablets counted for tonight, Arabizi "better to end it all" and things
	 * not needed after tonight are not. Each beside an everyday wording that must stay
	 * quiet.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "shot in a game | got shot 2 mins later in fortnite lol | NONE",
			"shot for real | i got shot outside my block last night | CRISIS",
			"Arabic, hunger killed me | قتلني الجوع، وين في مطعم رخيص | NONE",
			"Arabic, a brother who will kill me | قتلني الجوع بس اخوي قال رح يقتلني | CRISIS",
			"Vietnamese, can't wait for the final | toi nay chung ket, hong muon chet luon | NONE",
			"Vietnamese, wanting to die | e muon chet that su | CRISIS",
			"Vietnamese, a test hard enough to faint | bai kiem tra kho muon xiu | NONE",
			"Vietnamese, fainted | ban e bi xiu roi ko tinh lai | CRISIS",
			"Vietnamese, lines drawn on the thigh | phai ke vai duong tren dui moi ngu dc | CRISIS",
			"Vietnamese, lines drawn on paper | ke vai duong tren giay cho dep | NONE",
			"Vietnamese, a line drawn, done already | em ke duong thang roi da xong bai | NONE",
			"Arabizi, sleeping on a night bus by its number | ra7 anam 3al N29 kaman el lela | CRISIS",
			"Arabizi, a bus number to college | el N29 byo5od sa3a lal college | NONE",
			"French, deliveries under a debt | faut que jfasse des livraisons a Croydon sinon il dit jlui dois | CRISIS",
			"French, a delivery job | je fais des livraisons pour uber eats le soir | NONE",
			"French, a delivery job where it is busy | je fais des livraisons a Croydon ou il y a du monde, sinon je paie pas mon loyer | NONE",
			// from the twelfth set's tuning part
			"Arabizi, a debt to the smugglers worked off | 3alayya dein 3ala el tahreeb w lazem ashtghel ilhom bala ma3ash | CRISIS",
			"Arabizi, a debt to the bank | 3alayya dein lal bank w lazem asadded kol shahr | NONE",
			"Arabizi, slept off for a debt | bi2oul lazem nam ma3 as7abo 7atta asadded el dein | CRISIS",
			"Arabizi, sleeping over at my friends' | lazem nam ma3 as7abi el lela, ma fi bus | NONE",
			"Arabizi, made to sell hashish | majbour abi3 7asheesh ilhum kol yom | CRISIS",
			"Tigrinya, a goodbye for good | ካብ ሎሚ ንደሓር ኣይክትርእዩኒ ኢኹም፣ ደሓን ኩኑ | CRISIS",
			"Tigrinya, away for a week | ሰሙን ኣይክትርእዩኒ ኢኹም፣ ናብ ማንችስተር ክኸይድ እየ | NONE",
			// from the thirteenth set's tuning part
			"English, on top of a car park now | sat on top of the car park rn, dont ring anyone | CRISIS",
			"English, on top of a building, a view | im on top of the building at work, the view is mad | NONE",
			"English, too many tablets for tonight | how many sleeping pills would be too many, need to know for tonight | CRISIS",
			"English, too many for a headache | is 3 paracetamol too many for a headache? | NONE",
			"Arabizi, better to end it all | ba3d el rafd el tani a7san a5alles kolshi | CRISIS",
			"Arabizi, finishing everything before an exam | lazem a5alles kolshi abl el exam bukra | NONE",
			"Arabizi, not needed after today | 5od el jacket wel telephone, ma ra7 a7tajhom ba3d el lela | CRISIS",
			"Arabizi, not needed after the move | 5od el kanabe, ma ra7 a7tajha fel flat el jdid | NONE" })
	void codedDangerAndEverydayPhrases(String label, String message, RiskLevel expected) {
		assertThat(classifier.assess(message).level()).as(label).isEqualTo(expected);
	}

	/**
	 * The rules' category picks the help a crisis reply leads with, so a rule holds the
	 * words of one kind of danger: "no place to sleep" in a rule about wanting to die
	 * gave the Samaritans' number first to someone who needed a bed tonight.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "Arabizi, nowhere to sleep | ma fi makan anam el leile | NOWHERE_SAFE_TONIGHT",
					"English, an overdose taken | i OD'd | MEDICAL",
					"English, pills counted | i took 30 paracetamol | MEDICAL",
					"English, the lot swallowed | swallowed all my sleeping pills | MEDICAL",
					"English, an overdose meant | i want to overdose tonight | SUICIDE_AND_SELF_HARM",
					"Arabizi, hit | hwa darabni mbare7 | VIOLENCE", "Arabizi, in danger | ana fe khatar | VIOLENCE",
					"Arabizi, wanting to die | bdi moot | SUICIDE_AND_SELF_HARM",
					"Finglish, nowhere to sleep | emshab ja nadaram | NOWHERE_SAFE_TONIGHT",
					"Finglish, cannot breathe | nemitoonam nafas bekesham | MEDICAL",
					"Finglish, hit | mano zad | VIOLENCE", "Farsi, cannot breathe | نمیتونم نفس بکشم | MEDICAL",
					"Pashto, nowhere to sleep | د خوب ځای نه لرم | NOWHERE_SAFE_TONIGHT",
					"Tigrinya, nowhere to sleep | ዝድቅሰሉ ቦታ የብለይን | NOWHERE_SAFE_TONIGHT",
					"Sorani, nowhere to sleep | شوێنم نییە بۆ خەوتن | NOWHERE_SAFE_TONIGHT",
					"Kurmanji, sleeping in the street | li kolanê radizim | NOWHERE_SAFE_TONIGHT",
					"Pashto in Latin letters, in danger | za pa khatar ke yam | VIOLENCE",
					"Amharic in Latin letters, a threat | ligedilegn new | VIOLENCE" })
	void aRuleLeadsWithTheHelpItsDangerNeeds(String label, String message, CrisisHelp help) {
		RiskAssessment assessment = classifier.assess(message);
		assertThat(assessment.level()).as(label).isEqualTo(RiskLevel.CRISIS);
		assertThat(CrisisHelp.forCategory(assessment.category())).as(label + " (" + assessment.category() + ")")
			.isEqualTo(help);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("normalisedText")
	void normalisesBeforeMatching(String description, String text, RiskLevel expected) {
		assertThat(classifier.assess(text).level()).isEqualTo(expected);
	}

	static Stream<Arguments> words() {
		return Stream.of(Arguments.of("Pleeease CAN'T", List.of("please", "cant")),
				Arguments.of("800mg 💊💊 £5", List.of("800mg", "💊", "£", "5")), Arguments.of("أَنْ", List.of("ان")),
				Arguments.of("ک ی ة", List.of("ك", "ي", "ه")), Arguments.of("٣ ۴", List.of("3", "4")),
				Arguments.of("a\u200Db", List.of("ab")), Arguments.of("   ", List.of()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("words")
	void cutsTextIntoNormalisedWords(String text, List<String> expected) {
		assertThat(TextNormaliser.rawWords(text)).isEqualTo(expected);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { " ", "\n\t ", "\u200B\u200F", "...", "?!" })
	void nothingToReadIsNone(String text) {
		assertThat(classifier.assess(text)).isEqualTo(RiskAssessment.none());
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "kill* AND myself", "title:(suicide) OR +die -live", "\"end it all\"~2", "[* TO *]", "(((",
			")))|||", "re:.*", "...", "!!!", "*", "\\", "a\u0000b", "\uD83D", "\u202Eesrever", "{\"json\":true}" })
	void oddSyntaxNeverThrows(String text) {
		RiskAssessment assessment = classifier.assess(text);
		assertThat(assessment.level()).isNotNull();
		assertThat(assessment.ruleIds()).doesNotContain(RiskClassifier.ERROR_CATEGORY);
	}

	static Stream<Arguments> queryLikeText() {
		return Stream.of(Arguments.of("title:(suicide)", RiskLevel.CRISIS),
				Arguments.of("+kill +myself", RiskLevel.CRISIS), Arguments.of("\"end it all\"~2", RiskLevel.CRISIS),
				Arguments.of("flat AND grant", RiskLevel.NONE), Arguments.of("[* TO *]", RiskLevel.NONE));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("queryLikeText")
	void queryLikeTextIsReadAsWords(String text, RiskLevel expected) {
		assertThat(classifier.assess(text).level()).isEqualTo(expected);
	}

	@Test
	void hugeInputIsHandled() {
		String filler = "can i get help with my flat and the grant please ".repeat(2_100);
		assertThat(filler.length()).isGreaterThan(100_000);
		assertThat(classifier.assess(filler).level()).isEqualTo(RiskLevel.NONE);
		assertThat(classifier.assess(filler + " i want to kill myself").level()).isEqualTo(RiskLevel.CRISIS);
		assertThat(classifier.assess("\u200B".repeat(100_000)).level()).isEqualTo(RiskLevel.NONE);
		assertThat(classifier.assess("e\u0301".repeat(50_000)).level()).isEqualTo(RiskLevel.NONE);
	}

	@Test
	void reportsTheDecidingRuleFirstAndKeepsTheRest() {
		RiskAssessment assessment = classifier.assess("i have no money for food and i want to kill myself");
		assertThat(assessment.isCrisis()).isTrue();
		assertThat(assessment.category()).isEqualTo("self-harm");
		assertThat(assessment.ruleIds()).first().isEqualTo("self-harm-explicit");
		assertThat(assessment.ruleIds()).contains("money-run-out");
	}

	@Test
	void reportsAboutOthersAreNeverNone() {
		assertThat(classifier.assess("my friend said she wants to kill herself").level()).isEqualTo(RiskLevel.CRISIS);
		assertThat(classifier.assess("my mate is in danger").level()).isEqualTo(RiskLevel.CRISIS);
		assertThat(classifier.assess("im worried about my friend").level()).isEqualTo(RiskLevel.CONCERN);
	}

	@Test
	void noneAssessmentHasNoCategory() {
		assertThat(RiskAssessment.none().level()).isEqualTo(RiskLevel.NONE);
		assertThat(RiskAssessment.none().category()).isNull();
		assertThat(RiskAssessment.none().ruleIds()).isEmpty();
		assertThat(RiskAssessment.none().isCrisis()).isFalse();
	}

	@Test
	void everyNonEnglishRuleSaysWhetherItWasReviewed() {
		assertThat(classifier.rules()).filteredOn((rule) -> !rule.language().equals("en"))
			.isNotEmpty()
			.allSatisfy((rule) -> assertThat(rule.reviewed()).as(rule.id()).isFalse());
	}

	static final String RULE = """
			rules:
			  - id: demo
			    level: crisis
			    category: self-harm
			    language: en
			    description: demo
			    patterns:
			      - %s
			""";

	static Stream<Arguments> phraseSyntax() {
		return Stream.of(Arguments.of("kill myself", "i will KILL myself", true),
				Arguments.of("kill myself", "kill them myself", false), Arguments.of("kill*", "killing", true),
				Arguments.of("'*self'", "herself", true), Arguments.of("'*oda*'", "sodas", true),
				Arguments.of("(want to|wish to) die", "i wish to die", true),
				Arguments.of("i [really] want", "i want", true),
				Arguments.of("i (really)? want", "i really want", true),
				Arguments.of("want ... die", "want so so badly to die", true),
				Arguments.of("want ... die", "want a b c d e die", false),
				Arguments.of("kicked me !out", "he kicked me", true),
				Arguments.of("kicked me !out", "he kicked me out", false),
				Arguments.of("kicked me !out", "he kicked me hard", true),
				Arguments.of("\"re:\\\\bd+ie\\\\b\"", "ddie", true));
	}

	@ParameterizedTest(name = "{0} in \"{1}\"")
	@MethodSource("phraseSyntax")
	void phraseSyntaxWorks(String pattern, String text, boolean matches) {
		RiskClassifier demo = RiskClassifier.fromYaml(RULE.formatted(pattern));
		assertThat(demo.assess(text).isCrisis()).isEqualTo(matches);
	}

	@Test
	void togetherWithNeedsBothAndEverydayPhrasesAreBlankedOut() {
		RiskClassifier demo = RiskClassifier.fromYaml("""
				everyday-phrases:
				  - killing it
				rules:
				  - id: pills-and-goodbye
				    level: crisis
				    category: self-harm
				    language: en
				    description: demo
				    patterns: [pills]
				    together-with: [goodbye]
				  - id: killing
				    level: concern
				    category: violence
				    language: en
				    description: demo
				    patterns: [killing]
				""");
		assertThat(demo.assess("got my pills").level()).isEqualTo(RiskLevel.NONE);
		assertThat(demo.assess("pills. goodbye").level()).isEqualTo(RiskLevel.CRISIS);
		assertThat(demo.assess("killing it at work").level()).isEqualTo(RiskLevel.NONE);
		assertThat(demo.assess("they are killing people").level()).isEqualTo(RiskLevel.CONCERN);
	}

	static Stream<Arguments> malformedRules() {
		String good = "    category: self-harm\n    language: en\n    description: d\n";
		return Stream.of(Arguments.of("", "empty"), Arguments.of("rules: [", "not valid YAML"),
				Arguments.of("- just a list", "must have 'rules:'"),
				Arguments.of("rulez: []", "unknown section 'rulez'"), Arguments.of("rules: []", "non-empty list"),
				Arguments.of("rules:\n  - id: a\n    level: urgent\n" + good + "    patterns: [x]",
						"Rule 'a': level must be 'crisis' or 'concern'"),
				Arguments.of("rules:\n  - id: b\n    level: crisis\n" + good + "    paterns: [x]",
						"Rule 'b': unknown field 'paterns'"),
				Arguments.of("rules:\n  - id: c\n    level: crisis\n" + good, "Rule 'c': patterns must be a list"),
				Arguments.of("rules:\n  - id: d\n    level: crisis\n" + good + "    patterns: ['(kill myself']",
						"Rule 'd': pattern '(kill myself' '(' at position 1 is never closed"),
				Arguments.of("rules:\n  - id: e\n    level: crisis\n" + good + "    patterns: ['re:([a-z']",
						"Rule 'e': pattern 're:([a-z' is not a valid regular expression"),
				Arguments.of("rules:\n  - id: f\n    level: crisis\n" + good + "    patterns: ['... die']",
						"Rule 'f': pattern '... die' '...' must sit between two words"),
				Arguments.of("rules:\n  - id: g\n    level: crisis\n" + good + "    patterns: [no]",
						"Rule 'g': patterns entry 'false' is not text; put it in quotes"),
				Arguments.of(
						"rules:\n  - id: h\n    level: crisis\n    category: x\n    language: ar\n"
								+ "    description: d\n    patterns: [x]",
						"Rule 'h': a rule in language 'ar' must say"),
				Arguments.of(
						"rules:\n  - id: i\n    level: crisis\n    category: x\n    language: ar\n"
								+ "    reviewed: false\n    description: d\n    patterns: [x]",
						"Rule 'i': an unreviewed rule needs a 'note'"),
				Arguments.of("rules:\n  - id: j\n    level: crisis\n" + good + "    patterns: ['[maybe]']",
						"Rule 'j': pattern '[maybe]' can match nothing at all"),
				Arguments.of("rules:\n  - id: k\n    level: crisis\n" + good + "    patterns: ['kill !(my self)']",
						"Rule 'k': pattern 'kill !(my self)' '!' only works with single words"),
				Arguments.of(
						"rules:\n  - id: l\n    level: crisis\n" + good + "    patterns: [x]\n"
								+ "  - id: l\n    level: crisis\n" + good + "    patterns: [y]",
						"Rule 'l': id is used by another rule"),
				Arguments.of("rules:\n  - level: crisis\n" + good + "    patterns: [x]", "Rule #1: 'id' is missing"),
				Arguments.of("text-speak:\n  want to: [wanna, 'wan na']\nrules:\n  - id: m\n    level: crisis\n" + good
						+ "    patterns: [x]", "text-speak entry 'want to': 'wan na' must be a single word"));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("malformedRules")
	void malformedRuleFileIsRejectedWithAClearMessage(String yaml, String message) {
		assertThatIllegalArgumentException().isThrownBy(() -> RiskClassifier.fromYaml(yaml))
			.withMessageContaining(message);
	}

}
