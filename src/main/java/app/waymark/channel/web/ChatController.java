package app.waymark.channel.web;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import app.waymark.channel.InboundMessage;
import app.waymark.channel.Inbox;
import app.waymark.channel.MessageLog;
import app.waymark.conversation.Conversation;
import app.waymark.conversation.Reply;
import app.waymark.conversation.ReplyText;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.people.LinkCodes;
import app.waymark.system.BadRequestException;
import app.waymark.system.ClientAddress;
import app.waymark.system.RateLimitSettings;
import app.waymark.system.RateLimiter;
import app.waymark.system.Sealer;
import app.waymark.system.TooManyRequests;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Lazy;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The web chat channel: the local chat page and the JSON API both go through the same
 * inbox and conversation core as SMS and Telegram, so what you try here is what a young
 * person gets.
 *
 * <p>
 * It is public, so it is limited per client address (shared by every instance): messages
 * per minute, and link-code attempts per hour whatever conversation they claim to be. A
 * caller over the limit gets 429 with {@code Retry-After}, except that a crisis message
 * is always answered with crisis help.
 */
@RestController
class ChatController {

	static final String CHANNEL = "web";

	static final int MAX_TEXT = 2_000;

	/** The most of a conversation a reloaded page shows again. */
	static final int HISTORY_MAX = 100;

	static final String YOU = "you";

	static final String WAYMARK = "waymark";

	static final String WORKER = "worker";

	private final Inbox inbox;

	private final WebReplyShaper shaper;

	private final ReplyText replyText;

	private final Conversation conversation;

	private final ConversationIds conversations;

	private final RateLimiter limiter;

	private final RateLimitSettings limits;

	private final Sealer sealer;

	private final Clock clock;

	private final MessageLog log;

	private final KnowledgeSearch knowledge;

	ChatController(Inbox inbox, WebReplyShaper shaper, ReplyText replyText, Conversation conversation,
			ConversationIds conversations, RateLimiter limiter, RateLimitSettings limits, Sealer sealer, Clock clock,
			MessageLog log, @Lazy KnowledgeSearch knowledge) {
		this.log = log;
		this.knowledge = knowledge;
		this.inbox = inbox;
		this.shaper = shaper;
		this.replyText = replyText;
		this.conversation = conversation;
		this.conversations = conversations;
		this.limiter = limiter;
		this.limits = limits;
		this.sealer = sealer;
		this.clock = clock;
	}

	@PostMapping("/api/v1/chat")
	Mono<ChatReply> chat(@RequestBody(required = false) ChatRequest request, ServerWebExchange exchange) {
		if (request == null || request.text() == null || request.text().isBlank()) {
			return Mono.error(new BadRequestException("text", "Write a message in 'text'."));
		}
		if (request.text().length() > MAX_TEXT) {
			return Mono.error(
					new BadRequestException("text", "The message is too long (at most " + MAX_TEXT + " characters)."));
		}
		if (request.conversationId() != null && request.conversationId().length() > 100) {
			return Mono.error(new BadRequestException("conversationId", "conversationId is at most 100 characters."));
		}
		// Only an id this server issued continues a conversation (and with it whoever
		// linked it); anything else is a new conversation.
		String conversationId = this.conversations.issued(request.conversationId()) ? request.conversationId()
				: this.conversations.issue();
		String language = request.language() == null || request.language().isBlank() ? "en" : request.language();
		String client = ClientAddress.of(exchange);
		return allowed(request.text(), client).then(Mono.defer(() -> {
			InboundMessage message = new InboundMessage(CHANNEL, conversationId, request.text(), language,
					this.clock.instant(), this.sealer.hash(client));
			// Stored and logged like any channel's message; the reply goes back in the
			// response.
			return this.inbox.receive(message, null, this.shaper)
				.map(receipt -> toChatReply(receipt.reply(), conversationId));
		}));
	}

	/**
	 * The conversation so far, both ways, oldest first, for a page reloaded mid-chat.
	 * Only a conversation this server issued has a history; any other id is not found,
	 * the same whether or not anything was ever said under it. Messages past retention
	 * have lost their words and are left out.
	 */
	@GetMapping("/api/v1/chat/{conversationId}/history")
	Mono<History> history(@PathVariable String conversationId, ServerWebExchange exchange) {
		if (!this.conversations.issued(conversationId)) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		return this.limiter.take(this.limits.chatLimit(), ClientAddress.of(exchange))
			.flatMap(taken -> taken.allowed() ? Mono.<Void>empty()
					: Mono.error(new TooManyRequests("Too many requests from here. Please wait a moment and try again.",
							taken.retryAfterSeconds())))
			.thenMany(Flux.defer(() -> this.log.conversation(CHANNEL, conversationId, HISTORY_MAX)))
			.collectList()
			.map(logged -> new History(conversationId, logged.stream().map(this::toEntry).toList(),
					logged.stream().mapToLong(MessageLog.Logged::id).max().orElse(0)));
	}

	/**
	 * An answer is shown again as it was first (summary, then More) while its article is
	 * still published; anything else, or an answer whose article has gone, as the words
	 * logged.
	 */
	private Entry toEntry(MessageLog.Logged logged) {
		if (!logged.outbound()) {
			return new Entry(YOU, null, logged.text(), null, null);
		}
		String from = "WORKER_REPLY".equals(logged.kind()) ? WORKER : WAYMARK;
		boolean answer = "ANSWER".equals(logged.kind()) || "FULL_ANSWER".equals(logged.kind());
		return (answer && logged.articleId() != null
				? this.knowledge.find(logged.articleId(), logged.language())
					.map(article -> this.replyText.expandable(new Reply(Reply.Kind.valueOf(logged.kind()), article, 1.0,
							true, List.of(), logged.language())))
					.map(words -> new Entry(from, words.title(), words.summary(), words.more(), words.source()))
				: Optional.<Entry>empty())
			.orElseGet(() -> new Entry(from, null, logged.text(), null, null));
	}

	/** Empty when the client may send this now; 429 otherwise, never for a crisis. */
	private Mono<Void> allowed(String text, String client) {
		boolean linkCode = LinkCodes.isCode(text);
		return this.limiter.take(this.limits.chatLimit(), client).flatMap(chat -> {
			if (!chat.allowed()) {
				return this.conversation.isCrisis(text) ? Mono.empty() : Mono.error(new TooManyRequests(
						"Too many messages from here. Please wait a moment and try again. " + "In danger? Call 999.",
						chat.retryAfterSeconds()));
			}
			if (!linkCode) {
				return Mono.empty();
			}
			return this.limiter.take(this.limits.linkCodeLimit(), client)
				.flatMap(link -> link.allowed() ? Mono.empty()
						: Mono.error(new TooManyRequests(
								"Too many link codes tried from here. Please try again later, or ask your worker.",
								link.retryAfterSeconds())));
		});
	}

	private ChatReply toChatReply(Reply reply, String conversationId) {
		String articleId = reply.article() != null && reply.confident() ? reply.article().id() : null;
		List<Choice> choices = new java.util.ArrayList<>();
		if (reply.kind() == Reply.Kind.CHOOSE) {
			for (int i = 0; i < reply.choices().size(); i++) {
				choices.add(new Choice(String.valueOf(i + 1), reply.choices().get(i).title()));
			}
		}
		ReplyText.Expandable words = this.replyText.expandable(reply);
		return new ChatReply(this.replyText.fullText(reply), words.title(), words.summary(), words.more(),
				words.source(), articleId, reply.confident(), conversationId, choices);
	}

	/**
	 * {@code conversationId} is the one the server gave in its last reply: sending it
	 * back lets MORE follow on from the last answer and keeps a linked chat linked.
	 */
	record ChatRequest(String text, String language, String conversationId) {
	}

	/**
	 * @param reply the whole reply as one text, for clients that show it as it is
	 * @param title the answer's title, or null
	 * @param summary what the chat page shows first
	 * @param more what its "More" button shows, or null
	 * @param source the answer's source address, or null
	 * @param articleId the answer's article, for clients that track it (the page shows no
	 * ids); the bot's score is kept from the public
	 * @param conversationId the conversation's id, issued by the server: send it with the
	 * next message
	 * @param choices for "did you mean", the articles offered: sending a choice's
	 * {@code reply} as the next message picks it
	 */
	record ChatReply(String reply, String title, String summary, String more, String source, String articleId,
			boolean confident, String conversationId, List<Choice> choices) {
	}

	/**
	 * A conversation so far, oldest first.
	 *
	 * @param lastEventId where the page's event stream goes on from ({@code after}), so
	 * that it brings what came after these messages and none of them again
	 */
	record History(String conversationId, List<Entry> messages, long lastEventId) {
	}

	/**
	 * One message of a conversation, shaped like a reply.
	 *
	 * @param from {@code you}, {@code waymark} or {@code worker}
	 * @param title an answer's title, or null
	 * @param summary what to show first
	 * @param more what "More" shows, or null
	 * @param source an answer's source address, or null
	 */
	record Entry(String from, String title, String summary, String more, String source) {
	}

	/**
	 * One "did you mean" choice.
	 *
	 * @param reply what to send to pick it (its number)
	 * @param title the article's title
	 */
	record Choice(String reply, String title) {
	}

}
