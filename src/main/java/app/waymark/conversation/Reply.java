package app.waymark.conversation;

import java.util.List;
import java.util.Optional;

import app.waymark.knowledge.Article;
import app.waymark.safeguarding.RiskAssessment;

/**
 * What the bot says back, before any channel shapes it: the kind of reply, the article it
 * rests on, and how sure it was. Channels render it (SMS: summary and "reply MORE"; rich
 * channels: the full text with title and source).
 *
 * @param kind what sort of reply this is
 * @param article the article it uses, or null
 * @param score confidence in 0..1 for answers; 1 for commands and crisis replies
 * @param confident whether the bot stands behind it
 * @param topics topic names offered (menus, "not sure")
 * @param language the language the phrases are in
 * @param risk what the safeguarding rules made of the message it answers
 * @param choices for {@link Kind#CHOOSE}, the articles offered, numbered from 1 in this
 * order; for an answer picked from them, that one article; empty otherwise
 * @param moreHint whether a short answer ends with how to get the full one ("reply
 * MORE"); off once this address has been told
 * @param workerTold whether an answer ends by saying a worker has been told
 */
public record Reply(Kind kind, Article article, double score, boolean confident, List<String> topics, String language,
		RiskAssessment risk, List<Article> choices, boolean moreHint, boolean workerTold) {

	public Reply {
		topics = List.copyOf(topics);
		risk = risk == null ? RiskAssessment.none() : risk;
		choices = choices == null ? List.of() : List.copyOf(choices);
	}

	public Reply(Kind kind, Article article, double score, boolean confident, List<String> topics, String language,
			RiskAssessment risk, List<Article> choices, boolean moreHint) {
		this(kind, article, score, confident, topics, language, risk, choices, moreHint, false);
	}

	public Reply(Kind kind, Article article, double score, boolean confident, List<String> topics, String language,
			RiskAssessment risk, List<Article> choices) {
		this(kind, article, score, confident, topics, language, risk, choices, true);
	}

	public Reply(Kind kind, Article article, double score, boolean confident, List<String> topics, String language,
			RiskAssessment risk) {
		this(kind, article, score, confident, topics, language, risk, List.of());
	}

	public Reply(Kind kind, Article article, double score, boolean confident, List<String> topics, String language) {
		this(kind, article, score, confident, topics, language, RiskAssessment.none());
	}

	public Reply withRisk(RiskAssessment assessment) {
		return new Reply(this.kind, this.article, this.score, this.confident, this.topics, this.language, assessment,
				this.choices, this.moreHint, this.workerTold);
	}

	/**
	 * The same answer, also saying that a worker has been told (a check-in answered in
	 * their own words: the article may help, and the worker hears of it either way).
	 */
	public Reply withWorkerTold() {
		return new Reply(this.kind, this.article, this.score, this.confident, this.topics, this.language, this.risk,
				this.choices, this.moreHint, true);
	}

	/** The same reply without "reply MORE": the young person has been told already. */
	public Reply withoutMoreHint() {
		return new Reply(this.kind, this.article, this.score, this.confident, this.topics, this.language, this.risk,
				this.choices, false, this.workerTold);
	}

	/**
	 * Whether this answer is the young person's pick from a "did you mean" (a reply of 1,
	 * 2 or 3), which must not also be read as the answer to an open check-in.
	 */
	public boolean picked() {
		return this.kind == Kind.ANSWER && this.choices.size() == 1;
	}

	/**
	 * A reply that is one phrase: the key and its single argument ride in {@code topics},
	 * so the record keeps its shape for every channel.
	 */
	public static Reply phrase(Kind kind, String key, String argument, String language) {
		return new Reply(kind, null, 1.0, true, List.of(key, argument == null ? "" : argument), language);
	}

	/** The language a LANGUAGE command chose, if this reply confirms one. */
	public Optional<String> chosenLanguage() {
		return this.kind == Kind.LANGUAGE_SET && "language.set".equals(this.topics.get(0))
				? Optional.of(this.topics.get(1)) : Optional.empty();
	}

	public enum Kind {

		/** A confident answer from an article. */
		ANSWER,
		/** The full text of the last article, after MORE. */
		FULL_ANSWER,
		/** The topic menu (HELP, MENU, TOPICS). */
		MENU,
		/** Not sure: the topic list and the offer of a person. */
		NOT_SURE,
		/**
		 * "Did you mean": two or three likely articles in {@code choices}, to be picked
		 * by number or button.
		 */
		CHOOSE,
		/** Danger signalled: crisis numbers at once. */
		CRISIS,
		/**
		 * The young person asked for a person: their worker is told (the inbox raises the
		 * alert) and the reply says how to reach them meanwhile.
		 */
		HANDOVER,
		/** MORE with nothing before it. */
		NOTHING_MORE,
		/** STOP and its synonyms. */
		OPTED_OUT,
		/** START, UNSTOP. */
		OPTED_IN,
		/**
		 * The answer to a one-time link code: {@code topics} holds the phrase key and the
		 * name to greet (see {@link #phrase}).
		 */
		LINK,
		/**
		 * The answer to a check-in reply: {@code topics} holds the phrase key and its
		 * argument (see {@link #phrase}).
		 */
		CHECK_IN,
		/**
		 * The answer to "LANGUAGE ar": {@code topics} holds the phrase key
		 * ({@code language.set} or {@code language.unknown}) and the language code chosen
		 * or the word not understood; {@code language} is the language to reply in.
		 */
		LANGUAGE_SET

	}

}
