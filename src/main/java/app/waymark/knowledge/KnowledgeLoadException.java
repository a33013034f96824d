package app.waymark.knowledge;

import java.util.List;

/** Thrown when the knowledge base cannot be loaded whole; names every file at fault. */
public class KnowledgeLoadException extends RuntimeException {

	private final List<String> problems;

	public KnowledgeLoadException(List<String> problems) {
		super("Knowledge base not loaded: " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
		this.problems = List.copyOf(problems);
	}

	public List<String> problems() {
		return this.problems;
	}

}
