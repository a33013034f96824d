package app.waymark.knowledge;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class TopOneProbe {

	@Test
	void probe() throws Exception {
		KnowledgeSearch search = KnowledgeFixtures.repositorySearch();
		for (String part : List.of("tune")) {
			List<BlindQuestionEvaluationTests.Question> qs = BlindQuestionEvaluationTests.english(part);
			int top1 = 0, top3 = 0;
			int[] buckets = new int[10];
			int[] bucketRight = new int[10];
			for (var q : qs) {
				Answer a = search.answer(q.text(), "en");
				var ranked = a.ranked();
				boolean ok1 = !ranked.isEmpty() && ranked.get(0).id().equals(q.expected());
				top1 += ok1 ? 1 : 0;
				top3 += ranked.stream().limit(3).anyMatch(h -> h.id().equals(q.expected())) ? 1 : 0;
				double s = ranked.isEmpty() ? 0 : ranked.get(0).score();
				int b = Math.min(9, (int) (s * 10));
				buckets[b]++;
				bucketRight[b] += ok1 ? 1 : 0;
				if (!ok1) {
					System.out.printf(Locale.ROOT, "MISS %.3f want=%s got=%s | %s%n", s, q.expected(),
							ranked.isEmpty() ? "-" : ranked.get(0).id(), q.text());
				}
			}
			System.out.printf(Locale.ROOT, "%s: n=%d top1=%.1f%% top3=%.1f%%%n", part, qs.size(),
					100.0 * top1 / qs.size(), 100.0 * top3 / qs.size());
			for (int i = 0; i < 10; i++) {
				System.out.printf(Locale.ROOT, "  score %.1f-%.1f: %d (%d right)%n", i / 10.0, (i + 1) / 10.0,
						buckets[i], bucketRight[i]);
			}
		}
	}

}
