package app.waymark.channel.web;

import java.time.Clock;
import java.util.UUID;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.Inbox;
import app.waymark.conversation.Reply;
import app.waymark.conversation.ReplyText;
import app.waymark.system.BadRequestException;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web chat channel: the local chat page and the JSON API both go through the same
 * inbox and conversation core as SMS and Telegram, so what you try here is what a young
 * person gets.
 */
@RestController
class ChatController {

	static final String CHANNEL = "web";

	static final int MAX_TEXT = 2_000;

	private final Inbox inbox;

	private final WebReplyShaper shaper;

	private final ReplyText replyText;

	private final Clock clock;

	ChatController(Inbox inbox, WebReplyShaper shaper, ReplyText replyText, Clock clock) {
		this.inbox = inbox;
		this.shaper = shaper;
		this.replyText = replyText;
		this.clock = clock;
	}

	@PostMapping("/api/v1/chat")
	Mono<ChatReply> chat(@RequestBody(required = false) ChatRequest request) {
		if (request == null || request.text() == null || request.text().isBlank()) {
			return Mono.error(new BadRequestException("text", "Write a message in 'text'."));
		}
		if (request.text().length() > MAX_TEXT) {
			return Mono.error(
					new BadRequestException("text", "The message is too long (at most " + MAX_TEXT + " characters)."));
		}
		String conversationId = request.conversationId() == null || request.conversationId().isBlank()
				? UUID.randomUUID().toString() : request.conversationId();
		if (conversationId.length() > 100) {
			return Mono.error(new BadRequestException("conversationId", "conversationId is at most 100 characters."));
		}
		String language = request.language() == null || request.language().isBlank() ? "en" : request.language();
		InboundMessage message = new InboundMessage(CHANNEL, conversationId, request.text(), language,
				this.clock.instant());
		// Stored and logged like any channel's message; the reply goes back in the
		// response.
		return this.inbox.receive(message, null, this.shaper).map(receipt -> toChatReply(receipt.reply()));
	}

	private ChatReply toChatReply(Reply reply) {
		String articleId = reply.article() != null && reply.confident() ? reply.article().id() : null;
		return new ChatReply(this.replyText.fullText(reply), articleId, reply.score(), reply.confident());
	}

	/**
	 * {@code conversationId} lets MORE follow on from the last answer; the page sends
	 * one.
	 */
	record ChatRequest(String text, String language, String conversationId) {
	}

	record ChatReply(String reply, String articleId, double score, boolean confident) {
	}

}
