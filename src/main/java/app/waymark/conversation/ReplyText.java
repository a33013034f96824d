package app.waymark.conversation;

import java.util.ArrayList;
import java.util.List;

import app.waymark.knowledge.Article;
import app.waymark.safeguarding.CrisisHelp;

import org.springframework.stereotype.Component;

/**
 * Words for a {@link Reply}, in two lengths: short for SMS-like channels (the summary,
 * and "reply MORE" the first time), full for rich channels (title, whole answer, source).
 * Channels add only their own formatting and splitting.
 */
@Component
public class ReplyText {

	private final Phrases phrases;

	private final ConversationSettings settings;

	private final CrisisLines lines;

	public ReplyText(Phrases phrases, ConversationSettings settings, CrisisLines lines) {
		this.phrases = phrases;
		this.settings = settings;
		this.lines = lines;
	}

	public String shortText(Reply reply) {
		String lang = reply.language();
		return switch (reply.kind()) {
			case ANSWER -> reply.article().summary() + fallbackNote(reply) + workerTold(reply)
					+ (reply.moreHint() ? "\n" + this.phrases.get(lang, "more.hint") : "");
			case FULL_ANSWER ->
				reply.article().plainBody() + "\n" + this.phrases.get(lang, "source", reply.article().source());
			case CRISIS -> crisis(reply, null);
			case HANDOVER -> handover(reply, reply.article() == null ? null : reply.article().summary());
			default -> common(reply) + workerTold(reply);
		};
	}

	public String fullText(Reply reply) {
		String lang = reply.language();
		return switch (reply.kind()) {
			case ANSWER, FULL_ANSWER -> full(reply.article(), lang) + fallbackNote(reply) + workerTold(reply);
			case CRISIS -> crisis(reply, reply.article().plainBody());
			case HANDOVER -> handover(reply, reply.article() == null ? null : reply.article().plainBody());
			default -> common(reply) + workerTold(reply);
		};
	}

	/**
	 * Words for a page that can expand a reply in place: an answer's summary first, its
	 * body behind "More"; the title and source apart, for the page to lay out. Any reply
	 * not resting on one answer article is all summary.
	 *
	 * @param title the article's title, or null
	 * @param summary what to show first
	 * @param more what "More" shows, or null when there is nothing more
	 * @param source the article's source address, or null
	 */
	public record Expandable(String title, String summary, String more, String source) {
	}

	public Expandable expandable(Reply reply) {
		Article article = reply.article();
		return switch (reply.kind()) {
			case ANSWER -> new Expandable(article.title(), article.summary() + fallbackNote(reply) + workerTold(reply),
					article.plainBody(), article.source());
			case FULL_ANSWER ->
				new Expandable(article.title(), article.plainBody() + fallbackNote(reply), null, article.source());
			default -> new Expandable(null, fullText(reply), null, null);
		};
	}

	/** After an answer to a check-in in their own words: their worker has it too. */
	private String workerTold(Reply reply) {
		return reply.workerTold() ? "\n" + this.phrases.get(reply.language(), "checkin.noted") : "";
	}

	/**
	 * Said when a young person who reads another language gets an English article: no
	 * reviewed translation exists yet. The note is in their language (draft phrase files
	 * included), so they can read why.
	 */
	private String fallbackNote(Reply reply) {
		String lang = reply.language();
		if (lang == null || lang.isBlank() || lang.equalsIgnoreCase(reply.article().language())) {
			return "";
		}
		return "\n" + this.phrases.get(lang, "english-fallback");
	}

	private String full(Article article, String lang) {
		return article.title() + "\n\n" + article.plainBody() + "\n\n"
				+ this.phrases.get(lang, "source", article.source());
	}

	private String handover(Reply reply, String howToReach) {
		String asked = this.phrases.get(reply.language(), "handover");
		return howToReach == null ? asked : asked + "\n" + howToReach;
	}

	/**
	 * Crisis sentences come from a reviewed phrase file only. For a language whose file
	 * is still a draft, its "call 999" line goes first (a young person in danger should
	 * not have to read English to find the number) and the reviewed English text follows.
	 * The reply leads with the help for the danger detected (nowhere to sleep tonight:
	 * the council out of hours and Shelter; exploitation: the Modern Slavery Helpline),
	 * then the help for a second danger where the detectors were split between two, then
	 * Samaritans and Shout whatever the danger; rich channels then give the whole crisis
	 * article, SMS only what fits.
	 */
	private String crisis(Reply reply, String articleText) {
		String lang = reply.language();
		List<String> parts = new ArrayList<>();
		if (lang != null && !this.phrases.supports(lang)) {
			this.phrases.own(lang, "crisis.intro").ifPresent(parts::add);
		}
		parts.add(this.phrases.reviewed(lang, "crisis.intro"));
		CrisisHelp help = CrisisHelp.forCategory(reply.risk().category());
		String outOfHours = this.settings.outOfHoursNumber();
		parts.add(helpLine(lang, help, outOfHours));
		boolean councilSaid = help == CrisisHelp.NOWHERE_SAFE_TONIGHT && !outOfHours.isBlank();
		// the message may tell of a second danger (the detectors were split): its help
		// follows the lead, unless Samaritans (below, for everyone) is that help
		CrisisHelp second = reply.risk().secondCategory() == null ? null
				: CrisisHelp.forCategory(reply.risk().secondCategory());
		if (second != null && second != help && second != CrisisHelp.SUICIDE_AND_SELF_HARM
				&& second != CrisisHelp.GENERAL) {
			parts.add(helpLine(lang, second, outOfHours));
			councilSaid |= second == CrisisHelp.NOWHERE_SAFE_TONIGHT && !outOfHours.isBlank();
		}
		if (help != CrisisHelp.SUICIDE_AND_SELF_HARM && help != CrisisHelp.GENERAL) {
			// The category can be wrong (a farewell read as nowhere to sleep), and a
			// wrong lead must not leave someone thinking of ending their life without
			// Samaritans.
			parts.add(this.phrases.reviewed(lang, CrisisHelp.GENERAL.phraseKey(), this.lines.samaritans(),
					this.lines.shout()));
		}
		if (articleText != null) {
			parts.add(articleText);
		}
		if (!outOfHours.isBlank() && !councilSaid) {
			parts.add(this.phrases.reviewed(lang, "crisis.out-of-hours", outOfHours));
		}
		parts.add(this.phrases.reviewed(lang, "crisis.worker-told"));
		return String.join("\n", parts);
	}

	/**
	 * The line giving one kind of help; nowhere to sleep without a council number
	 * configured names Shelter alone.
	 */
	private String helpLine(String lang, CrisisHelp help, String outOfHours) {
		if (help == CrisisHelp.NOWHERE_SAFE_TONIGHT && outOfHours.isBlank()) {
			return this.phrases.reviewed(lang, "crisis.help.nowhere-safe-tonight.no-council", this.lines.shelter());
		}
		return this.phrases.reviewed(lang, help.phraseKey(), this.lines.samaritans(), this.lines.shout(),
				this.lines.domesticAbuse(), this.lines.modernSlavery(), this.lines.shelter(), outOfHours);
	}

	/** "Did you mean" with each article numbered; the number alone picks it. */
	private String choices(Reply reply) {
		StringBuilder text = new StringBuilder(this.phrases.get(reply.language(), "choose.intro"));
		for (int i = 0; i < reply.choices().size(); i++) {
			text.append('\n').append(i + 1).append(' ').append(reply.choices().get(i).title());
		}
		return text.append('\n').append(this.phrases.get(reply.language(), "choose.reply")).toString();
	}

	private String common(Reply reply) {
		String lang = reply.language();
		String topics = String.join(", ", reply.topics());
		return switch (reply.kind()) {
			case MENU -> this.phrases.get(lang, "menu", topics);
			case NOT_SURE -> this.phrases.get(lang, "not-sure", topics);
			case CHOOSE -> choices(reply);
			case NOTHING_MORE -> this.phrases.get(lang, "nothing-more");
			case OPTED_OUT -> this.phrases.get(lang, "opted-out");
			case OPTED_IN -> this.phrases.get(lang, "opted-in");
			case LINK, CHECK_IN, LANGUAGE_SET -> this.phrases.get(lang, reply.topics().get(0), reply.topics().get(1));
			default -> throw new IllegalArgumentException(reply.kind().name());
		};
	}

}
