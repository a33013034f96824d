package app.waymark.channel;

import java.time.Duration;

import reactor.core.publisher.Mono;

/**
 * How one channel sends a queued message to its provider. Implementations never throw for
 * a provider's answer: they say whether it was sent, should be tried again, or can never
 * be sent.
 */
public interface ChannelSender {

	/** The channel name this sender serves ("sms", "telegram"). */
	String channel();

	/** Most messages a second the provider accepts from this sender. */
	double messagesPerSecond();

	Mono<SendResult> send(QueuedMessage message);

	/** A provider's answer in the terms the queue acts on. */
	sealed interface SendResult {

		/** Accepted by the provider. */
		record Sent(String providerId, int segments) implements SendResult {
		}

		/**
		 * Worth trying again: 5xx, 429, time-out. {@code after} is the provider's wish,
		 * or null.
		 */
		record Retry(String reason, Duration after) implements SendResult {
		}

		/**
		 * Will never work: the recipient opted out, blocked the bot, or the address is
		 * dead. {@code unreachable} marks the address so nothing else is sent there.
		 */
		record Permanent(String reason, boolean unreachable) implements SendResult {
		}

	}

}
