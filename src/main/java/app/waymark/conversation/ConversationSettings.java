package app.waymark.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param outOfHoursNumber the council's out-of-hours social care number, said in every
 * crisis reply ({@code WAYMARK_OUT_OF_HOURS_NUMBER}); empty leaves it out
 * @param crisisArticle the article every crisis message is answered with
 * @param menuTopics the topics the menu offers, in order
 */
@ConfigurationProperties("waymark.conversation")
public record ConversationSettings(@DefaultValue("") String outOfHoursNumber,
		@DefaultValue("crisis-help") String crisisArticle, @DefaultValue( {
				"travel", "housing", "money", "education", "work", "health", "rights",
				"immigration" }) java.util.List<String> menuTopics){
}
