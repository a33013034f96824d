package app.waymark.channel.web;

import app.waymark.channel.ReplyShaper;
import app.waymark.conversation.Reply;
import app.waymark.conversation.ReplyText;

import org.springframework.stereotype.Component;

/**
 * The web chat queues nothing: its reply goes back in the HTTP response. So a chat
 * message stored by an instance that died before answering can never be answered: the
 * page that asked has had its error and nothing can reach it now. The reply given is
 * logged whole, as sent, so a reloaded page can show the conversation again.
 */
@Component
class WebReplyShaper extends ReplyShaper.InResponseOnly {

	private final ReplyText replyText;

	WebReplyShaper(ReplyText replyText) {
		super(ChatController.CHANNEL);
		this.replyText = replyText;
	}

	@Override
	public String inResponse(Reply reply) {
		return this.replyText.fullText(reply);
	}

}
