package app.waymark.conversation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import app.waymark.knowledge.KnowledgeLoader;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.knowledge.KnowledgeSettings;
import app.waymark.knowledge.SearchTerms;
import app.waymark.safeguarding.DangerCheck;
import app.waymark.system.SentenceEmbeddings;
import app.waymark.system.TestEmbeddings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A tool (tag "tool"): where one message's time goes, part by part (medians). */
@Tag("tool")
class MessageCostTool {

	@Test
	void print() {
		Path root = Path.of("knowledge");
		KnowledgeSearch search = new KnowledgeSearch(new KnowledgeSettings(root, "city-of-london", 0.5, 6.0, 0),
				KnowledgeLoader.fromDirectory(root, "city-of-london"), TestEmbeddings.shared());
		search.loadSearchTerms(SearchTerms.load(root, search.knowledge()));
		DangerCheck danger = DangerCheck.fromClasspath(TestEmbeddings.shared(), search.ordinaryQuestions());
		SentenceEmbeddings embeddings = TestEmbeddings.shared();
		List<Long> embed = new ArrayList<>();
		List<Long> assess = new ArrayList<>();
		List<Long> answer = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			String text = "can i get help with my rent when i move into my flat number " + i;
			long t0 = System.nanoTime();
			embeddings.embed(text + " x");
			long t1 = System.nanoTime();
			danger.assess(text);
			long t2 = System.nanoTime();
			search.answer(text, "en");
			long t3 = System.nanoTime();
			if (i >= 50) {
				embed.add(t1 - t0);
				assess.add(t2 - t1);
				answer.add(t3 - t2);
			}
		}
		System.out.println("COST embed " + median(embed) + " us, danger check " + median(assess) + " us, answer "
				+ median(answer) + " us (medians of 250)");
	}

	private static long median(List<Long> nanos) {
		List<Long> sorted = nanos.stream().sorted().toList();
		return sorted.get(sorted.size() / 2) / 1000;
	}

}
