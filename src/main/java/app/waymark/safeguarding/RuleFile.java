package app.waymark.safeguarding;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and checks {@code risk-rules.yml}. Every mistake is reported as an
 * {@link IllegalArgumentException} naming the rule and what is wrong with it, so that a
 * bad edit fails the build instead of silently disabling a rule.
 */
final class RuleFile {

	private static final Set<String> TOP_LEVEL_KEYS = Set.of("text-speak", "everyday-phrases", "rules");

	private static final Set<String> RULE_KEYS = Set.of("id", "level", "category", "language", "description",
			"reviewed", "note", "patterns", "together-with");

	private static final Pattern ID = Pattern.compile("[a-z0-9]+(?:-[a-z0-9]+)*");

	private static final String REGEX_PREFIX = "re:";

	final TextNormaliser normaliser;

	final PhraseIndex everyday = new PhraseIndex();

	final PhraseIndex phrases = new PhraseIndex();

	final List<RiskRule> rules = new ArrayList<>();

	/** Owner slot to regexes: slot 2i = rule i's patterns, 2i+1 = its together-with. */
	final Map<Integer, List<Pattern>> regexes = new LinkedHashMap<>();

	private RuleFile(TextNormaliser normaliser) {
		this.normaliser = normaliser;
	}

	static RuleFile parse(String yaml) {
		if (yaml == null || yaml.isBlank()) {
			throw new IllegalArgumentException("The risk rule file is empty");
		}
		Object root;
		try {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (YAMLException ex) {
			throw new IllegalArgumentException("The risk rule file is not valid YAML: " + ex.getMessage(), ex);
		}
		if (!(root instanceof Map<?, ?> top)) {
			throw new IllegalArgumentException("The risk rule file must have 'rules:' at the top");
		}
		for (Object key : top.keySet()) {
			if (!TOP_LEVEL_KEYS.contains(String.valueOf(key))) {
				throw new IllegalArgumentException("The risk rule file has an unknown section '" + key
						+ "' (expected one of " + TOP_LEVEL_KEYS + ")");
			}
		}
		RuleFile file = new RuleFile(new TextNormaliser(textSpeak(top.get("text-speak"))));
		file.readEveryday(top.get("everyday-phrases"));
		file.readRules(top.get("rules"));
		return file;
	}

	private static Map<String, List<String>> textSpeak(Object section) {
		Map<String, List<String>> table = new LinkedHashMap<>();
		if (section == null) {
			return table;
		}
		if (!(section instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("'text-speak' must map a meaning to a list of ways of typing it");
		}
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			String meaning = text(entry.getKey(), "text-speak entry '" + entry.getKey() + "'");
			List<String> replacement = TextNormaliser.rawWords(meaning);
			if (replacement.isEmpty()) {
				throw new IllegalArgumentException("text-speak entry '" + meaning + "' has no letters");
			}
			for (String variant : strings(entry.getValue(), "text-speak entry '" + meaning + "'")) {
				List<String> words = TextNormaliser.rawWords(variant);
				if (words.size() != 1) {
					throw new IllegalArgumentException(
							"text-speak entry '" + meaning + "': '" + variant + "' must be a single word");
				}
				List<String> previous = table.put(words.get(0), List.copyOf(replacement));
				if (previous != null && !previous.equals(replacement)) {
					throw new IllegalArgumentException(
							"text-speak: '" + variant + "' is listed under two meanings (" + previous + ")");
				}
			}
		}
		return table;
	}

	private void readEveryday(Object section) {
		if (section == null) {
			return;
		}
		for (String phrase : strings(section, "everyday-phrases")) {
			if (phrase.startsWith(REGEX_PREFIX)) {
				throw new IllegalArgumentException("everyday-phrases: '" + phrase + "': regexes are not allowed here");
			}
			try {
				this.everyday.add(PhrasePattern.compile(phrase, this.normaliser), 0);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("everyday-phrases: '" + phrase + "' " + ex.getMessage(), ex);
			}
		}
	}

	private void readRules(Object section) {
		if (!(section instanceof List<?> list) || list.isEmpty()) {
			throw new IllegalArgumentException("The risk rule file must have a non-empty list under 'rules:'");
		}
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < list.size(); i++) {
			Object item = list.get(i);
			String name = "Rule #" + (i + 1);
			if (!(item instanceof Map<?, ?> map)) {
				throw new IllegalArgumentException(name + " is not a rule (expected 'id:', 'level:', ...)");
			}
			if (map.get("id") instanceof String id && !id.isBlank()) {
				name = "Rule '" + id + "'";
			}
			try {
				readRule(map, ids);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(name + ": " + ex.getMessage(), ex);
			}
		}
	}

	private void readRule(Map<?, ?> map, Set<String> ids) {
		for (Object key : map.keySet()) {
			if (!RULE_KEYS.contains(String.valueOf(key))) {
				throw new IllegalArgumentException("unknown field '" + key + "' (expected " + RULE_KEYS + ")");
			}
		}
		String id = required(map, "id");
		if (!ID.matcher(id).matches()) {
			throw new IllegalArgumentException("id must be lower-case letters, digits and dashes");
		}
		if (!ids.add(id)) {
			throw new IllegalArgumentException("id is used by another rule");
		}
		String levelText = required(map, "level").toLowerCase(Locale.ROOT);
		RiskLevel level = switch (levelText) {
			case "crisis" -> RiskLevel.CRISIS;
			case "concern" -> RiskLevel.CONCERN;
			default ->
				throw new IllegalArgumentException("level must be 'crisis' or 'concern', not '" + levelText + "'");
		};
		String category = required(map, "category");
		String language = required(map, "language");
		String description = required(map, "description");
		Object reviewedValue = map.get("reviewed");
		boolean reviewed;
		if (reviewedValue == null) {
			if (!language.equals("en")) {
				throw new IllegalArgumentException(
						"a rule in language '" + language + "' must say 'reviewed: true' or 'reviewed: false'");
			}
			reviewed = true;
		}
		else if (reviewedValue instanceof Boolean b) {
			reviewed = b;
		}
		else {
			throw new IllegalArgumentException("reviewed must be true or false");
		}
		if (!reviewed && (map.get("note") == null || String.valueOf(map.get("note")).isBlank())) {
			throw new IllegalArgumentException("an unreviewed rule needs a 'note' saying what to check");
		}
		int index = this.rules.size();
		List<String> patterns = strings(map.get("patterns"), "patterns");
		if (patterns.isEmpty()) {
			throw new IllegalArgumentException("patterns must list at least one phrase");
		}
		Object togetherValue = map.get("together-with");
		List<String> together = (togetherValue != null) ? strings(togetherValue, "together-with") : List.of();
		if (togetherValue != null && together.isEmpty()) {
			throw new IllegalArgumentException("together-with must list at least one phrase, or be left out");
		}
		compileAll(patterns, 2 * index, "pattern");
		compileAll(together, 2 * index + 1, "together-with phrase");
		this.rules.add(new RiskRule(id, level, category, language, description, reviewed, !together.isEmpty()));
	}

	private void compileAll(List<String> phrases, int owner, String what) {
		for (String phrase : phrases) {
			if (phrase.startsWith(REGEX_PREFIX)) {
				String regex = phrase.substring(REGEX_PREFIX.length()).strip();
				try {
					this.regexes.computeIfAbsent(owner, (k) -> new ArrayList<>()).add(Pattern.compile(regex));
				}
				catch (PatternSyntaxException ex) {
					throw new IllegalArgumentException(
							what + " '" + phrase + "' is not a valid regular expression: " + ex.getDescription(), ex);
				}
				continue;
			}
			try {
				this.phrases.add(PhrasePattern.compile(phrase, this.normaliser), owner);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(what + " '" + phrase + "' " + ex.getMessage(), ex);
			}
		}
	}

	private static String required(Map<?, ?> map, String key) {
		Object value = map.get(key);
		if (value == null) {
			throw new IllegalArgumentException("'" + key + "' is missing");
		}
		String s = text(value, "'" + key + "'");
		if (s.isBlank()) {
			throw new IllegalArgumentException("'" + key + "' is empty");
		}
		return s.strip();
	}

	private static List<String> strings(Object value, String what) {
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException(what + " must be a list (lines starting with '- ')");
		}
		List<String> out = new ArrayList<>(list.size());
		for (Object item : list) {
			String s = text(item, what + " entry '" + item + "'");
			if (s.isBlank()) {
				throw new IllegalArgumentException(what + " has an empty entry");
			}
			out.add(s.strip());
		}
		return out;
	}

	private static String text(Object value, String what) {
		if (value instanceof String s) {
			return s;
		}
		throw new IllegalArgumentException(what + " is not text; put it in quotes (YAML reads yes/no/on/off, "
				+ "numbers and dates as something else)");
	}

}
