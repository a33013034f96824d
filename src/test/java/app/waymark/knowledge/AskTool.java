package app.waymark.knowledge;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A tool (tag "tool"): prints what the search makes of the questions in -Dquestions. */
@Tag("tool")
class AskTool {

	@Test
	void print() {
		KnowledgeSearch search = KnowledgeFixtures.repositorySearch();
		for (String question : System.getProperty("questions", "bus?").split("\\|")) {
			Answer answer = search.answer(question, app.waymark.conversation.LanguageDetector.detect(question, null));
			System.out.println("LANG " + app.waymark.conversation.LanguageDetector.detect(question, null));
			System.out.println("ASK " + question + " => " + answer.best().map(Article::id).orElse("-") + " "
					+ answer.score() + " confident " + answer.confident() + " choices "
					+ answer.choices().stream().map(Article::id).toList());
			search.candidates(question).forEach(c -> System.out.println("   " + c));
		}
	}

}
