package app.waymark.knowledge;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The draft search terms' example questions: words a young person uses that the drafted
 * title, keywords and summary do not hold still find the article, and the danger check
 * takes them as harmless messages, except those of the articles about danger.
 */
class SearchTermsTests {

	// the Vietnamese draft for the railcard, with one example question carrying words
	// ("ve tau re", "di thăm ban") that neither the title, the keywords nor the summary
	// have
	static final String DRAFT = """
			language: vi
			reviewed: false
			articles:
			  16-25-railcard:
			    title: "Thẻ Railcard 16-25"
			    keywords: ["railcard", "thẻ tàu"]
			    summary: "Railcard 16-25 giảm một phần ba giá vé tàu."
			    questions:
			      - "muon mua ve xe lua re hon de di tham ban o manchester"
			      - "có thẻ nào cho người trẻ đi xe lửa rẻ không"
			  16-19-bursary:
			    title: "Học bổng 16-19"
			    keywords: ["học bổng", "hoc bong"]
			    summary: "Học bổng 16-19 có thể cho bạn đến 1.200 bảng mỗi năm."
			""";

	static KnowledgeBase knowledge;

	static KnowledgeSearch search;

	@BeforeAll
	static void load() {
		knowledge = KnowledgeFixtures.repositoryKnowledge();
		search = new KnowledgeSearch(KnowledgeFixtures.SETTINGS, knowledge, null);
	}

	@AfterAll
	static void close() {
		search.close();
	}

	@Test
	void exampleQuestionsAreSearchedAsTheBodyAndAbsentOnesLeaveItEmpty() {
		List<Article> terms = SearchTerms.parse("vi.yml", DRAFT, knowledge);

		assertThat(terms).extracting(Article::id).containsExactly("16-25-railcard", "16-19-bursary");
		assertThat(terms.get(0).body()).isEqualTo("muon mua ve xe lua re hon de di tham ban o manchester\n"
				+ "có thẻ nào cho người trẻ đi xe lửa rẻ không");
		assertThat(terms.get(1).body()).isEmpty();
	}

	@Test
	void aMessageInTheQuestionsEverydayWordsFindsTheArticleAsIfTheyWereItsKeywords() throws Exception {
		String message = "xe lua re hon";
		List<Article> drafts = SearchTerms.parse("vi.yml", DRAFT, knowledge);
		List<Article> withoutQuestions = SearchTerms.parse("vi.yml",
				DRAFT.replaceAll("(?s)    questions:.*?(?=  16-19)", ""), knowledge);

		try (ArticleIndex questionsAsBody = new ArticleIndex(LanguageAnalyzers.forLanguage("vi"), true);
				ArticleIndex longBody = new ArticleIndex(LanguageAnalyzers.forLanguage("vi"),
						LanguageAnalyzers.forLanguage("vi"), true);
				ArticleIndex termsAlone = new ArticleIndex(LanguageAnalyzers.forLanguage("vi"), true)) {
			questionsAsBody.replaceAll(drafts);
			longBody.replaceAll(drafts);
			termsAlone.replaceAll(withoutQuestions);

			assertThat(questionsAsBody.search(message, 5, false)).singleElement().satisfies(hit -> {
				assertThat(hit.articleId()).isEqualTo("16-25-railcard");
				assertThat(hit.coverage()).isEqualTo(1.0);
			});
			// an article's own body counts its words half
			assertThat(longBody.search(message, 5, false)).singleElement()
				.satisfies(hit -> assertThat(hit.coverage()).isEqualTo(0.5));
			assertThat(termsAlone.search(message, 5, false)).isEmpty();
		}
	}

	@Test
	void draftQuestionsAreHarmlessMessagesForTheDangerCheckExceptTheCrisisArticles() {
		String withCrisis = DRAFT + """
				  homelessness:
				    title: "Vô gia cư"
				    keywords: ["vo gia cu"]
				    summary: "Nếu bạn không có chỗ ngủ tối nay, hãy gọi cho hội đồng."
				    questions:
				      - "toi nay em khong co cho ngu"
				""";
		Map<String, List<Article>> drafts = Map.of("vi", SearchTerms.parse("vi.yml", withCrisis, knowledge));

		List<String> ordinary = KnowledgeSearch.ordinaryQuestions(knowledge, drafts);

		assertThat(ordinary)
			.contains("Thẻ Railcard 16-25", "thẻ tàu", "muon mua ve xe lua re hon de di tham ban o manchester")
			// an article about danger (topic "crisis") is never an example of a harmless
			// message, in any language
			.doesNotContain("toi nay em khong co cho ngu", "Vô gia cư");
	}

	@Test
	void twoArticlesCloseTogetherInTheDraftsAreOfferedAsChoicesNotGuessed() {
		String drafts = """
				language: vi
				reviewed: false
				articles:
				  16-25-railcard:
				    title: "Railcard"
				    keywords: ["ve tau giam gia"]
				    summary: "tau"
				  free-bus-and-tram-travel:
				    title: "Xe buyt"
				    keywords: ["ve xe buyt giam gia"]
				    summary: "xe buyt"
				  16-19-bursary:
				    title: "Hoc bong"
				    keywords: ["hoc bong"]
				    summary: "hoc bong college"
				""";
		search.loadSearchTerms(Map.of("vi", SearchTerms.parse("vi.yml", drafts, knowledge)));

		Answer clear = search.answer("ve tau giam gia", "vi");
		Answer close = search.answer("ve giam gia", "vi");

		assertThat(clear.confident()).isTrue();
		assertThat(clear.best()).map(Article::id).contains("16-25-railcard");
		// "ve giam gia" matches both articles' keywords almost alike: strong enough, but
		// without a lead it is not answered
		assertThat(close.ranked().get(0).score())
			.isGreaterThanOrEqualTo(KnowledgeFixtures.SETTINGS.confidenceThreshold());
		assertThat(close.ranked().get(0).score() - close.ranked().get(1).score()).isLessThan(0.05);
		assertThat(close.confident()).isFalse();
		assertThat(close.choices()).extracting(Article::id)
			.containsExactlyInAnyOrder("16-25-railcard", "free-bus-and-tram-travel");
	}

	@Test
	void oneStrayWordFarAheadOfNothingIsNotAnAnswer() {
		String drafts = """
				language: vi
				reviewed: false
				articles:
				  free-bus-and-tram-travel:
				    title: "Xe buyt mien phi"
				    keywords: ["xe buyt"]
				    summary: "xe buyt mien phi cho nguoi roi cham soc"
				  16-19-bursary:
				    title: "Hoc bong"
				    keywords: ["hoc bong"]
				    summary: "hoc bong college"
				""";
		search.loadSearchTerms(Map.of("vi", SearchTerms.parse("vi.yml", drafts, knowledge)));

		// only "buyt" of six words matches anything: the match leads by all it has, but
		// the
		// chance was fitted on questions about some article, so the floor holds it back
		Answer stray = search.answer("hom nay thoi tiet buyt the nao", "vi");
		Answer asked = search.answer("xe buyt mien phi", "vi");

		assertThat(stray.confident()).isFalse();
		assertThat(asked.confident()).isTrue();
		assertThat(asked.best()).map(Article::id).contains("free-bus-and-tram-travel");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			a confident answer beats a likelier-scored unsure one | 0.62 | true  | 0.80 | false | first
			... whichever comes first                            | 0.80 | false | 0.62 | true  | second
			both confident: the higher score                     | 0.62 | true  | 0.80 | true  | second
			both unsure: the higher score                        | 0.40 | false | 0.30 | false | first
			a tie keeps the first                                | 0.70 | true  | 0.70 | true  | first
			""")
	void ofTwoSiblingLanguagesDraftAnswersTheLikelierIsGiven(String description, double firstScore,
			boolean firstConfident, double secondScore, boolean secondConfident, String expected) {
		Answer first = new Answer(knowledge.find("16-25-railcard"), firstScore, firstConfident, List.of());
		Answer second = new Answer(knowledge.find("free-bus-and-tram-travel"), secondScore, secondConfident, List.of());

		assertThat(KnowledgeSearch.likelier(first, second)).isSameAs("first".equals(expected) ? first : second);
	}

}
