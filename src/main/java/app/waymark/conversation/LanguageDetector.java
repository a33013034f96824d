package app.waymark.conversation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Guesses a message's language from its script, to override a language we were told
 * (profile, LANGUAGE command, Telegram's language_code) only when the script proves it
 * wrong. Latin text keeps what we were told (or English): French, Somali and English
 * share a script, and a short question is too little to tell them apart reliably.
 * Vietnamese is the exception: its stacked diacritics are unmistakable.
 */
public final class LanguageDetector {

	/** Languages written in Arabic script that Waymark knows. */
	static final Set<String> ARABIC_SCRIPT = Set.of("ar", "fa", "prs", "ps", "ckb");

	static final Set<String> ETHIOPIC_SCRIPT = Set.of("ti", "am");

	// Letters only Sorani uses among these languages.
	private static final String SORANI = "\u06B5\u0695\u06C6\u06CE\u06D5"; // ڵ ڕ ۆ ێ ە

	// Letters only Pashto uses.
	private static final String PASHTO = "\u067C\u0689\u0693\u069A\u06AB\u0681\u0685\u0696\u06BC"; // ټ
																									// ډ
																									// ړ
																									// ښ
																									// ګ
																									// ځ
																									// څ
																									// ږ
																									// ڼ

	// Letters of the Persian family (also used by Pashto and Sorani, never by Arabic).
	private static final String PERSIAN = "\u067E\u0686\u0698\u06AF\u06CC\u06A9"; // پ چ ژ
																					// گ ی
																					// ک

	// Tigrinya writes the ቐ series and the glottal ኣ where Amharic writes አ.
	private static final String TIGRINYA = "\u1250\u1251\u1252\u1253\u1254\u1255\u1256\u1258\u12A3";

	private static final String VIETNAMESE = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";

	/** Names a young person may type after LANGUAGE, besides the codes. */
	private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("english", "en"),
			Map.entry("arabic", "ar"), Map.entry("farsi", "fa"), Map.entry("persian", "fa"), Map.entry("dari", "prs"),
			Map.entry("pashto", "ps"), Map.entry("pushto", "ps"), Map.entry("tigrinya", "ti"),
			Map.entry("amharic", "am"), Map.entry("kurdish", "ckb"), Map.entry("sorani", "ckb"),
			Map.entry("vietnamese", "vi"), Map.entry("french", "fr"), Map.entry("francais", "fr"),
			Map.entry("français", "fr"), Map.entry("العربية", "ar"), Map.entry("عربي", "ar"), Map.entry("فارسی", "fa"),
			Map.entry("دری", "prs"), Map.entry("پښتو", "ps"), Map.entry("ትግርኛ", "ti"), Map.entry("አማርኛ", "am"),
			Map.entry("کوردی", "ckb"), Map.entry("tiếng việt", "vi"));

	private static final Set<String> CODES = Set.of("en", "ar", "fa", "prs", "ps", "ti", "am", "ckb", "vi", "fr", "sq");

	private LanguageDetector() {
	}

	/**
	 * The language of {@code text}, given what we were told ({@code told}, may be null).
	 */
	public static String detect(String text, String told) {
		String known = told == null || told.isBlank() ? null : told.toLowerCase(Locale.ROOT);
		int arabic = 0;
		int ethiopic = 0;
		int latin = 0;
		for (int i = 0; i < text.length(); i++) {
			Character.UnicodeScript script = Character.UnicodeScript.of(text.charAt(i));
			switch (script) {
				case ARABIC -> arabic++;
				case ETHIOPIC -> ethiopic++;
				case LATIN -> latin++;
				default -> {
				}
			}
		}
		if (arabic > 0 && arabic >= latin && arabic >= ethiopic) {
			return arabicScript(text, known);
		}
		if (ethiopic > 0 && ethiopic >= latin) {
			if (known != null && ETHIOPIC_SCRIPT.contains(known)) {
				return known;
			}
			return containsAny(text, TIGRINYA) ? "ti" : (text.contains("\u12A0") ? "am" : "ti");
		}
		if (latin > 0 && containsAny(text.toLowerCase(Locale.ROOT), VIETNAMESE)) {
			return "vi";
		}
		if (known == null || known.equals("en")) {
			String byWords = latinByWords(text);
			if (byWords != null) {
				return byWords;
			}
		}
		return known == null ? "en" : known;
	}

	/**
	 * Words common in one Latin-script language and rare in the others and in English,
	 * typed with or without their marks: enough of them in a message name its language.
	 */
	private static final Map<String, Set<String>> LATIN_WORDS = Map.of("fr",
			Set.of("je", "suis", "est", "les", "des", "pour", "comment", "où", "mon", "mes", "pas", "une", "avec",
					"mais", "c'est", "j'ai", "que", "quoi", "peux", "puis", "vous", "nous", "dans", "sur", "bonjour",
					"merci", "aide", "argent", "logement", "travail", "avoir", "être", "etre", "ai", "suis-je",
					"est-ce", "qu'est-ce", "faire", "veux", "besoin", "du", "au", "aux", "ce", "cette", "il", "elle"),
			"sq",
			Set.of("unë", "une", "jam", "nuk", "dua", "për", "per", "është", "eshte", "shtëpi", "shtepi", "ku", "mund",
					"të", "më", "në", "dhe", "kam", "çfarë", "cfare", "pse", "ndihmë", "ndihme", "punë", "pune", "nga",
					"sot", "nesër", "neser", "kush", "si", "ka", "janë", "jane", "paratë", "parate", "leje", "qiraja",
					"mjek", "shkollë", "shkolle", "punoj", "duhet", "apo", "edhe", "mua", "tim", "time", "kartë",
					"karte", "merr", "marr"),
			"vi",
			Set.of("toi", "khong", "duoc", "lam", "nha", "tien", "xin", "giup", "minh", "ban", "cua", "nhung", "nay",
					"gi", "sao", "nao", "muon", "hoc", "viec", "co", "the", "cho", "ve", "va", "mot", "o", "di", "can",
					"em", "anh", "chi", "bao", "nhieu", "o dau", "dau", "thi", "roi", "chua", "duoc khong", "cach",
					"tro", "cap", "nguoi", "lai"));

	/** English words that rule a message out of the word lists above. */
	private static final Set<String> ENGLISH = Set.of("the", "i", "is", "am", "my", "can", "get", "how", "what", "do",
			"you", "for", "to", "and", "a", "it", "in", "of", "have", "need", "help", "where", "with", "me", "im");

	static String latinByWords(String text) {
		String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}'-]+");
		int counted = 0;
		int english = 0;
		Map<String, Integer> hits = new java.util.HashMap<>();
		for (String word : words) {
			if (word.isEmpty()) {
				continue;
			}
			counted++;
			english += ENGLISH.contains(word) ? 1 : 0;
			LATIN_WORDS.forEach((language, list) -> {
				if (list.contains(word)) {
					hits.merge(language, 1, Integer::sum);
				}
			});
		}
		String best = null;
		int most = 0;
		for (Map.Entry<String, Integer> entry : hits.entrySet()) {
			if (entry.getValue() > most) {
				best = entry.getKey();
				most = entry.getValue();
			}
		}
		// at least two of its words, a third of the message, and more than English's
		return best != null && most >= 2 && most * 3 >= counted && most > english ? best : null;
	}

	private static String arabicScript(String text, String known) {
		if (containsAny(text, SORANI)) {
			return "ckb";
		}
		if (containsAny(text, PASHTO)) {
			return "ps";
		}
		if (containsAny(text, PERSIAN)) {
			// Pashto and Sorani share these letters; Dari is Persian written in
			// Afghanistan.
			return known != null && Set.of("fa", "prs", "ps", "ckb").contains(known) ? known : "fa";
		}
		return known != null && ARABIC_SCRIPT.contains(known) ? known : "ar";
	}

	/** The language a LANGUAGE command names, by code or by name. */
	public static Optional<String> named(String word) {
		String w = word.strip().toLowerCase(Locale.ROOT);
		if (CODES.contains(w)) {
			return Optional.of(w);
		}
		return Optional.ofNullable(NAMES.get(w));
	}

	private static boolean containsAny(String text, String letters) {
		for (int i = 0; i < text.length(); i++) {
			if (letters.indexOf(text.charAt(i)) >= 0) {
				return true;
			}
		}
		return false;
	}

}
