package app.waymark.channel.web;

import java.time.Duration;
import java.util.List;

import app.waymark.channel.RetentionSettings;
import app.waymark.conversation.ConversationSettings;
import app.waymark.conversation.CrisisLines;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the chat page's first screen says, from this deployment's settings: whose service
 * it is, how long messages are kept, where to turn in an emergency, the topics to start
 * from, and the words that ask for a person.
 */
@RestController
class ChatAbout {

	/**
	 * Sent by the page's "Talk to a person" button; the conversation reads it as WORKER.
	 */
	static final String TALK_TO_A_PERSON = "Talk to a person";

	private final About about;

	ChatAbout(ChatSettings chat, CrisisLines lines, ConversationSettings conversation, RetentionSettings retention) {
		this.about = new About(chat.councilName(), Math.max(1, retention.messages().toDays() / 30),
				new Emergency("999", lines.samaritans(), lines.shout(), conversation.outOfHoursNumber()),
				conversation.menuTopics(), TALK_TO_A_PERSON);
	}

	@GetMapping("/api/v1/chat/about")
	ResponseEntity<About> about() {
		return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(10))).body(this.about);
	}

	/**
	 * @param council the council's name
	 * @param keptMonths how many months messages are kept
	 * @param emergency numbers to call in danger
	 * @param topics topic words to start from; sending one asks about it
	 * @param talkToAPerson the message that asks for a person
	 */
	record About(String council, long keptMonths, Emergency emergency, List<String> topics, String talkToAPerson) {
	}

	/**
	 * @param emergency the emergency services
	 * @param samaritans Samaritans' free line, any time
	 * @param shout Shout's text line
	 * @param outOfHours the council's out of hours number, or empty where none is set
	 */
	record Emergency(String emergency, String samaritans, String shout, String outOfHours) {
	}

}
