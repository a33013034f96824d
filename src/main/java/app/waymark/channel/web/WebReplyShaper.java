package app.waymark.channel.web;

import java.util.List;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.OutboundMessage;
import app.waymark.channel.ReplyShaper;
import app.waymark.conversation.Reply;
import app.waymark.people.Sender;

import org.springframework.stereotype.Component;

/**
 * The web chat queues nothing: its reply goes back in the HTTP response. So a chat
 * message stored by an instance that died before answering can never be answered: the
 * page that asked has had its error and nothing can reach it now.
 */
@Component
class WebReplyShaper implements ReplyShaper {

	@Override
	public String channel() {
		return ChatController.CHANNEL;
	}

	@Override
	public List<OutboundMessage> shape(Reply reply, InboundMessage to, Sender sender) {
		return List.of();
	}

	@Override
	public boolean repliesLater() {
		return false;
	}

}
