package app.waymark.knowledge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import app.waymark.system.SentenceEmbeddings;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Draft translations of each article's title, keywords and summary, with example
 * questions as young people write them in that language (searched as the article's body),
 * one file per language ({@code knowledge/search-terms/<language>.yml}), used ONLY to
 * find the right article when a young person asks in that language. They are never shown:
 * the answer is the reviewed translation if there is one, else the English article with a
 * note in the reader's language. Every file stays marked {@code reviewed: false} until a
 * fluent speaker checks it.
 */
public final class SearchTerms {

	static final String FOLDER = "search-terms";

	private SearchTerms() {
	}

	/**
	 * Per language, a search-only article for every article of the knowledge base the
	 * file translates (ids the knowledge base lacks are skipped).
	 * @param root the knowledge folder, or null to read the copy inside the jar
	 * @param knowledge the articles the terms point at
	 * @return language to articles
	 */
	public static Map<String, List<Article>> load(Path root, KnowledgeBase knowledge) {
		Map<String, List<Article>> byLanguage = new LinkedHashMap<>();
		for (String language : LanguageAnalyzers.TRANSLATION_LANGUAGES.stream().sorted().toList()) {
			read(root, language).map(yaml -> parse(language + ".yml", yaml, knowledge))
				.filter(articles -> !articles.isEmpty())
				.ifPresent(articles -> byLanguage.put(language, articles));
		}
		return byLanguage;
	}

	/**
	 * Every title, keyword and summary in the search-term files, for the build to embed
	 * ahead of start-up (the danger check compares messages with them).
	 * @param root the knowledge folder
	 * @return the texts
	 */
	public static List<String> embeddedTexts(Path root) {
		List<String> texts = new ArrayList<>();
		for (String language : LanguageAnalyzers.TRANSLATION_LANGUAGES.stream().sorted().toList()) {
			read(root, language).ifPresent(yaml -> {
				Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
				if (parsed instanceof Map<?, ?> top && top.get("articles") instanceof Map<?, ?> articles) {
					for (Object fields : articles.values()) {
						if (fields instanceof Map<?, ?> map) {
							texts.add(text(map.get("title")));
							texts.add(text(map.get("summary")));
							if (map.get("keywords") instanceof List<?> keywords) {
								keywords.forEach(keyword -> texts.add(String.valueOf(keyword)));
							}
							if (map.get("questions") instanceof List<?> questions) {
								questions.forEach(question -> texts.add(String.valueOf(question)));
							}
						}
					}
				}
			});
		}
		return texts.stream().filter(SentenceEmbeddings::canRead).toList();
	}

	private static Optional<String> read(Path root, String language) {
		return KnowledgeFiles.read(root, FOLDER + "/" + language + ".yml");
	}

	static List<Article> parse(String name, String yaml, KnowledgeBase knowledge) {
		Object root;
		try {
			root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
		}
		catch (YAMLException ex) {
			throw new KnowledgeLoadException(List.of(name + ": not valid YAML: " + ex.getMessage()));
		}
		if (!(root instanceof Map<?, ?> top) || !(top.get("articles") instanceof Map<?, ?> articles)) {
			throw new KnowledgeLoadException(List.of(name + ": needs 'articles:' at the top"));
		}
		String language = String.valueOf(top.get("language"));
		List<Article> terms = new ArrayList<>();
		for (Map.Entry<?, ?> entry : articles.entrySet()) {
			String id = String.valueOf(entry.getKey());
			Optional<Article> english = knowledge.find(id);
			if (english.isEmpty() || !(entry.getValue() instanceof Map<?, ?> fields)) {
				continue;
			}
			List<String> keywords = fields.get("keywords") instanceof List<?> list
					? list.stream().map(String::valueOf).toList() : List.of();
			// example questions in the language's everyday words, searched as the body
			// (and, one per line, harmless examples for the danger check)
			String questions = fields.get("questions") instanceof List<?> list
					? list.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining("\n")) : "";
			Article source = english.get();
			terms.add(new Article(id, text(fields.get("title")), source.topics(), keywords, text(fields.get("summary")),
					source.source(), source.lastReviewed(), source.reviewBy(), source.audience(), language, List.of(),
					questions, source.scope()));
		}
		return terms;
	}

	private static String text(Object value) {
		return value == null ? "" : String.valueOf(value);
	}

}
