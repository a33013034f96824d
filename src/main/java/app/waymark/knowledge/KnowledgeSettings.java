package app.waymark.knowledge;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where articles come from and when the bot is sure enough to answer.
 *
 * @param dir the knowledge folder ({@code WAYMARK_KNOWLEDGE_DIR}); when it does not exist
 * the copy inside the jar is used
 * @param localFolder the deployment's own folder beside {@code national/}
 * ({@code WAYMARK_LOCAL_FOLDER})
 * @param confidenceThreshold below this the bot says it is not sure instead of answering;
 * tuned on the evaluation set (see {@code AnswerEvaluationTests})
 * @param scoreScale BM25 score at which the score part of confidence reaches about 63%
 * @param cacheSize how many distinct questions' answers to keep
 */
@ConfigurationProperties("waymark.knowledge")
public record KnowledgeSettings(@DefaultValue("knowledge") Path dir, @DefaultValue("city-of-london") String localFolder,
		@DefaultValue("0.5") double confidenceThreshold, @DefaultValue("6.0") double scoreScale,
		@DefaultValue("10000") int cacheSize) {
}
