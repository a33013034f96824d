package app.waymark.channel;

import java.util.List;

import app.waymark.conversation.Reply;
import app.waymark.people.Sender;
import reactor.core.publisher.Mono;

/**
 * A channel's way of turning the conversation's reply into messages to queue: SMS splits
 * the summary into segments, Telegram formats and adds buttons, the web chat queues
 * nothing and answers in the HTTP response. Each channel makes its shaper a bean, so that
 * {@link UnansweredSweep} can answer a message long after its webhook request is gone.
 */
public interface ReplyShaper {

	/** The channel this shaper serves ("sms", "telegram", "web"). */
	String channel();

	List<OutboundMessage> shape(Reply reply, InboundMessage to, Sender sender);

	/**
	 * The channel's own answer to a message that is one of its commands (Telegram's
	 * {@code /start}, {@code /stop}), or empty for the conversation core to answer. Asked
	 * first, from the stored message alone, so a command is answered the same when just
	 * received and when found unanswered later.
	 */
	default Mono<ChannelReply> ownReply(InboundMessage message, Sender sender) {
		return Mono.empty();
	}

	/**
	 * Whether a reply can still reach the sender after the request that brought their
	 * message has ended. Not so for a channel that answers only in its HTTP response.
	 */
	default boolean repliesLater() {
		return true;
	}

	/**
	 * For a channel that answers in the HTTP response, the reply's text as given there:
	 * the inbox logs it as sent with the answer, outside the outbound queue, so the
	 * conversation can be shown again. Null for a channel whose replies are queued (they
	 * are logged as they are queued).
	 */
	default String inResponse(Reply reply) {
		return null;
	}

	/**
	 * A channel that answers only in the HTTP response to the message: it queues nothing,
	 * and nothing can reach the sender once that request has ended.
	 */
	class InResponseOnly implements ReplyShaper {

		private final String channel;

		public InResponseOnly(String channel) {
			this.channel = channel;
		}

		@Override
		public String channel() {
			return this.channel;
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

}
