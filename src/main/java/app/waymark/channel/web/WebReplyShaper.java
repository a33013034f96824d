package app.waymark.channel.web;

import app.waymark.channel.ReplyShaper;

import org.springframework.stereotype.Component;

/**
 * The web chat queues nothing: its reply goes back in the HTTP response. So a chat
 * message stored by an instance that died before answering can never be answered: the
 * page that asked has had its error and nothing can reach it now.
 */
@Component
class WebReplyShaper extends ReplyShaper.InResponseOnly {

	WebReplyShaper() {
		super(ChatController.CHANNEL);
	}

}
