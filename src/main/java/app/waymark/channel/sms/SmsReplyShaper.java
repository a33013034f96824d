package app.waymark.channel.sms;

import app.waymark.system.SmsText;
import java.util.List;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.OutboundMessage;
import app.waymark.channel.ReplyShaper;
import app.waymark.conversation.Reply;
import app.waymark.conversation.ReplyText;
import app.waymark.people.Sender;

import org.springframework.stereotype.Component;

/**
 * Shapes a reply for SMS: the short text, folded to GSM-7 so one smart quote does not
 * halve a segment, then cut into messages of at most {@value #MAX_SEGMENTS} segments
 * each, queued in order.
 */
@Component
class SmsReplyShaper implements ReplyShaper {

	static final int MAX_SEGMENTS = 2;

	private final ReplyText replyText;

	SmsReplyShaper(ReplyText replyText) {
		this.replyText = replyText;
	}

	@Override
	public String channel() {
		return SmsWebhookController.CHANNEL;
	}

	@Override
	public List<OutboundMessage> shape(Reply reply, InboundMessage to, Sender sender) {
		if (reply.kind() == Reply.Kind.OPTED_OUT) {
			// Twilio answers STOP itself and blocks the number: anything we send now is
			// refused (error 21610). Inbox still records the opt-out.
			// https://help.twilio.com/articles/223134027
			return List.of();
		}
		String text = SmsText.toGsmFriendly(this.replyText.shortText(reply));
		return SmsText.split(text, MAX_SEGMENTS)
			.stream()
			.map(part -> new OutboundMessage(SmsWebhookController.CHANNEL, to.address(), part, null,
					OutboundMessage.Purpose.REPLY, sender.youngPersonId(), sender.workerId(), reply.kind().name()))
			.toList();
	}

}
