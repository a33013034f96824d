package app.waymark.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.codecs.Codec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.QueryBuilder;

/**
 * The Lucene index over the articles. Built in memory: the knowledge base is small (tens
 * to hundreds of articles) and rebuilt whole from its source, so there is nothing to
 * persist.
 *
 * <p>
 * Replacing the articles deletes and re-adds every document in one commit; searchers keep
 * the old view until {@link SearcherManager#maybeRefreshBlocking()} swaps in the new one,
 * so a search never sees an empty index.
 */
final class ArticleIndex implements AutoCloseable {

	/** Field names, in one place, with why each is analysed as it is. */
	static final class Fields {

		/** Exact id, not analysed: used to fetch the article back. */
		static final String ID = "id";

		/** Short and chosen by an editor: a match here says a lot. */
		static final String TITLE = "title";

		/**
		 * The words young people actually use, misspellings included: the strongest
		 * signal.
		 */
		static final String KEYWORDS = "keywords";

		/** The short answer; stored for snippets when the body has no passage to show. */
		static final String SUMMARY = "summary";

		/** The full answer: many words, so each match counts for less. */
		static final String BODY = "body";

		static final Map<String, Float> BOOSTS = Map.of(TITLE, 3.0f, KEYWORDS, 4.0f, SUMMARY, 1.5f, BODY, 1.0f);

		/**
		 * A passage's sentence embedding ({@link ArticlePassages}). Passages are
		 * documents of their own, beside the articles: BM25 never sees them (they have no
		 * text fields) and the vector search sees nothing else.
		 */
		static final String VECTOR = "vector";

		/** The article a passage belongs to. */
		static final String PASSAGE_OF = "passage_of";

		private Fields() {
		}

	}

	private final Analyzer indexAnalyzer;

	private final Analyzer queryAnalyzer;

	/**
	 * Passages are compared with the question one by one (exact, in SIMD) until there are
	 * so many that a graph pays: Lucene builds its HNSW graph for a segment of n passages
	 * only when n > ln(n) x this, about 20,000 passages. A council's knowledge base has a
	 * few thousand, and building their graph was the largest part of start-up.
	 */
	static final int EXACT_SEARCH_BELOW = 2_000;

	private static final Codec CODEC = new Lucene104Codec() {

		private final KnnVectorsFormat vectors = new Lucene99HnswVectorsFormat(
				Lucene99HnswVectorsFormat.DEFAULT_MAX_CONN, Lucene99HnswVectorsFormat.DEFAULT_BEAM_WIDTH,
				Lucene99HnswVectorsFormat.DEFAULT_NUM_MERGE_WORKER, null, EXACT_SEARCH_BELOW);

		@Override
		public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
			return this.vectors;
		}

	};

	private final ByteBuffersDirectory directory = new ByteBuffersDirectory();

	private final IndexWriter writer;

	private final SearcherManager searchers;

	/**
	 * Per article, the terms of its curated fields (title, keywords, summary) and of its
	 * body: lets the confidence rule see which of the message's words matched, and where.
	 */
	private volatile Map<String, ArticleTerms> termsByArticle = Map.of();

	/** Every term of every article, for {@link #lenient} coverage. */
	private volatile Set<String> vocabulary = Set.of();

	/**
	 * For translation indexes: the English pipeline removes question words ("how", "can",
	 * "get") with a hand-made stop list; the other languages have none so thorough, so a
	 * word no translated article contains at all is not counted against coverage, down to
	 * half the message's words (one shared word in a long message still is not enough).
	 */
	private final boolean lenient;

	/** The body is example questions, matched as fully as the curated fields. */
	private final boolean questionsAsBody;

	private record ArticleTerms(Set<String> curated, Set<String> body) {
	}

	/**
	 * Per article, the title and summary a hit shows, so a hit reads no stored fields.
	 */
	private volatile Map<String, Shown> shownByArticle = Map.of();

	private record Shown(String title, String summary) {
	}

	/**
	 * For one view of the index, the article each document belongs to (its own id, or the
	 * article a passage comes from), read once per view: reading stored fields for every
	 * hit of every search decompressed whole articles each time.
	 */
	private volatile Owners owners;

	private record Owners(IndexReader reader, String[] articleIds) {
	}

	/** Mends a question's misspelt words before the model reads it. */
	private volatile Spelling spelling = Spelling.NONE;

	/** Embeds passages and questions; null for an index without vectors. */
	private final Function<String, float[]> embedder;

	ArticleIndex(SynonymMap synonyms, Function<String, float[]> embedder) {
		this(TextAnalysis.indexAnalyzer(), TextAnalysis.queryAnalyzer(synonyms), false, false, embedder);
	}

	/**
	 * An index with its own analyzers: a translation language's index uses the same one
	 * for both sides (the synonym list is English).
	 */
	ArticleIndex(Analyzer indexAnalyzer, Analyzer queryAnalyzer, boolean lenient) {
		this(indexAnalyzer, queryAnalyzer, lenient, false, null);
	}

	/**
	 * A draft search terms' index: {@code questionsAsBody} says each body is example
	 * questions written to find the article by ({@link SearchTerms}), so in the coverage
	 * of the message's words a word matched there counts as fully as one in the title,
	 * not half as a long body's word does (BM25 still weighs the body field least).
	 */
	ArticleIndex(Analyzer analyzer, boolean questionsAsBody) {
		this(analyzer, analyzer, true, questionsAsBody, null);
	}

	private ArticleIndex(Analyzer indexAnalyzer, Analyzer queryAnalyzer, boolean lenient, boolean questionsAsBody,
			Function<String, float[]> embedder) {
		this.embedder = embedder;
		this.lenient = lenient;
		this.questionsAsBody = questionsAsBody;
		this.indexAnalyzer = indexAnalyzer;
		this.queryAnalyzer = queryAnalyzer;
		try {
			this.writer = new IndexWriter(this.directory, new IndexWriterConfig(this.indexAnalyzer).setCodec(CODEC));
			this.writer.commit();
			this.searchers = new SearcherManager(this.writer, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** One passage compared by meaning, found as the given article's (or off-topic's). */
	private void addPassage(String id, String passage) throws IOException {
		Document vector = new Document();
		vector.add(new StringField(Fields.PASSAGE_OF, id, Field.Store.YES));
		vector.add(new KnnFloatVectorField(Fields.VECTOR, this.embedder.apply(passage),
				VectorSimilarityFunction.DOT_PRODUCT));
		this.writer.addDocument(vector);
	}

	void replaceAll(KnowledgeBase knowledge) {
		replaceAll(knowledge.all());
	}

	void replaceAll(Collection<Article> articles) {
		replaceAll(articles, Map.of());
	}

	/**
	 * @param examples per article id, questions compared by meaning alongside the
	 * article's own passages ({@link ExampleQuestions}); their words are not indexed
	 */
	void replaceAll(Collection<Article> articles, Map<String, List<String>> examples) {
		Map<String, ArticleTerms> terms = new HashMap<>();
		Map<String, Shown> shown = new HashMap<>();
		try {
			this.writer.deleteAll();
			for (Article article : articles) {
				Document doc = new Document();
				doc.add(new StringField(Fields.ID, article.id(), Field.Store.YES));
				doc.add(new TextField(Fields.TITLE, article.title(), Field.Store.YES));
				doc.add(new TextField(Fields.KEYWORDS, String.join(" ; ", article.keywords()), Field.Store.NO));
				doc.add(new TextField(Fields.SUMMARY, article.summary(), Field.Store.YES));
				doc.add(new TextField(Fields.BODY, article.plainBody(), Field.Store.YES));
				this.writer.addDocument(doc);
				if (this.embedder != null) {
					List<String> passages = new ArrayList<>(ArticlePassages.of(article));
					passages.addAll(examples.getOrDefault(article.id(), List.of()));
					for (String passage : passages) {
						addPassage(article.id(), passage);
					}
				}
				shown.put(article.id(), new Shown(article.title(), article.summary()));
				Set<String> curated = TextAnalysis.terms(this.indexAnalyzer,
						article.title() + " . " + String.join(" ; ", article.keywords()) + " . " + article.summary());
				Set<String> body = TextAnalysis.terms(this.indexAnalyzer, article.plainBody());
				if (this.questionsAsBody) {
					Set<String> both = new java.util.HashSet<>(curated);
					both.addAll(body);
					curated = Set.copyOf(both);
					body = Set.of();
				}
				terms.put(article.id(), new ArticleTerms(curated, body));
			}
			if (this.embedder != null) {
				// messages of no article (ExampleQuestions.OFF_TOPIC): passages that only
				// ever take a lead by meaning away from the articles
				for (String id : examples.keySet()) {
					if (ExampleQuestions.OFF_TOPIC.equals(id)) {
						for (String passage : examples.get(id)) {
							addPassage(id, passage);
						}
					}
				}
			}
			this.writer.commit();
			this.termsByArticle = Map.copyOf(terms);
			this.shownByArticle = Map.copyOf(shown);
			Set<String> vocabulary = new java.util.HashSet<>();
			terms.values().forEach(t -> {
				vocabulary.addAll(t.curated());
				vocabulary.addAll(t.body());
			});
			this.vocabulary = Set.copyOf(vocabulary);
			if (this.embedder != null) {
				this.spelling = new Spelling(wordsOf(articles),
						examples.values().stream().flatMap(List::stream).toList(),
						app.waymark.system.SentenceEmbeddings.modelWords());
			}
			this.searchers.maybeRefreshBlocking();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Ranks articles for a message. The text is never parsed as Lucene syntax: it is
	 * analysed into terms and the query is built from them, so {@code *:*} or
	 * {@code AND ((} are words.
	 */
	List<Hit> search(String text, int max, boolean withSnippets) {
		List<Set<String>> groups = TextAnalysis.mergedGroups(text, this.indexAnalyzer, this.queryAnalyzer);
		if (groups.isEmpty()) {
			return List.of();
		}
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				Query query = buildQuery(text, groups, searcher);
				if (query == null) {
					return List.of();
				}
				TopDocs top = searcher.search(query, max);
				// Highlighting costs more than the search itself: only the search API
				// shows snippets.
				String[] snippets = withSnippets ? snippets(searcher, query, top) : new String[top.scoreDocs.length];
				List<Hit> hits = new ArrayList<>();
				for (int i = 0; i < top.scoreDocs.length; i++) {
					ScoreDoc scoreDoc = top.scoreDocs[i];
					String id = articleOf(searcher, scoreDoc.doc);
					Shown shown = this.shownByArticle.get(id);
					if (shown == null) {
						// the index was just replaced and the map not yet: read it
						Document doc = searcher.storedFields().document(scoreDoc.doc);
						shown = new Shown(doc.get(Fields.TITLE), doc.get(Fields.SUMMARY));
					}
					String snippet = snippets[i] != null ? snippets[i] : shown.summary();
					hits.add(new Hit(id, shown.title(), scoreDoc.score, coverage(id, groups), snippet));
				}
				return hits;
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Query buildQuery(String text, List<Set<String>> groups, IndexSearcher searcher) throws IOException {
		BooleanQuery.Builder query = new BooleanQuery.Builder();
		boolean any = false;
		// The words as typed, and again with synonyms and text-speak expanded: a synonym
		// rule never hides the word itself.
		for (Analyzer analyzer : List.of(this.indexAnalyzer, this.queryAnalyzer)) {
			QueryBuilder builder = new QueryBuilder(analyzer);
			for (Map.Entry<String, Float> field : Fields.BOOSTS.entrySet()) {
				Query fieldQuery = builder.createBooleanQuery(field.getKey(), text, BooleanClause.Occur.SHOULD);
				if (fieldQuery != null) {
					query.add(new BoostQuery(fieldQuery, field.getValue()), BooleanClause.Occur.SHOULD);
					any = true;
				}
			}
		}
		// Typos the keyword lists did not foresee: only for words the index has never
		// seen, so a correctly spelled word is not diluted by its neighbours.
		for (Set<String> group : groups) {
			for (String term : group) {
				if (term.length() < 4 || knownTerm(searcher, term)) {
					continue;
				}
				int edits = term.length() >= 7 ? 2 : 1;
				for (String field : List.of(Fields.KEYWORDS, Fields.TITLE)) {
					query.add(new BoostQuery(new TypoQuery(new Term(field, term), edits), 0.6f),
							BooleanClause.Occur.SHOULD);
					any = true;
				}
			}
		}
		return any ? query.build() : null;
	}

	private String articleOf(IndexSearcher searcher, int doc) throws IOException {
		IndexReader reader = searcher.getIndexReader();
		Owners current = this.owners;
		if (current == null || current.reader() != reader) {
			String[] ids = new String[reader.maxDoc()];
			StoredFields stored = reader.storedFields();
			Bits live = MultiBits.getLiveDocs(reader);
			for (int i = 0; i < ids.length; i++) {
				if (live == null || live.get(i)) {
					Document fields = stored.document(i, OWNER_FIELDS);
					ids[i] = fields.get(Fields.ID) != null ? fields.get(Fields.ID) : fields.get(Fields.PASSAGE_OF);
				}
			}
			current = new Owners(reader, ids);
			this.owners = current;
		}
		return current.articleIds()[doc];
	}

	private static final Set<String> OWNER_FIELDS = Set.of(Fields.ID, Fields.PASSAGE_OF);

	private static boolean knownTerm(IndexSearcher searcher, String term) throws IOException {
		for (String field : Fields.BOOSTS.keySet()) {
			if (searcher.getIndexReader().docFreq(new Term(field, term)) > 0) {
				return true;
			}
		}
		return false;
	}

	private String[] snippets(IndexSearcher searcher, Query query, TopDocs top) throws IOException {
		if (top.scoreDocs.length == 0) {
			return new String[0];
		}
		UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, this.indexAnalyzer)
			.withFormatter(new DefaultPassageFormatter("", "", " ... ", false))
			.withMaxLength(20_000)
			.build();
		return highlighter.highlight(Fields.BODY, query, top, 1);
	}

	/**
	 * BGE's instruction for a short question searched against passages (its model card):
	 * on the tuning questions it put the right article first by meaning for 75.6% rather
	 * than 73.2% without.
	 */
	static final String QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: ";

	/** What the model is given for a question: the instruction, then the question. */
	static String queryText(String question) {
		return QUERY_INSTRUCTION + question;
	}

	/**
	 * What the model is given for a question, its misspelt words mended
	 * ({@link Spelling}).
	 */
	String meaningQuery(String question) {
		return queryText(this.spelling.correct(question));
	}

	private static List<String> wordsOf(Collection<Article> articles) {
		List<String> texts = new ArrayList<>();
		for (Article article : articles) {
			texts.add(article.title());
			texts.addAll(article.keywords());
			texts.add(article.summary());
			texts.add(article.plainBody());
		}
		return texts;
	}

	/** How many of the nearest passages vote for an article ({@link Nearness#votes}). */
	static final int VOTERS = 10;

	/**
	 * How near a question is to each article by meaning.
	 *
	 * @param best per article, its nearest passage's cosine (the {@code max} nearest
	 * articles)
	 * @param votes per article, its share of the {@link #VOTERS} passages nearest the
	 * question: many of one article's passages and example questions close by is stronger
	 * evidence than one
	 */
	record Nearness(Map<String, Double> best, Map<String, Double> votes) {

		static final Nearness NONE = new Nearness(Map.of(), Map.of());

	}

	/**
	 * Articles by meaning: the question's embedding against every passage's, each article
	 * as near as its nearest passage (cosine, -1..1), nearest first, with its share of
	 * the nearest passages.
	 * @param question the message
	 * @param max how many articles at most
	 * @return the nearness, empty for an index without vectors
	 */
	Nearness near(String question, int max) {
		if (this.embedder == null || question.isBlank()) {
			return Nearness.NONE;
		}
		float[] vector = this.embedder.apply(meaningQuery(question));
		try {
			IndexSearcher searcher = this.searchers.acquire();
			try {
				int k = Math.max(max * 8, VOTERS);
				TopDocs top = searcher.search(new KnnFloatVectorQuery(Fields.VECTOR, vector, k), k);
				Map<String, Double> nearest = new java.util.LinkedHashMap<>();
				Map<String, Double> votes = new HashMap<>();
				for (int i = 0; i < top.scoreDocs.length; i++) {
					ScoreDoc scoreDoc = top.scoreDocs[i];
					String id = articleOf(searcher, scoreDoc.doc);
					// Lucene scores a dot product as (1 + dot) / 2
					double cosine = 2.0 * scoreDoc.score - 1.0;
					if (nearest.size() < max || nearest.containsKey(id)) {
						nearest.merge(id, cosine, Math::max);
					}
					if (i < VOTERS) {
						votes.merge(id, 1.0 / VOTERS, Double::sum);
					}
				}
				return new Nearness(nearest, votes);
			}
			finally {
				this.searchers.release(searcher);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The share of the message's meaningful words that the article contains, allowing for
	 * synonyms and small typos. A word found only in the body counts half: bodies are
	 * long and share everyday words ("time", "phone") that say nothing about the topic. A
	 * high score from one common word is not enough to answer.
	 */
	double coverage(String articleId, List<Set<String>> groups) {
		ArticleTerms terms = this.termsByArticle.get(articleId);
		if (terms == null || groups.isEmpty()) {
			return 0;
		}
		double covered = 0;
		int counted = groups.size();
		if (this.lenient) {
			long known = groups.stream().filter(group -> group.stream().anyMatch(this.vocabulary::contains)).count();
			counted = (int) Math.max(known, (groups.size() + 1) / 2);
		}
		for (Set<String> group : groups) {
			if (group.stream().anyMatch(term -> matches(term, terms.curated()))) {
				covered += 1;
			}
			else if (group.stream().anyMatch(term -> matches(term, terms.body()))) {
				covered += 0.5;
			}
		}
		return Math.min(1.0, covered / counted);
	}

	private static boolean matches(String term, Set<String> terms) {
		return terms.contains(term) || closeToAny(term, terms);
	}

	private static boolean closeToAny(String term, Set<String> terms) {
		if (term.length() < 4) {
			return false;
		}
		int edits = term.length() >= 7 ? 2 : 1;
		for (String candidate : terms) {
			if (candidate.length() > 1 && candidate.charAt(0) == term.charAt(0)
					&& Math.abs(candidate.length() - term.length()) <= edits
					&& EditDistance.within(term, candidate, edits)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void close() throws IOException {
		this.searchers.close();
		this.writer.close();
		this.directory.close();
		this.indexAnalyzer.close();
		if (this.queryAnalyzer != this.indexAnalyzer) {
			this.queryAnalyzer.close();
		}
	}

	/**
	 * One ranked article: its BM25 score and the share of the message's words it covers.
	 */
	record Hit(String articleId, String title, double score, double coverage, String snippet) {
	}

}
