package app.waymark.channel;

import app.waymark.conversation.Reply;
import app.waymark.people.Sender;
import reactor.core.publisher.Mono;

/**
 * Something Waymark asked a young person and may be hearing the answer to now (a
 * check-in). The {@link Inbox} consults every one after the conversation core has
 * assessed the message and before the reply is queued, so an answer is recorded and
 * replied to as an answer rather than looked up in the knowledge base. A crisis reply
 * must be passed through: it always reaches the young person.
 */
public interface PendingQuestion {

	/**
	 * @param message what they wrote
	 * @param sender who they are
	 * @param messageId the stored inbound message
	 * @param reply what the conversation core would say
	 * @return the reply to send: {@code reply} itself when this is not an answer
	 */
	Mono<Reply> answer(InboundMessage message, Sender sender, long messageId, Reply reply);

}
