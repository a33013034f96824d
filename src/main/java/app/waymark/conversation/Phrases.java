package app.waymark.conversation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bot's own sentences, per language, from {@code phrases/phrases_<lang>.properties}
 * (UTF-8). A missing language or key falls back to English, so a half-translated file
 * never leaves a young person without a reply.
 */
public final class Phrases {

	private static final String FALLBACK = "en";

	private static final String REVIEWED = "reviewed";

	private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

	public String get(String language, String key, Object... args) {
		String pattern = lookup(language, key);
		if (pattern == null) {
			pattern = lookup(FALLBACK, key);
		}
		if (pattern == null) {
			throw new IllegalArgumentException("No phrase '" + key + "'");
		}
		return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(args);
	}

	/**
	 * Whether the language has its own phrase file and a fluent speaker has reviewed it
	 * ({@code status=reviewed}). Draft translations are kept in the repository for
	 * reviewers but never sent.
	 */
	public boolean supports(String language) {
		return language != null && REVIEWED.equals(properties(language).getProperty("status"));
	}

	private String lookup(String language, String key) {
		return properties(supports(language) ? language : FALLBACK).getProperty(key);
	}

	private Properties properties(String language) {
		return this.byLanguage.computeIfAbsent(language.toLowerCase(Locale.ROOT), Phrases::read);
	}

	private static Properties read(String language) {
		Properties properties = new Properties();
		if (!language.matches("[a-z]{2,3}")) {
			return properties;
		}
		try (InputStream in = Phrases.class.getResourceAsStream("/phrases/phrases_" + language + ".properties")) {
			if (in != null) {
				properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

}
