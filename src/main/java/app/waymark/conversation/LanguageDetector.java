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

	private static final Set<String> CODES = Set.of("en", "ar", "fa", "prs", "ps", "ti", "am", "ckb", "vi", "fr");

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
		return known == null ? "en" : known;
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
