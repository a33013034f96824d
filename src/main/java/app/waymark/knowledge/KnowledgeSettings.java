package app.waymark.knowledge;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where articles come from and when the bot is sure enough to answer.
 *
 * @param dir the knowledge folder ({@code WAYMARK_KNOWLEDGE_DIR}); when it does not exist
 * the copy inside the jar is used
 * @param localFolder the deployment's own folder beside {@code national/}
 * ({@code WAYMARK_LOCAL_FOLDER})
 * @param confidenceThreshold for an index searched by words alone (translations): below
 * this word-match confidence the bot says it is not sure instead of answering; also the
 * least word-match confidence of a draft search terms' answer
 * @param scoreScale BM25 score at which the score part of confidence reaches about 63%
 * @param cacheSize how many distinct questions' answers to keep
 * @param answerThreshold for the hybrid index (words and meaning): the calibrated chance
 * that the best article is right, at or above which it answers
 * @param choiceThreshold at or above this (and below {@code answerThreshold}) the bot
 * asks "did you mean" with the likeliest articles; below it, it says it is not sure and
 * offers a person; both tuned on the evaluation set's tuning part (see
 * {@code AnswerEvaluationTests})
 * @param draftThreshold for a language's draft search terms (words alone, drafted
 * translations): the chance ({@link DraftDecision}) at or above which the English article
 * they point at answers; below it the likeliest are offered as "did you mean". The lowest
 * at which the drafts' held-out example questions are answered wrongly no more often than
 * under the rule it replaced ({@code fit_draft_decision.py})
 */
@ConfigurationProperties("waymark.knowledge")
public record KnowledgeSettings(@DefaultValue("knowledge") Path dir, @DefaultValue("city-of-london") String localFolder,
		@DefaultValue("0.5") double confidenceThreshold, @DefaultValue("6.0") double scoreScale,
		@DefaultValue("10000") int cacheSize, @DefaultValue("0.65") double answerThreshold,
		@DefaultValue("0.2") double choiceThreshold, @DefaultValue("0.52") double draftThreshold) {

	@ConstructorBinding
	public KnowledgeSettings {
	}

	public KnowledgeSettings(Path dir, String localFolder, double confidenceThreshold, double scoreScale,
			int cacheSize) {
		this(dir, localFolder, confidenceThreshold, scoreScale, cacheSize, 0.65, 0.2, 0.52);
	}

}
