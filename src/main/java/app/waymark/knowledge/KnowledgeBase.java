package app.waymark.knowledge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The articles a deployment answers from: national articles, overlaid by the local
 * authority's own. A local article replaces a national one with the same id, and may name
 * others it {@code supersedes}.
 */
public final class KnowledgeBase {

	public static final String NATIONAL = "national";

	private final Map<String, Article> articles;

	private final List<Article> loaded;

	private KnowledgeBase(Map<String, Article> articles, List<Article> loaded) {
		this.articles = Collections.unmodifiableMap(articles);
		this.loaded = List.copyOf(loaded);
	}

	/**
	 * Builds the effective set.
	 * @param national articles from the national folder
	 * @param local articles from the deployment's folder
	 * @throws KnowledgeLoadException if an id repeats within one folder, or a local
	 * article supersedes an id nobody defines
	 */
	public static KnowledgeBase of(Collection<Article> national, Collection<Article> local) {
		List<String> problems = new ArrayList<>();
		Map<String, Article> nationalById = byId(national, problems);
		Map<String, Article> localById = byId(local, problems);
		Map<String, Article> effective = new LinkedHashMap<>(nationalById);
		for (Article article : localById.values()) {
			for (String superseded : article.supersedes()) {
				if (!nationalById.containsKey(superseded)) {
					problems.add(article.scope() + "/" + article.id() + ".md: supersedes unknown national article '"
							+ superseded + "'");
				}
				effective.remove(superseded);
			}
		}
		effective.putAll(localById);
		if (!problems.isEmpty()) {
			throw new KnowledgeLoadException(problems);
		}
		List<Article> loaded = new ArrayList<>(nationalById.values());
		loaded.addAll(localById.values());
		return new KnowledgeBase(effective, loaded);
	}

	private static Map<String, Article> byId(Collection<Article> articles, List<String> problems) {
		Map<String, Article> byId = new HashMap<>();
		for (Article article : articles) {
			Article previous = byId.putIfAbsent(article.id(), article);
			if (previous != null) {
				problems.add(article.scope() + ": duplicate id '" + article.id() + "'");
			}
		}
		return new java.util.TreeMap<>(byId);
	}

	public Collection<Article> all() {
		return this.articles.values();
	}

	/**
	 * Every article given, national then local, including those a local article replaces:
	 * what an import into the database must keep.
	 */
	public List<Article> loaded() {
		return this.loaded;
	}

	public Optional<Article> find(String id) {
		return Optional.ofNullable(this.articles.get(id));
	}

	public int size() {
		return this.articles.size();
	}

	/** Topic names in alphabetical order, for menus. */
	public List<String> topics() {
		TreeSet<String> topics = new TreeSet<>();
		this.articles.values().forEach(article -> topics.addAll(article.topics()));
		return List.copyOf(topics);
	}

}
