package app.waymark.knowledge;

import java.util.Locale;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.fa.PersianAnalyzer;
import org.apache.lucene.analysis.fa.PersianNormalizationFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * The analyzer each translation language is indexed and searched with. Lucene's own where
 * it has one (stemming and stop words written by people who know the language); a plain
 * one where it has none, since a wrong stemmer is worse than none.
 */
public final class LanguageAnalyzers {

	/** Languages an article may be translated into (English is the source, not here). */
	public static final Set<String> TRANSLATION_LANGUAGES = Set.of("ar", "fa", "prs", "ps", "ckb", "ti", "am", "vi",
			"fr", "sq");

	private LanguageAnalyzers() {
	}

	public static boolean supported(String language) {
		return language != null && TRANSLATION_LANGUAGES.contains(language.toLowerCase(Locale.ROOT));
	}

	/**
	 * Pashto words keep their first five letters: a crude stem for a language with no
	 * stemmer, which on the tuning questions found 5 of 7 Pashto questions' articles
	 * rather than 3 (and none wrongly).
	 */
	static final int PASHTO_STEM = 5;

	/** A new analyzer for the language; the caller closes it. */
	static Analyzer forLanguage(String language) {
		return switch (language) {
			case "ar" -> new ArabicAnalyzer();
			// Dari is Persian as written in Afghanistan: same letters, same analyzer.
			case "fa", "prs" -> new PersianAnalyzer();
			case "ckb" -> new SoraniAnalyzer();
			case "fr" -> new FrenchAnalyzer();
			// Pashto has no Lucene analyzer; it shares Arabic and Persian letter variants
			// (alef forms, yeh and keheh), so normalising those makes typed and edited
			// spellings meet. No stemming.
			case "ps" -> plain(true, PASHTO_STEM);
			// Tigrinya and Amharic (Ethiopic syllables, one character per syllable) and
			// Vietnamese (one syllable per word) are split well by StandardTokenizer;
			// lower-casing is all they need.
			case "ti", "am" -> plain(false, 0);
			// Vietnamese and Albanian are often typed without their marks ("tien" for
			// "tiền", "shtepi" for "shtëpi"): folded to plain letters, both spellings
			// meet.
			case "vi", "sq" -> folded();
			default -> throw new IllegalArgumentException("No analyzer for language " + language);
		};
	}

	private static Analyzer folded() {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String fieldName) {
				Tokenizer source = new StandardTokenizer();
				return new TokenStreamComponents(source, new ASCIIFoldingFilter(new LowerCaseFilter(source)));
			}
		};
	}

	private static Analyzer plain(boolean arabicScript, int truncate) {
		return new Analyzer() {
			@Override
			protected TokenStreamComponents createComponents(String fieldName) {
				Tokenizer source = new StandardTokenizer();
				TokenStream stream = new LowerCaseFilter(source);
				if (arabicScript) {
					stream = new ArabicNormalizationFilter(stream);
					stream = new PersianNormalizationFilter(stream);
				}
				if (truncate > 0) {
					stream = new TruncateTokenFilter(stream, truncate);
				}
				return new TokenStreamComponents(source, stream);
			}
		};
	}

}
