package app.waymark.conversation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.waymark.knowledge.Answer;
import app.waymark.knowledge.Article;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.safeguarding.DangerCheck;
import app.waymark.safeguarding.RiskAssessment;
import app.waymark.safeguarding.RiskLevel;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;

/**
 * One inbound message in, one reply out, whatever the channel. The order is the point:
 * danger first (a crisis message is never answered with an FAQ), then commands, then the
 * knowledge base; and when the knowledge base is unsure, "did you mean" with the
 * likeliest articles, or a person, rather than a guess.
 */
@Service
public class Conversation {

	private static final DistributionSummary CONFIDENCE = DistributionSummary.builder("waymark.answer.confidence")
		.description("Confidence of the best article for each question, 0..1")
		.serviceLevelObjectives(0.25, 0.5, 0.75)
		.register(Metrics.globalRegistry);

	private static final Logger log = LoggerFactory.getLogger(Conversation.class);

	private static final Pattern LANGUAGE_COMMAND = Pattern
		.compile("^/?(?:language|lang)\\s+(.{1,30}?)[\\p{Punct}\\s]*$", Pattern.CASE_INSENSITIVE);

	/**
	 * A pick from "did you mean": the number alone ("2", "2.", "no 2"), or the button's
	 * payload.
	 */
	private static final Pattern PICK = Pattern.compile("^(?:no\\.?\\s*|number\\s*|#)?([1-9])[.)!]?$",
			Pattern.CASE_INSENSITIVE);

	private final KnowledgeSearch knowledge;

	private final DangerCheck risks;

	private final ConversationSettings settings;

	private final ConversationMemory memory;

	public Conversation(@Lazy KnowledgeSearch knowledge, @Lazy DangerCheck risks, ConversationSettings settings,
			ConversationMemory memory) {
		this.knowledge = knowledge;
		this.risks = risks;
		this.settings = settings;
		this.memory = memory;
	}

	/**
	 * Whether this text gets the crisis reply: a channel that turns callers away (a rate
	 * limit) asks first, since a crisis message is always answered.
	 */
	public boolean isCrisis(String text) {
		return text != null && this.risks.assess(text.strip()).isCrisis();
	}

	public Mono<Reply> handle(Message message) {
		return this.memory.recall(message.channel(), message.address()).flatMap(recalled -> reply(message, recalled));
	}

	Mono<Reply> reply(Message message, ConversationMemory.Recalled recalled) {
		String text = message.text().strip();
		String told = recalled.language() != null ? recalled.language() : message.language();
		String language = LanguageDetector.detect(text, told);
		startSearchEmbedding(text);
		RiskAssessment risk = this.risks.assess(text);
		if (!risk.isCrisis()) {
			Matcher choice = LANGUAGE_COMMAND.matcher(text);
			if (choice.matches()) {
				return chooseLanguage(message, choice.group(1), language);
			}
			Matcher pick = PICK.matcher(text);
			if (pick.matches() && !recalled.choices().isEmpty()) {
				return picked(message, recalled, Integer.parseInt(pick.group(1)), language, risk);
			}
		}
		return route(message, recalled, text, language, risk)
			.map(reply -> reply.risk().level() == RiskLevel.NONE ? reply.withRisk(risk) : reply);
	}

	/**
	 * Starts the search's embedding of a question beside the danger check's: not for a
	 * pick, a language choice or a command, which are never searched. Only a speed-up, so
	 * nothing it throws may keep the danger check from running.
	 */
	private void startSearchEmbedding(String text) {
		if (PICK.matcher(text).matches() || LANGUAGE_COMMAND.matcher(text).matches()
				|| Command.parse(text).isPresent()) {
			return;
		}
		try {
			this.knowledge.prepare(text);
		}
		catch (RuntimeException ex) {
			log.warn("Could not start the question's embedding ahead: {}", ex.getClass().getSimpleName());
		}
	}

	/**
	 * "LANGUAGE ar" or "LANGUAGE arabic": remembered for this address and confirmed in
	 * the chosen language; the inbox also stores it on a linked young person's profile.
	 */
	private Mono<Reply> chooseLanguage(Message message, String word, String current) {
		Optional<String> chosen = LanguageDetector.named(word);
		if (chosen.isEmpty()) {
			return Mono.just(Reply.phrase(Reply.Kind.LANGUAGE_SET, "language.unknown", word, current));
		}
		return this.memory.choseLanguage(message.channel(), message.address(), chosen.get())
			.thenReturn(Reply.phrase(Reply.Kind.LANGUAGE_SET, "language.set", chosen.get(), chosen.get()));
	}

	/** The young person picked one of the articles offered. */
	private Mono<Reply> picked(Message message, ConversationMemory.Recalled recalled, int number, String language,
			RiskAssessment risk) {
		List<String> choices = recalled.choices();
		Optional<Article> article = number <= choices.size() ? this.knowledge.find(choices.get(number - 1), language)
				: Optional.empty();
		if (article.isEmpty()) {
			// a number that was not offered (or an article since retired): offer again
			List<Article> still = choices.stream()
				.map(id -> this.knowledge.find(id, language))
				.flatMap(Optional::stream)
				.toList();
			return Mono.just(new Reply(Reply.Kind.CHOOSE, null, 0, false, List.of(), language, risk, still));
		}
		return answer(message, recalled, new Reply(Reply.Kind.ANSWER, article.get(), 1.0, true, List.of(), language,
				risk, List.of(article.get())));
	}

	/**
	 * An answer is remembered (MORE expands it); it says "reply MORE" only if this
	 * address has not been told lately, since on SMS those words often cost a second
	 * segment.
	 */
	private Mono<Reply> answer(Message message, ConversationMemory.Recalled recalled, Reply reply) {
		Reply said = recalled.toldMore() ? reply.withoutMoreHint() : reply;
		return this.memory.gaveArticle(message.channel(), message.address(), reply.article().id(), said.moreHint())
			.thenReturn(said);
	}

	private Mono<Reply> route(Message message, ConversationMemory.Recalled recalled, String text, String language,
			RiskAssessment risk) {
		if (risk.isCrisis()) {
			Article crisis = this.knowledge.knowledge()
				.find(this.settings.crisisArticle())
				.orElseThrow(() -> new IllegalStateException(
						"The crisis article '" + this.settings.crisisArticle() + "' is missing"));
			return Mono.just(new Reply(Reply.Kind.CRISIS, crisis, 1.0, true, List.of(), language));
		}
		Optional<Command> command = Command.parse(text);
		if (command.isPresent()) {
			return command(command.get(), message, language);
		}
		Answer answer = this.knowledge.answer(text, language);
		CONFIDENCE.record(answer.score());
		Metrics.counter("waymark.answers", "confident", String.valueOf(answer.confident())).increment();
		if (answer.confident()) {
			Article article = answer.best().orElseThrow();
			if (article.id().equals(this.settings.crisisArticle())) {
				// Only the danger check decides crisis: the search alone never sends the
				// crisis reply (which must come with an URGENT alert), nor the crisis
				// article as an ordinary answer.
				return Mono.just(new Reply(Reply.Kind.NOT_SURE, null, answer.score(), false, this.settings.menuTopics(),
						language));
			}
			return answer(message, recalled,
					new Reply(Reply.Kind.ANSWER, article, answer.score(), true, List.of(), language));
		}
		if (answer.choices().size() >= 2) {
			return this.memory
				.offeredChoices(message.channel(), message.address(),
						answer.choices().stream().map(Article::id).toList())
				.thenReturn(new Reply(Reply.Kind.CHOOSE, null, answer.score(), false, List.of(), language,
						RiskAssessment.none(), answer.choices()));
		}
		return Mono.just(new Reply(Reply.Kind.NOT_SURE, answer.best().orElse(null), answer.score(), false,
				this.settings.menuTopics(), language));
	}

	private Mono<Reply> command(Command command, Message message, String language) {
		return switch (command) {
			case HELP -> Mono.just(new Reply(Reply.Kind.MENU, null, 1.0, true, this.settings.menuTopics(), language));
			case STOP -> Mono.just(new Reply(Reply.Kind.OPTED_OUT, null, 1.0, true, List.of(), language));
			case START -> Mono.just(new Reply(Reply.Kind.OPTED_IN, null, 1.0, true, List.of(), language));
			case WORKER -> Mono.just(new Reply(Reply.Kind.HANDOVER,
					this.knowledge.knowledge().find(this.settings.workerArticle()).orElse(null), 1.0, true, List.of(),
					language));
			case MORE -> this.memory.recall(message.channel(), message.address()).map(recalled -> {
				Optional<Article> article = recalled.lastArticle() == null ? Optional.empty()
						: this.knowledge.find(recalled.lastArticle(), language);
				return article.map(a -> new Reply(Reply.Kind.FULL_ANSWER, a, 1.0, true, List.of(), language))
					.orElseGet(() -> new Reply(Reply.Kind.NOTHING_MORE, null, 1.0, true, List.of(), language));
			});
		};
	}

}
