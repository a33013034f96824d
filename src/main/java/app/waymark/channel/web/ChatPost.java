package app.waymark.channel.web;

import java.time.Duration;

import app.waymark.channel.ChannelSender;
import app.waymark.channel.QueuedMessage;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Sends a queued message to a web chat (a worker's reply) by leaving it in the
 * conversation: a page open on it here gets it at once on its event stream, one open on
 * another instance within seconds ({@link OpenChats}), and a closed one in the history at
 * the next visit. No provider is called, so sending cannot fail; without this a worker's
 * reply to a young person linked on the web chat would wait in the queue for ever.
 */
@Component
class ChatPost implements ChannelSender {

	private final OpenChats chats;

	ChatPost(OpenChats chats) {
		this.chats = chats;
	}

	@Override
	public String channel() {
		return ChatController.CHANNEL;
	}

	@Override
	public double messagesPerSecond() {
		return 100;
	}

	@Override
	public boolean pacedAcrossInstances() {
		return false;
	}

	@Override
	public Mono<SendResult> send(QueuedMessage message) {
		// The message log row, marked sent by the dispatcher, is what a page reads: one
		// open elsewhere finds it in the database, a closed one in the history. Telling
		// the pages open here can never make the send fail.
		return Mono.fromRunnable(() -> this.chats.sending(message))
			.onErrorResume(ex -> Mono.empty())
			.thenReturn(new SendResult.Sent(null, 1));
	}

	@Override
	public LongestCall longestCall() {
		return new LongestCall(Duration.ofMillis(1), "nothing leaves Waymark", null);
	}

}
