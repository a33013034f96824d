package app.waymark.channel;

import java.util.List;

import app.waymark.conversation.Reply;
import app.waymark.people.Sender;

/**
 * A channel's way of turning the conversation's reply into messages to queue: SMS splits
 * the summary into segments, Telegram formats and adds buttons, the web chat queues
 * nothing and answers in the HTTP response.
 */
@FunctionalInterface
public interface ReplyShaper {

	List<OutboundMessage> shape(Reply reply, InboundMessage to, Sender sender);

	ReplyShaper NONE = (reply, to, sender) -> List.of();

}
