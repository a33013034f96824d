package app.waymark.conversation;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param outOfHoursNumber the council's out-of-hours social care number, said in every
 * crisis reply ({@code WAYMARK_OUT_OF_HOURS_NUMBER}); empty leaves it out
 * @param crisisArticle the article every crisis message is answered with
 * @param menuTopics the topics the menu offers, in order
 * @param workerArticle the article that says how to reach a worker, sent with a hand-over
 */
@ConfigurationProperties("waymark.conversation")
public record ConversationSettings(@DefaultValue("") String outOfHoursNumber,
		@DefaultValue("crisis-help") String crisisArticle, @DefaultValue( {
				"travel", "housing", "money", "education", "work", "health", "rights",
				"immigration" }) List<String> menuTopics,
		@DefaultValue("talk-to-my-worker") String workerArticle){
}
