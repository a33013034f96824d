package app.waymark.channel;

import reactor.core.publisher.Mono;

/**
 * Something a linked worker can text or tap back from their phone or Telegram chat that
 * another feature answers, not the bot (acknowledging an alert). The {@link Inbox} asks
 * every one about each message from a linked worker, before the conversation core; the
 * first that recognises the text answers it. The channel owns this contract so it never
 * depends on the features that answer.
 */
public interface WorkerCommand {

	/** Whether the text is this command at all, whoever sent it. */
	boolean recognises(String text);

	/**
	 * Carries the command out for the worker.
	 * @param workerId the linked worker who sent it
	 * @param channel the channel it came by
	 * @param text what they wrote, {@link #recognises recognised} as this command
	 * @return the reply to send back, or empty for none
	 */
	Mono<String> carryOut(long workerId, String channel, String text);

}
