package app.waymark.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.waymark.knowledge.Answer;
import app.waymark.knowledge.Article;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.safeguarding.RiskAssessment;
import app.waymark.safeguarding.RiskClassifier;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Metrics;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * One inbound message in, one reply out, whatever the channel. The order is the point:
 * danger first (a crisis message is never answered with an FAQ), then commands, then the
 * knowledge base, and "not sure" rather than a guess.
 */
@Service
public class Conversation {

	private static final DistributionSummary CONFIDENCE = DistributionSummary.builder("waymark.answer.confidence")
		.description("Confidence of the best article for each question, 0..1")
		.serviceLevelObjectives(0.25, 0.5, 0.75)
		.register(Metrics.globalRegistry);

	private final KnowledgeSearch knowledge;

	private final RiskClassifier risks;

	private final ConversationSettings settings;

	/** The last article each sender was given, so MORE knows what to expand. */
	private final Cache<String, String> lastArticle = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofHours(24))
		.maximumSize(100_000)
		.build();

	/**
	 * The language an unlinked sender chose with LANGUAGE; a linked young person's choice
	 * is stored on their profile by the inbox.
	 */
	private final Cache<String, String> chosenLanguage = Caffeine.newBuilder()
		.expireAfterAccess(Duration.ofDays(30))
		.maximumSize(100_000)
		.build();

	private static final Pattern LANGUAGE_COMMAND = Pattern
		.compile("^/?(?:language|lang)\\s+(.{1,30}?)[\\p{Punct}\\s]*$", Pattern.CASE_INSENSITIVE);

	public Conversation(KnowledgeSearch knowledge, RiskClassifier risks, ConversationSettings settings) {
		this.knowledge = knowledge;
		this.risks = risks;
		this.settings = settings;
	}

	/**
	 * Whether this text gets the crisis reply: a channel that turns callers away (a rate
	 * limit) asks first, since a crisis message is always answered.
	 */
	public boolean isCrisis(String text) {
		return text != null && this.risks.assess(text.strip()).isCrisis();
	}

	public Mono<Reply> handle(Message message) {
		return Mono.fromSupplier(() -> reply(message));
	}

	Reply reply(Message message) {
		String text = message.text().strip();
		String told = this.chosenLanguage.getIfPresent(key(message));
		if (told == null) {
			told = message.language();
		}
		String language = LanguageDetector.detect(text, told);
		RiskAssessment risk = this.risks.assess(text);
		if (!risk.isCrisis()) {
			Matcher choice = LANGUAGE_COMMAND.matcher(text);
			if (choice.matches()) {
				return chooseLanguage(message, choice.group(1), language);
			}
		}
		return route(message, text, language, risk).withRisk(risk);
	}

	/**
	 * "LANGUAGE ar" or "LANGUAGE arabic": remembered for this address and confirmed in
	 * the chosen language; the inbox also stores it on a linked young person's profile.
	 */
	private Reply chooseLanguage(Message message, String word, String current) {
		Optional<String> chosen = LanguageDetector.named(word);
		if (chosen.isEmpty()) {
			return Reply.phrase(Reply.Kind.LANGUAGE_SET, "language.unknown", word, current);
		}
		this.chosenLanguage.put(key(message), chosen.get());
		return Reply.phrase(Reply.Kind.LANGUAGE_SET, "language.set", chosen.get(), chosen.get());
	}

	private Reply route(Message message, String text, String language, RiskAssessment risk) {
		if (risk.isCrisis()) {
			Article crisis = this.knowledge.knowledge()
				.find(this.settings.crisisArticle())
				.orElseThrow(() -> new IllegalStateException(
						"The crisis article '" + this.settings.crisisArticle() + "' is missing"));
			return new Reply(Reply.Kind.CRISIS, crisis, 1.0, true, List.of(), language);
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
			this.lastArticle.put(key(message), article.id());
			return new Reply(Reply.Kind.ANSWER, article, answer.score(), true, List.of(), language);
		}
		return new Reply(Reply.Kind.NOT_SURE, answer.best().orElse(null), answer.score(), false,
				this.settings.menuTopics(), language);
	}

	private Reply command(Command command, Message message, String language) {
		return switch (command) {
			case HELP -> new Reply(Reply.Kind.MENU, null, 1.0, true, this.settings.menuTopics(), language);
			case STOP -> new Reply(Reply.Kind.OPTED_OUT, null, 1.0, true, List.of(), language);
			case START -> new Reply(Reply.Kind.OPTED_IN, null, 1.0, true, List.of(), language);
			case WORKER -> new Reply(Reply.Kind.HANDOVER,
					this.knowledge.knowledge().find(this.settings.workerArticle()).orElse(null), 1.0, true, List.of(),
					language);
			case MORE -> {
				String id = this.lastArticle.getIfPresent(key(message));
				Optional<Article> article = id == null ? Optional.empty() : this.knowledge.find(id, language);
				yield article.map(a -> new Reply(Reply.Kind.FULL_ANSWER, a, 1.0, true, List.of(), language))
					.orElseGet(() -> new Reply(Reply.Kind.NOTHING_MORE, null, 1.0, true, List.of(), language));
			}
		};
	}

	private static String key(Message message) {
		return message.channel() + ":" + message.address();
	}

}
