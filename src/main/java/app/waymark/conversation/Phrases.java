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
 * <p>
 * A draft file ({@code status} other than {@code reviewed}) is still used for the bot's
 * everyday sentences: a young person who reads Arabic is better served by a draft Arabic
 * "reply MORE" than by English, and the status line tells admins it needs a fluent
 * reviewer. Crisis sentences are the exception: {@link #reviewed} gives English until a
 * fluent speaker has checked them, because a wrong word there costs most.
 */
public final class Phrases {

	private static final String FALLBACK = "en";

	private static final String REVIEWED = "reviewed";

	private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

	public String get(String language, String key, Object... args) {
		return format(language, key, false, args);
	}

	/**
	 * Like {@link #get} but only from a reviewed file; English otherwise. For crisis
	 * sentences.
	 */
	public String reviewed(String language, String key, Object... args) {
		return format(language, key, true, args);
	}

	/** The phrase in the language's own file, reviewed or draft, if it has one. */
	public java.util.Optional<String> own(String language, String key) {
		return language == null ? java.util.Optional.empty()
				: java.util.Optional.ofNullable(properties(language).getProperty(key));
	}

	private String format(String language, String key, boolean reviewedOnly, Object... args) {
		String pattern = language == null || (reviewedOnly && !supports(language)) ? null
				: properties(language).getProperty(key);
		if (pattern == null) {
			pattern = properties(FALLBACK).getProperty(key);
		}
		if (pattern == null) {
			throw new IllegalArgumentException("No phrase '" + key + "'");
		}
		return args.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), Locale.ROOT).format(args);
	}

	/**
	 * Whether the language has its own phrase file and a fluent speaker has reviewed it
	 * ({@code status=reviewed}). Draft translations are sent for everyday sentences but
	 * never for crisis ones (see {@link #reviewed}).
	 */
	public boolean supports(String language) {
		return language != null && REVIEWED.equals(properties(language).getProperty("status"));
	}

	private Properties properties(String language) {
		String code = language.toLowerCase(Locale.ROOT);
		// Dari is Persian as written in Afghanistan: the Farsi phrases serve it.
		return this.byLanguage.computeIfAbsent("prs".equals(code) ? "fa" : code, Phrases::read);
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
