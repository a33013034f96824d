package app.waymark.knowledge;

import java.util.List;

import app.waymark.system.CountingEmbeddingModel;
import app.waymark.system.SentenceEmbeddings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KnowledgeSearch#prepare} starts the very embedding
 * {@link KnowledgeSearch#answer} then uses: were the two texts to differ by a space or a
 * capital, the model would run twice and the work ahead would be wasted.
 */
class QuestionEmbeddedAheadTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Can I get a FREE bus pass??       | can i get a free bus pass??
			'  how do i  pay council tax '    | how do i pay council tax
			wot is a pathway plan             | wot is a pathway plan
			i need help with rent             | i need help with rent
			can i get a rialcard for the train | can i get a railcard for the train
			""")
	void theAnswerUsesTheEmbeddingStartedAhead(String question, String asTheModelReadsIt) {
		CountingEmbeddingModel model = new CountingEmbeddingModel();
		KnowledgeSearch search = new KnowledgeSearch(KnowledgeFixtures.SETTINGS,
				KnowledgeFixtures.repositoryKnowledge(), SentenceEmbeddings.of(model));
		int indexed = model.asked().size();

		String embedded = ArticleIndex.queryText(asTheModelReadsIt);

		search.prepare(question);
		model.awaitAsked(embedded);
		assertThat(asked(model, indexed)).as("embedded ahead").containsExactly(embedded);
		search.answer(question, "en");

		assertThat(asked(model, indexed)).as("not embedded again by the answer").containsExactly(embedded);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   ", "مرحبا كيف حالك" })
	void nothingIsStartedForWhatTheModelCannotRead(String question) {
		CountingEmbeddingModel model = new CountingEmbeddingModel();
		SentenceEmbeddings embeddings = SentenceEmbeddings.of(model);
		KnowledgeSearch search = new KnowledgeSearch(KnowledgeFixtures.SETTINGS,
				KnowledgeFixtures.repositoryKnowledge(), embeddings);
		int indexed = model.asked().size();

		search.prepare(question);
		model.awaitEverythingAhead(embeddings);

		assertThat(asked(model, indexed)).containsExactly(CountingEmbeddingModel.LATER_REQUEST);
	}

	private static List<String> asked(CountingEmbeddingModel model, int since) {
		return List.copyOf(model.asked().subList(since, model.asked().size()));
	}

}
