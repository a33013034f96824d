package app.waymark.knowledge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TypoQuery must find and weigh exactly the terms Lucene's FuzzyQuery (one-letter prefix,
 * transpositions) finds, over the repository's articles as the search indexes them.
 */
class TypoQueryTests {

	private static final String FIELD = ArticleIndex.Fields.KEYWORDS;

	private static ByteBuffersDirectory directory;

	private static DirectoryReader reader;

	private static IndexSearcher searcher;

	private static List<String> vocabulary;

	@BeforeAll
	static void indexTheArticles() throws IOException {
		directory = new ByteBuffersDirectory();
		Analyzer analyzer = TextAnalysis.indexAnalyzer();
		try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
			for (Article article : KnowledgeFixtures.repositoryKnowledge().all()) {
				Document doc = new Document();
				doc.add(new TextField(FIELD,
						article.title() + " ; " + String.join(" ; ", article.keywords()) + " ; " + article.summary(),
						Field.Store.NO));
				writer.addDocument(doc);
			}
		}
		reader = DirectoryReader.open(directory);
		searcher = new IndexSearcher(reader);
		vocabulary = new ArrayList<>();
		TermsEnum terms = MultiTerms.getTerms(reader, FIELD).iterator();
		for (BytesRef term = terms.next(); term != null; term = terms.next()) {
			vocabulary.add(term.utf8ToString());
		}
	}

	@AfterAll
	static void close() throws IOException {
		reader.close();
		directory.close();
	}

	@ParameterizedTest
	@CsvSource({ "budjet, 1", "councelling, 2", "homless, 2", "lapptop, 2", "accomodation, 2", "tution, 1",
			"benifits, 2", "aprentiseship, 2", "dentst, 1", "zzzz, 1", "xqwertyu, 2", "bus, 1", "élan, 1",
			"passpart, 2", "enttled, 2" })
	void findsWhatFuzzyQueryFinds(String word, int edits) throws IOException {
		assertSameRewrite(word, edits);
	}

	@Test
	void aTypoOfATermItselfFindsIt() throws IOException {
		Query rewritten = searcher.rewrite(new TypoQuery(new Term(FIELD, "budjet"), 1));
		assertThat(rewritten.toString()).contains("budget");
	}

	/** Every kind of one- and two-letter slip, made in words the articles use. */
	@Test
	void findsWhatFuzzyQueryFindsForSlipsInTheArticlesOwnWords() throws IOException {
		Random random = new Random(20261206);
		TreeSet<String> words = new TreeSet<>();
		for (String term : vocabulary) {
			if (term.length() >= 4 && random.nextInt(4) == 0) {
				words.add(slip(term, random));
				words.add(slip(slip(term, random), random));
			}
		}
		assertThat(words).hasSizeGreaterThan(200);
		for (String word : words) {
			if (word.length() >= 4) {
				assertSameRewrite(word, word.length() >= 7 ? 2 : 1);
			}
		}
	}

	@Test
	void distanceCountsASwapAsOneEdit() {
		assertThat(TypoQuery.distance(codes("form"), codes("from"), 2)).isEqualTo(1);
		assertThat(TypoQuery.distance(codes("budget"), codes("budjet"), 2)).isEqualTo(1);
		assertThat(TypoQuery.distance(codes("ca"), codes("abc"), 2)).isEqualTo(3);
		assertThat(TypoQuery.distance(codes("housing"), codes("ho"), 2)).isEqualTo(3);
	}

	private static void assertSameRewrite(String word, int edits) throws IOException {
		Term term = new Term(FIELD, word);
		Query expected = searcher.rewrite(new FuzzyQuery(term, edits, 1));
		Query actual = searcher.rewrite(new TypoQuery(term, edits));
		assertThat(clauses(actual)).as(word).isEqualTo(clauses(expected));
	}

	/** The rewritten query's clauses as text, in a stable order. */
	private static TreeSet<String> clauses(Query query) {
		TreeSet<String> clauses = new TreeSet<>();
		if (query instanceof BooleanQuery bool) {
			bool.clauses().forEach(clause -> clauses.add(clause.toString()));
		}
		else if (!(query.toString().equals("MatchNoDocsQuery(\"\")"))) {
			clauses.add(query.toString());
		}
		return clauses;
	}

	private static String slip(String word, Random random) {
		StringBuilder out = new StringBuilder(word);
		int at = 1 + random.nextInt(Math.max(1, word.length() - 1));
		char letter = (char) ('a' + random.nextInt(26));
		switch (random.nextInt(4)) {
			case 0 -> out.insert(Math.min(at, out.length()), letter);
			case 1 -> out.deleteCharAt(Math.min(at, out.length() - 1));
			case 2 -> out.setCharAt(Math.min(at, out.length() - 1), letter);
			default -> {
				if (at + 1 < out.length()) {
					char c = out.charAt(at);
					out.setCharAt(at, out.charAt(at + 1));
					out.setCharAt(at + 1, c);
				}
			}
		}
		return out.toString();
	}

	private static int[] codes(String text) {
		return text.codePoints().toArray();
	}

}
