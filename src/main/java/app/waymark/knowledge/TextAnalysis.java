package app.waymark.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * How article text and young people's messages are turned into terms.
 *
 * <p>
 * Both sides lower-case, fold accents, drop filler words and Porter-stem, so "tenancies"
 * meets "tenancy". Only the query side expands synonyms and text-speak
 * ({@code synonyms.txt}): doing it at query time keeps the index small and lets an admin
 * change the list without re-indexing. Filler words include greetings and "help"/"need",
 * which carry no topic; a message made only of them matches nothing, so the bot does not
 * guess.
 */
final class TextAnalysis {

	static final CharArraySet STOP_WORDS;

	static {
		CharArraySet stop = new CharArraySet(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET, true);
		for (String word : List.of("i", "im", "i'm", "me", "my", "mine", "you", "u", "ur", "your", "we", "us", "our",
				"can", "cn", "could", "get", "got", "getting", "how", "what", "wat", "wot", "wht", "when", "wen",
				"where", "wer", "which", "who", "whom", "why", "do", "does", "did", "dont", "doesnt", "have", "has",
				"had", "am", "been", "being", "would", "should", "shall", "will", "may", "might", "must", "about",
				"pls", "plz", "please", "thanks", "thank", "thx", "hi", "hello", "hey", "hiya", "yo", "ok", "okay",
				"know", "tell", "need", "needs", "want", "wanna", "gonna", "help", "helps", "info", "information",
				"anything", "something", "any", "some", "from", "up", "out", "im", "ive", "its", "it's", "also",
				"still", "just", "now", "there", "here", "this", "that", "than", "then", "so", "very", "really", "much",
				"many", "more", "lot", "lots", "like", "also", "yes", "no", "not", "im", "idk", "hmm", "am", "ask",
				"asking", "question", "possible", "someone", "anyone", "is", "are", "was", "were", "be", "a", "an",
				"the", "and", "or", "of", "to", "in", "on", "at", "for", "with", "by", "it", "if", "as", "one", "go",
				"going", "him", "her", "his", "she", "he", "they", "them", "their",
				// Every article is about care leavers in this place: these words tell
				// articles apart no better than "the".
				"care", "leaver", "leavers", "city", "london", "corporation", "young", "person", "people")) {
			stop.add(word);
		}
		STOP_WORDS = CharArraySet.unmodifiableSet(stop);
	}

	private TextAnalysis() {
	}

	/**
	 * Query syntax characters become spaces before tokenizing: the word-break rules would
	 * keep "title:housing" as one token, and a young person who types it means "housing".
	 */
	private static final Pattern SYNTAX = Pattern.compile("[:^~*?\\\\/|&!(){}\\[\\]\"+=<>#@]");

	private abstract static class PlainTextAnalyzer extends Analyzer {

		@Override
		protected Reader initReader(String fieldName, Reader reader) {
			return new PatternReplaceCharFilter(SYNTAX, " ", reader);
		}

	}

	/** Analyzer for article fields. */
	static Analyzer indexAnalyzer() {
		return new PlainTextAnalyzer() {
			@Override
			protected TokenStreamComponents createComponents(String fieldName) {
				Tokenizer source = new StandardTokenizer();
				TokenStream stream = new LowerCaseFilter(source);
				stream = new ASCIIFoldingFilter(stream);
				stream = new EnglishPossessiveFilter(stream);
				stream = new StopFilter(stream, STOP_WORDS);
				return new TokenStreamComponents(source, new PorterStemFilter(stream));
			}
		};
	}

	/**
	 * Analyzer for messages: as the index side, with synonyms and text-speak expanded.
	 */
	static Analyzer queryAnalyzer(SynonymMap synonyms) {
		return new PlainTextAnalyzer() {
			@Override
			protected TokenStreamComponents createComponents(String fieldName) {
				Tokenizer source = new StandardTokenizer();
				TokenStream stream = new LowerCaseFilter(source);
				stream = new ASCIIFoldingFilter(stream);
				stream = new EnglishPossessiveFilter(stream);
				stream = new SynonymGraphFilter(stream, synonyms, true);
				stream = new StopFilter(stream, STOP_WORDS);
				return new TokenStreamComponents(source, new PorterStemFilter(stream));
			}
		};
	}

	/** Reads a Solr-format synonym list ({@code a, b => c} and {@code a, b, c}). */
	static SynonymMap synonyms(Reader rules) {
		Analyzer plain = new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String fieldName) {
				Tokenizer source = new StandardTokenizer();
				return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
			}
		};
		try (plain) {
			SolrSynonymParser parser = new SolrSynonymParser(true, true, plain);
			parser.parse(rules);
			return parser.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("synonyms.txt line " + ex.getErrorOffset() + ": " + ex.getMessage(), ex);
		}
	}

	static SynonymMap defaultSynonyms() {
		InputStream in = TextAnalysis.class.getResourceAsStream("/knowledge-config/synonyms.txt");
		if (in == null) {
			throw new IllegalStateException("knowledge-config/synonyms.txt is missing from the classpath");
		}
		try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
			return synonyms(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The message's meaningful words, each with the terms it may stand for (itself and
	 * its synonyms, stemmed), keyed by where the word starts in the message.
	 */
	static List<Set<String>> termGroups(Analyzer analyzer, String text) {
		return new ArrayList<>(groupsByOffset(analyzer, text).values());
	}

	private static Map<Integer, Set<String>> groupsByOffset(Analyzer analyzer, String text) {
		Map<Integer, Set<String>> groups = new LinkedHashMap<>();
		try (TokenStream stream = analyzer.tokenStream("q", text)) {
			CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
			OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
			stream.reset();
			while (stream.incrementToken()) {
				groups.computeIfAbsent(offset.startOffset(), k -> new LinkedHashSet<>()).add(term.toString());
			}
			stream.end();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return groups;
	}

	/**
	 * Term groups of several analyzers over one text, merged where words start at the
	 * same place.
	 */
	static List<Set<String>> mergedGroups(String text, Analyzer... analyzers) {
		Map<Integer, Set<String>> merged = new java.util.TreeMap<>();
		for (Analyzer analyzer : analyzers) {
			groupsByOffset(analyzer, text)
				.forEach((offset, terms) -> merged.computeIfAbsent(offset, k -> new LinkedHashSet<>()).addAll(terms));
		}
		return new ArrayList<>(merged.values());
	}

	/** Every term an analyzer makes of a text. */
	static Set<String> terms(Analyzer analyzer, String text) {
		Set<String> terms = new LinkedHashSet<>();
		termGroups(analyzer, text).forEach(terms::addAll);
		return terms;
	}

}
