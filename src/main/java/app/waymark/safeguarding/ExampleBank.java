package app.waymark.safeguarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The reviewable bank of example messages the semantic detector compares each message
 * with: per language, per category, messages that mean danger, worry, or nothing at all
 * (the near misses matter as much as the dangers: "this exam is killing me" must sit
 * nearer to harmless examples than to harmful ones).
 *
 * <p>
 * One file per language, {@code safeguarding/examples/examples-<language>.yml}. A mistake
 * (unknown level, a category without messages) stops start-up, naming the file, as the
 * rule file does.
 */
final class ExampleBank {

	/** Languages the bank may hold, each in its own file. */
	static final List<String> LANGUAGES = List.of("en", "ar", "ar-latn", "fa", "fa-latn", "ps", "ti", "am", "ckb",
			"kmr", "vi", "sq", "fr");

	static final String FOLDER = "safeguarding/examples/";

	/** Crisis categories, each with crisis help of its own in the reply. */
	static final Set<String> CRISIS_CATEGORIES = Set.of("suicide", "self-harm", "overdose", "violence",
			"sexual-exploitation", "criminal-exploitation", "trafficking", "domestic-abuse", "no-safe-place-tonight",
			"medical-emergency");

	/**
	 * One example.
	 *
	 * @param id stable name for the audit trail: language, category and position
	 * @param language the file's language
	 * @param level what the example means
	 * @param category its category, null for {@link RiskLevel#NONE}
	 * @param text the message
	 */
	record Example(String id, String language, RiskLevel level, String category, String text) {
	}

	private final List<Example> examples;

	private ExampleBank(List<Example> examples) {
		this.examples = List.copyOf(examples);
	}

	List<Example> examples() {
		return this.examples;
	}

	static ExampleBank fromClasspath() {
		List<Example> all = new ArrayList<>();
		ClassLoader loader = ExampleBank.class.getClassLoader();
		for (String language : LANGUAGES) {
			String resource = FOLDER + "examples-" + language + ".yml";
			try (InputStream in = loader.getResourceAsStream(resource)) {
				if (in != null) {
					all.addAll(parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read " + resource, ex);
			}
		}
		if (all.isEmpty()) {
			throw new IllegalStateException("No safeguarding examples found under " + FOLDER);
		}
		return new ExampleBank(all);
	}

	static ExampleBank of(List<Example> examples) {
		return new ExampleBank(examples);
	}

	static List<Example> parse(String name, String yaml) {
		Object root;
		try {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (YAMLException ex) {
			throw new IllegalArgumentException(name + " is not valid YAML: " + ex.getMessage(), ex);
		}
		if (!(root instanceof Map<?, ?> top) || !(top.get("language") instanceof String language)
				|| !(top.get("examples") instanceof Map<?, ?> categories)) {
			throw new IllegalArgumentException(name + " needs 'language:' and 'examples:' at the top");
		}
		List<Example> examples = new ArrayList<>();
		for (Map.Entry<?, ?> entry : categories.entrySet()) {
			String category = String.valueOf(entry.getKey());
			if (!(entry.getValue() instanceof Map<?, ?> body) || !(body.get("messages") instanceof List<?> messages)
					|| messages.isEmpty()) {
				throw new IllegalArgumentException(name + ": category '" + category + "' needs 'level:' and messages");
			}
			RiskLevel level = level(name, category, body.get("level"));
			if (level == RiskLevel.CRISIS && !CRISIS_CATEGORIES.contains(category)) {
				throw new IllegalArgumentException(
						name + ": '" + category + "' is not a crisis category (one of " + CRISIS_CATEGORIES + ")");
			}
			int n = 0;
			for (Object message : messages) {
				n++;
				if (!(message instanceof String text) || text.isBlank()) {
					throw new IllegalArgumentException(name + ": message " + n + " of '" + category + "' is empty");
				}
				examples.add(new Example(language + "/" + category + "/" + n, language, level,
						level == RiskLevel.NONE ? null : category, text.strip()));
			}
		}
		return examples;
	}

	private static RiskLevel level(String name, String category, Object value) {
		try {
			return RiskLevel.valueOf(String.valueOf(value).toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					name + ": category '" + category + "' has level '" + value + "' (crisis, concern or none)");
		}
	}

}
