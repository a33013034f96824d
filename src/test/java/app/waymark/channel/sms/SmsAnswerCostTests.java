package app.waymark.channel.sms;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.OutboundMessage;
import app.waymark.conversation.ConversationSettings;
import app.waymark.conversation.CrisisLines;
import app.waymark.conversation.Phrases;
import app.waymark.conversation.Reply;
import app.waymark.conversation.ReplyText;
import app.waymark.knowledge.Article;
import app.waymark.knowledge.KnowledgeLoader;
import app.waymark.people.Sender;
import app.waymark.system.SmsText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an English SMS answer costs, for every English article in {@code knowledge/}
 * (national and local, including national ones a local article replaces): the first
 * answer to an address says "reply MORE", later ones do not. Prints the figures.
 */
class SmsAnswerCostTests {

	/** The goal set in issue 18: at most 1.3 segments per English answer, on average. */
	static final double MEAN_GOAL = 1.3;

	static final ConversationSettings SETTINGS = new ConversationSettings("020 0000 0000", "crisis-help",
			List.of("travel"), "talk-to-my-worker");

	private final SmsReplyShaper shaper = new SmsReplyShaper(
			new ReplyText(new Phrases(), SETTINGS, CrisisLines.NATIONAL));

	private final InboundMessage to = new InboundMessage("sms", "+447700900123", "question", "en", Instant.EPOCH);

	@Test
	void englishAnswersAverageAtMostGoalSegmentsAllGsm7() {
		List<Article> articles = KnowledgeLoader.fromDirectory(Path.of("knowledge"), "city-of-london")
			.loaded()
			.stream()
			.filter(article -> article.language().equals("en"))
			// never an SMS answer: danger gets the crisis reply from reviewed phrases
			.filter(article -> !article.id().equals(SETTINGS.crisisArticle()))
			.toList();
		assertThat(articles).hasSizeGreaterThan(40);
		List<Integer> first = new ArrayList<>();
		List<Integer> later = new ArrayList<>();
		for (Article article : articles) {
			Reply answer = new Reply(Reply.Kind.ANSWER, article, 0.9, true, List.of(), "en");
			first.add(segments(answer, article));
			later.add(segments(answer.withoutMoreHint(), article));
		}
		System.out.printf(
				"SMS answers, %d English articles: first (with MORE) mean %.2f median %d, "
						+ "later (without) mean %.2f median %d; one segment: first %d, later %d%n",
				articles.size(), mean(first), median(first), mean(later), median(later), ones(first), ones(later));
		// both, so that even a sender who asks once a day is answered within the goal
		assertThat(mean(first)).as("mean segments of a first answer").isLessThanOrEqualTo(MEAN_GOAL);
		assertThat(mean(later)).as("mean segments of a later answer").isLessThanOrEqualTo(MEAN_GOAL);
	}

	private int segments(Reply reply, Article article) {
		List<OutboundMessage> parts = this.shaper.shape(reply, this.to, Sender.unknown());
		int segments = 0;
		for (OutboundMessage part : parts) {
			assertThat(SmsText.isGsm7(part.text())).as(article.id() + " is GSM-7: " + part.text()).isTrue();
			segments += SmsText.segments(part.text());
		}
		return segments;
	}

	private static double mean(List<Integer> values) {
		return values.stream().mapToInt(Integer::intValue).average().orElseThrow();
	}

	private static int median(List<Integer> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}

	private static long ones(List<Integer> values) {
		return values.stream().filter(segments -> segments == 1).count();
	}

}
