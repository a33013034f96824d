package app.waymark.knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Questions as young people write them, per article ({@code knowledge/questions/en.yml}):
 * misspelt, indirect, in text-speak and second-language English. Used ONLY to find the
 * right article: each is one more passage an article's meaning is compared on, so "my
 * fridge is empty and payday is a week away" can meet the budgeting article, whose own
 * words never say so. Never shown, never an answer, and never examples of harmless
 * messages for the danger check (a worry may be worded like a question). The crisis
 * article gets none: the conversation never answers with it.
 */
public final class ExampleQuestions {

	static final String FILE = "questions/en.yml";

	/** Messages no article answers ({@code knowledge/questions/off-topic.yml}). */
	static final String OFF_TOPIC_FILE = "questions/off-topic.yml";

	/**
	 * The key the off-topic messages come under among the examples: no article has it, so
	 * they are passages of nothing. When one of them is the nearest to a question, every
	 * article's lead by meaning shrinks and the bot holds back ("do i need a tv licence
	 * for netflix" is near the driving licence article's words, nearer still to these).
	 */
	static final String OFF_TOPIC = "~off-topic";

	private ExampleQuestions() {
	}

	/**
	 * @param root the knowledge folder, or null to read the copy inside the jar
	 * @return article id to its example questions, and {@link #OFF_TOPIC} to the messages
	 * no article answers; empty when there are no files
	 */
	static Map<String, List<String>> load(Path root) {
		Map<String, List<String>> examples = new LinkedHashMap<>(
				KnowledgeFiles.read(root, FILE).map(yaml -> parse(FILE, yaml)).orElse(Map.of()));
		KnowledgeFiles.read(root, OFF_TOPIC_FILE)
			.map(yaml -> parseOffTopic(OFF_TOPIC_FILE, yaml))
			.filter(messages -> !messages.isEmpty())
			.ifPresent(messages -> examples.put(OFF_TOPIC, messages));
		return examples;
	}

	static List<String> parseOffTopic(String name, String yaml) {
		if (!(readYaml(name, yaml) instanceof Map<?, ?> top) || !(top.get("messages") instanceof List<?> messages)) {
			throw new KnowledgeLoadException(List.of(name + ": needs a list 'messages:' at the top"));
		}
		return messages.stream()
			.map(String::valueOf)
			.map(String::strip)
			.filter(text -> !text.isEmpty())
			.distinct()
			.toList();
	}

	/** Every example question, for the build to embed ahead of start-up. */
	public static List<String> embeddedTexts(Path root) {
		List<String> texts = new ArrayList<>();
		load(root).values().forEach(texts::addAll);
		return texts;
	}

	private static Object readYaml(String name, String yaml) {
		try {
			return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (YAMLException ex) {
			throw new KnowledgeLoadException(List.of(name + ": not valid YAML: " + ex.getMessage()));
		}
	}

	static Map<String, List<String>> parse(String name, String yaml) {
		if (!(readYaml(name, yaml) instanceof Map<?, ?> top) || !(top.get("articles") instanceof Map<?, ?> articles)) {
			throw new KnowledgeLoadException(List.of(name + ": needs 'articles:' at the top"));
		}
		Map<String, List<String>> byArticle = new LinkedHashMap<>();
		for (Map.Entry<?, ?> entry : articles.entrySet()) {
			if (!(entry.getValue() instanceof List<?> questions)) {
				throw new KnowledgeLoadException(List.of(name + ": " + entry.getKey() + " needs a list of questions"));
			}
			List<String> texts = questions.stream()
				.map(String::valueOf)
				.map(String::strip)
				.filter(text -> !text.isEmpty())
				.distinct()
				.toList();
			byArticle.put(String.valueOf(entry.getKey()), texts);
		}
		return byArticle;
	}

}
