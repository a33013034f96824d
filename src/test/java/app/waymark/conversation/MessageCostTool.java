package app.waymark.conversation;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.safeguarding.DangerCheck;
import app.waymark.system.SentenceEmbeddings;
import app.waymark.system.TestEmbeddings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A tool (tag "tool"): where one message's time goes, part by part. The messages are the
 * tuning parts' questions and safeguarding messages, each made new to every cache (a
 * suffix), in three rounds; the last round's p50 and p99 are printed. Run with
 * {@code ./mvnw test -Dtest=MessageCostTool -Dsurefire.excludedGroups=}; compare two
 * builds by running it on each, alternating.
 */
@Tag("tool")
class MessageCostTool {

	@Test
	void print() throws IOException {
		KnowledgeSearch search = MessageBenchmark.repositorySearch();
		DangerCheck danger = DangerCheck.fromClasspath(TestEmbeddings.shared(), search.ordinaryQuestions());
		SentenceEmbeddings embeddings = TestEmbeddings.shared();
		List<String> messages = MessageBenchmark.tuningMessages();
		for (int round = 1; round <= 3; round++) {
			long[] embed = new long[messages.size()];
			long[] assess = new long[messages.size()];
			long[] answer = new long[messages.size()];
			for (int i = 0; i < messages.size(); i++) {
				String text = messages.get(i) + " r" + round + "n" + i;
				long t0 = System.nanoTime();
				embeddings.embed(text + " x");
				long t1 = System.nanoTime();
				danger.assess(text);
				long t2 = System.nanoTime();
				search.answer(text, LanguageDetector.detect(text, null));
				long t3 = System.nanoTime();
				embed[i] = t1 - t0;
				assess[i] = t2 - t1;
				answer[i] = t3 - t2;
			}
			System.out.printf(Locale.ROOT,
					"COST round %d of %d messages (ms, p50 / p99): embed %s, danger check %s, answer %s%n", round,
					messages.size(), percentiles(embed), percentiles(assess), percentiles(answer));
		}
	}

	private static String percentiles(long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		return String.format(Locale.ROOT, "%.2f / %.2f", sorted[sorted.length / 2] / 1e6,
				sorted[Math.min(sorted.length - 1, sorted.length * 99 / 100)] / 1e6);
	}

}
