package app.waymark.admin;

import java.util.List;

import app.waymark.system.SentenceEmbeddings;
import app.waymark.system.SmsText;
import app.waymark.conversation.Reply;
import app.waymark.conversation.ReplyText;
import app.waymark.knowledge.Answer;
import app.waymark.knowledge.Article;
import app.waymark.knowledge.KnowledgeBase;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.knowledge.KnowledgeSettings;
import app.waymark.knowledge.SearchHit;

import org.springframework.stereotype.Component;

/**
 * What the bot would send, without sending anything: the SMS parts (as the SMS channel
 * cuts them) and the rich text (Telegram, web chat), for one article or for a question
 * asked of the published articles with or without a draft swapped in.
 */
@Component
class ReplyPreview {

	/** As the SMS channel sends replies: at most two segments per message. */
	static final int SMS_SEGMENTS_PER_MESSAGE = 2;

	private final ReplyText replyText;

	private final KnowledgeSettings settings;

	private final SentenceEmbeddings embeddings;

	ReplyPreview(ReplyText replyText, KnowledgeSettings settings, SentenceEmbeddings embeddings) {
		this.replyText = replyText;
		this.settings = settings;
		this.embeddings = embeddings;
	}

	record SmsPart(String text, int segments) {
	}

	record Rendered(List<SmsPart> sms, int smsSegments, String rich) {
	}

	record Ranked(String scope, String id, String title, double score) {
	}

	record Tried(String question, String language, boolean confident, List<Ranked> ranked, Rendered reply) {
	}

	Rendered article(Article article, String language) {
		return render(new Reply(Reply.Kind.ANSWER, article, 1.0, true, List.of(), language));
	}

	Rendered render(Reply reply) {
		String text = SmsText.toGsmFriendly(this.replyText.shortText(reply));
		List<SmsPart> parts = SmsText.split(text, SMS_SEGMENTS_PER_MESSAGE)
			.stream()
			.map(part -> new SmsPart(part, SmsText.segments(part)))
			.toList();
		return new Rendered(parts, parts.stream().mapToInt(SmsPart::segments).sum(), this.replyText.fullText(reply));
	}

	/**
	 * Asks the live search, or a throwaway one when {@code knowledge} differs from it.
	 */
	Tried ask(KnowledgeSearch live, KnowledgeBase knowledge, String question, String language) {
		if (knowledge == null) {
			return ask(live, question, language);
		}
		try (KnowledgeSearch throwaway = new KnowledgeSearch(this.settings, knowledge, this.embeddings)) {
			return ask(throwaway, question, language);
		}
	}

	private Tried ask(KnowledgeSearch search, String question, String language) {
		Answer answer = search.answer(question, language);
		KnowledgeBase knowledge = search.knowledge();
		List<Ranked> ranked = answer.ranked().stream().map(hit -> ranked(knowledge, hit)).toList();
		Reply reply = answer.confident()
				? new Reply(Reply.Kind.ANSWER, answer.best().orElseThrow(), answer.score(), true, List.of(), language)
				: new Reply(Reply.Kind.NOT_SURE, null, answer.score(), false, knowledge.topics(), language);
		return new Tried(question, language, answer.confident(), ranked, render(reply));
	}

	private static Ranked ranked(KnowledgeBase knowledge, SearchHit hit) {
		String scope = knowledge.find(hit.id()).map(Article::scope).orElse(null);
		return new Ranked(scope, hit.id(), hit.title(), hit.score());
	}

}
