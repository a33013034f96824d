package app.waymark.safeguarding;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

import app.waymark.system.SentenceEmbeddings;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Decides whether a message signals danger, with two detectors: the reviewed rules
 * ({@link RiskClassifier}: precise and explainable) and the example bank
 * ({@link SemanticDetector}: the same dangers said in other words). When they disagree
 * the higher level wins; a missed crisis costs more than a worker's minute. Only this
 * check decides crisis, and every assessment says which detector decided and why.
 */
public class DangerCheck {

	private final RiskClassifier rules;

	private final SemanticDetector examples;

	/**
	 * Assessments of texts seen lately. The same words always get the same assessment,
	 * and many messages repeat word for word ("hi", "yes", "1", "MORE", a check-in's
	 * answer): they skip the comparison with every example, a few milliseconds each.
	 */
	private final Cache<String, RiskAssessment> recent = Caffeine.newBuilder().maximumSize(10_000).build();

	DangerCheck(RiskClassifier rules, SemanticDetector examples) {
		this.rules = rules;
		this.examples = examples;
	}

	/**
	 * The rules from the classpath and the example bank, compared through the given
	 * embeddings.
	 * @param embeddings the sentence embedding model
	 * @return the check
	 */
	public static DangerCheck fromClasspath(SentenceEmbeddings embeddings) {
		return fromClasspath(embeddings, List.of());
	}

	/**
	 * As {@link #fromClasspath(SentenceEmbeddings)}, with ordinary questions as more
	 * examples of harmless messages.
	 * @param embeddings the sentence embedding model
	 * @param ordinaryQuestions article titles, keywords and summaries in every language
	 * @return the check
	 */
	public static DangerCheck fromClasspath(SentenceEmbeddings embeddings, List<String> ordinaryQuestions) {
		return fromClasspath(embeddings, ordinaryQuestions, SemanticDetector.Thresholds.DEFAULT);
	}

	static DangerCheck fromClasspath(SentenceEmbeddings embeddings, List<String> ordinaryQuestions,
			SemanticDetector.Thresholds thresholds) {
		return fromClasspath(embeddings, ordinaryQuestions, thresholds, Glossary.fromClasspath());
	}

	static DangerCheck fromClasspath(SentenceEmbeddings embeddings, List<String> ordinaryQuestions,
			SemanticDetector.Thresholds thresholds, Glossary glossary) {
		RiskClassifier rules = RiskClassifier.fromClasspath();
		return new DangerCheck(rules, new SemanticDetector(ExampleBank.fromClasspath(), ordinaryQuestions, embeddings,
				rules.normaliser(), thresholds, glossary));
	}

	/**
	 * Every text the example bank has the model embed, for the build to precompute.
	 * @return the texts
	 */
	public static List<String> embeddedTexts() {
		return SemanticDetector.embeddedTexts(ExampleBank.fromClasspath(), RiskClassifier.fromClasspath().normaliser());
	}

	/**
	 * Assesses one message. Never throws: a detector that fails leaves the other to
	 * decide, and if both fail the message is a concern so that a person looks at it.
	 * @param text the message, possibly null
	 * @return the assessment
	 */
	public RiskAssessment assess(String text) {
		if (text == null || text.isBlank()) {
			return RiskAssessment.none();
		}
		RiskAssessment known = this.recent.getIfPresent(text);
		if (known != null) {
			return known;
		}
		RiskAssessment byRules = this.rules.assess(text);
		SemanticDetector.Gravest byExamples;
		try {
			byExamples = this.examples.gravest(text);
		}
		catch (RuntimeException ex) {
			// not kept: the next message with these words is compared again
			return byRules.level() == RiskLevel.NONE
					? new RiskAssessment(RiskLevel.CONCERN, RiskClassifier.ERROR_CATEGORY,
							List.of(RiskClassifier.ERROR_CATEGORY), "rules", "example comparison failed")
					: byRules;
		}
		RiskAssessment assessed = combine(() -> talksAbout(text), byRules, byExamples);
		this.recent.put(text, assessed);
		return assessed;
	}

	/**
	 * Whether the message talks about a danger as a subject, in its own words or in its
	 * English reading when a glossary knew any of them: a lesson about trafficking is a
	 * topic in Sorani or Arabizi too ("... lesson 3an county lines" reads "lesson about
	 * county lines"). A reading puts the words in the message's own order, and in Sorani,
	 * Farsi or Tigrinya the verb comes last ("about trafficking we talked, the teacher
	 * said"), so there "about" may also come first.
	 */
	private boolean talksAbout(String text) {
		if (mentionsTopic(text)) {
			return true;
		}
		Glossary.Gloss gloss = this.examples.gloss(text);
		if (gloss == null || gloss.known() == 0) {
			return false;
		}
		String english = gloss.english();
		return TOPIC_MENTION.matcher(english).find() || TOPIC_LEARNT.matcher(english).find()
				|| TOPIC_LAST.matcher(english).find() || TOPIC_AT_SCHOOL.matcher(english).find();
	}

	/** Whether the words as typed talk about a danger as a subject. */
	private static boolean mentionsTopic(String text) {
		return TOPIC_MENTION.matcher(text).find() || TOPIC_LEARNT.matcher(text).find() || SCENE.matcher(text).find()
				|| TOPIC_AT_SCHOOL.matcher(text).find();
	}

	/**
	 * A lesson or talk at school or college, in one sentence, in whatever order a reading
	 * gives the words ("today at college they talked to us about trafficking and county
	 * lines, it was interesting"): the danger is the lesson's subject. Never "talk to" (a
	 * way of telling: "my teacher wants to talk to me about the bruises"), never talk
	 * about me or us (gossip, or a threat), nor a glossary's "lesson class", one word
	 * read two ways.
	 */
	private static final Pattern TOPIC_AT_SCHOOL;

	static {
		String school = "\\b(college|school|class|teachers?|assembly)\\b";
		String talk = "talk(?!\\s+to\\b)\\w*(?!\\s+about\\s+(me|us|my|him|her)\\b)|lessons?(?!\\s+class)|learn\\w*|taught"
				+ "|presentation|workshop";
		String within = "[^.!?\\n\u2026]{0,80}";
		TOPIC_AT_SCHOOL = Pattern.compile(school + within + "\\b(" + talk + "|video|interesting|useful)\\b|\\b(" + talk
				+ ")\\b" + within + school, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	/**
	 * A scene of a film, a series or a game told of ("watching Top Boy, the bit where
	 * they stab him"): the words of violence are the story's.
	 */
	private static final Pattern SCENE = Pattern.compile(
			"\\b(watch\\w*|film|movie|series|episode|season|trailer|game)\\b[^.!?\\n\u2026]{0,40}\\b(bit|scene|part) where\\b",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/**
	 * Learning about a danger: "we learnt about county lines", "the teacher told us
	 * about".
	 */
	private static final Pattern TOPIC_LEARNT = Pattern.compile(
			"\\b(learn\\w*|taught|teachers?)\\b[^.!?\\n\u2026]{0,25}\\babout\\b",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/** In a reading of a language whose verb comes last: "about ... we learned". */
	private static final Pattern TOPIC_LAST = Pattern.compile(
			"\\b(about|regarding)\\b[^.!?\\n\u2026]{0,40}\\b(talk\\w*|lessons?|class|learn\\w*|taught|teachers?)\\b",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	/**
	 * A message that talks about a danger as a subject ("we had a talk on county lines at
	 * college", "my essay on self harm") rather than telling of one. Within a sentence,
	 * never "talk to someone about" (a way of telling), nor "on my phone" or "on the
	 * way".
	 */
	private static final Pattern TOPIC_MENTION = Pattern.compile(
			"\\b(talks?(?!\\s+to\\b)|lessons?|class|course|unit|module|workshop|training|assembly|essay|assignment"
					+ "|presentation|documentary|video|article|leaflet|poster|awareness|project|research|homework|film"
					+ "|programme|program|cours|expos[eé])\\b[^.!?\\n\u2026]{0,25}\\b(about|abt|bout|regarding|sur"
					+ "|on(?!\\s+(my|his|her|their|your|ur|me|the way|the bus|the train|the phone)\\b))\\b",
			Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

	static RiskAssessment combine(String text, RiskAssessment byRules, SemanticDetector.Reading byExamples) {
		return combine(() -> mentionsTopic(text), byRules, SemanticDetector.Gravest.whole(byExamples));
	}

	/**
	 * Where the examples found the message whole harmless, a topic talked about makes the
	 * rules' crisis a concern; and a crisis found in one sentence alone is a concern when
	 * that sentence or the one before it talks about a topic ("the film was about a war.
	 * there was so much blood").
	 */
	static RiskAssessment combine(BooleanSupplier topic, RiskAssessment byRules, SemanticDetector.Gravest gravest) {
		SemanticDetector.Reading byExamples = gravest.reading();
		if (gravest.whole() == RiskLevel.NONE) {
			// The rules found the words, the examples found the talk harmless: a worker
			// still looks (a concern), but nobody is told it is an emergency.
			// (whether it talks about a topic is only worked out when it would matter)
			if (byRules.level() == RiskLevel.CRISIS && topic.getAsBoolean()) {
				byRules = new RiskAssessment(RiskLevel.CONCERN, byRules.category(), byRules.ruleIds(), "rules",
						"rules (a topic mentioned, not told of): " + String.join(", ", byRules.ruleIds()));
			}
			// a crisis read in one sentence of a message harmless whole: a concern when
			// that sentence or the one before it talks about a topic
			if (byExamples.level() == RiskLevel.CRISIS && gravest.sentence() >= 0
					&& TOPIC_MENTION.matcher(gravest.around()).find()) {
				byExamples = byExamples.asConcern();
			}
		}
		RiskLevel level = byRules.level().compareTo(byExamples.level()) >= 0 ? byRules.level() : byExamples.level();
		if (level == RiskLevel.NONE) {
			return RiskAssessment.none();
		}
		boolean rulesDecide = byRules.level() == level;
		boolean examplesAgree = byExamples.level() == level;
		String detectedBy = rulesDecide && examplesAgree ? "rules+examples" : rulesDecide ? "rules" : "examples";
		// The bank's categories are finer than the rules' ("overdose" rather than
		// "self-harm"): for a crisis, the nearest examples' vote names the help to lead
		// with.
		String category = level == RiskLevel.CRISIS && examplesAgree && byExamples.crisisVote() != null
				? byExamples.crisisVote() : rulesDecide ? byRules.category() : byExamples.category();
		List<String> evidence = new ArrayList<>(2);
		if (!byRules.ruleIds().isEmpty()) {
			evidence.add("rules: " + String.join(", ", byRules.ruleIds()));
		}
		if (byExamples.level() != RiskLevel.NONE || !byExamples.nearest().isEmpty()) {
			evidence.add("examples" + gravest.where() + ": " + byExamples.evidence());
		}
		String second = null;
		if (level == RiskLevel.CRISIS) {
			// Split readings get both helps: the rules' category where the examples
			// voted otherwise (or the vote where the rules decided), else the vote's
			// close second.
			String other = rulesDecide && examplesAgree
					? (category.equals(byRules.category()) ? byExamples.crisisVote() : byRules.category()) : null;
			// (Samaritans, in every crisis reply, is never a second help that adds
			// anything)
			second = other != null && CrisisHelp.forCategory(other) != CrisisHelp.forCategory(category)
					&& CrisisHelp.forCategory(other) != CrisisHelp.SUICIDE_AND_SELF_HARM ? other
							: examplesAgree ? byExamples.secondVote() : null;
		}
		if (second != null && CrisisHelp.forCategory(second) != CrisisHelp.forCategory(category)) {
			evidence.add("also given the help for: " + second);
		}
		return new RiskAssessment(level, category, byRules.ruleIds(), detectedBy, String.join(" | ", evidence), second);
	}

	/**
	 * What the semantic detector alone made of a message (evaluation and review tools).
	 */
	SemanticDetector.Reading readExamples(String text) {
		return this.examples.read(text);
	}

	/** How the glossaries read a message (review tools). */
	Glossary.Gloss gloss(String text) {
		return this.examples.gloss(text);
	}

	/** As {@link #readExamples}, the message whole, never sentence by sentence. */
	SemanticDetector.Reading readWholeExamples(String text) {
		return this.examples.readWhole(text);
	}

	RiskAssessment assessByRules(String text) {
		return this.rules.assess(text);
	}

}
