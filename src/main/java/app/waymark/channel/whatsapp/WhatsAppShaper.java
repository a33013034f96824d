package app.waymark.channel.whatsapp;

import java.util.ArrayList;
import java.util.List;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.OutboundMessage;
import app.waymark.channel.ReplyShaper;
import app.waymark.conversation.Reply;
import app.waymark.conversation.ReplyText;
import app.waymark.people.Sender;

import org.springframework.stereotype.Component;

/**
 * Shapes a reply for WhatsApp: the full answer, as Telegram gets it, with the article's
 * title in bold, cut into messages of at most 1,600 characters. Unlike SMS, an opt-out is
 * confirmed: Twilio does not answer STOP on WhatsApp itself, and the person has just
 * written, so the 24-hour window is open.
 */
@Component
class WhatsAppShaper implements ReplyShaper {

	private final ReplyText replyText;

	WhatsAppShaper(ReplyText replyText) {
		this.replyText = replyText;
	}

	@Override
	public String channel() {
		return WhatsAppChannel.NAME;
	}

	@Override
	public List<OutboundMessage> shape(Reply reply, InboundMessage to, Sender sender) {
		String text = this.replyText.fullText(reply);
		String title = reply.article() != null
				&& (reply.kind() == Reply.Kind.ANSWER || reply.kind() == Reply.Kind.FULL_ANSWER)
						? reply.article().title() : null;
		if (title != null && !title.isBlank() && !title.contains("\n") && text.startsWith(title)) {
			text = WhatsAppText.bold(title) + text.substring(title.length());
		}
		List<OutboundMessage> messages = new ArrayList<>();
		for (String part : WhatsAppText.split(text, WhatsAppText.MAX_LENGTH)) {
			messages.add(new OutboundMessage(WhatsAppChannel.NAME, to.address(), part, List.of(),
					OutboundMessage.Purpose.REPLY, sender.youngPersonId(), sender.workerId(), reply.kind().name(),
					true));
		}
		return messages;
	}

}
