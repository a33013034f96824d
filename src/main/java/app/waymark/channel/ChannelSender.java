package app.waymark.channel;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How one channel sends a queued message to its provider. Implementations never throw for
 * a provider's answer: they say whether it was sent, should be tried again, can never be
 * sent, or got no answer at all.
 */
public interface ChannelSender {

	/** The channel name this sender serves ("sms", "telegram"). */
	String channel();

	/** Most messages a second the provider accepts from this sender. */
	double messagesPerSecond();

	Mono<SendResult> send(QueuedMessage message);

	/**
	 * Least time between two messages to one recipient, across all instances, or null for
	 * none.
	 */
	default Duration perAddressInterval() {
		return null;
	}

	/**
	 * Whether {@link #messagesPerSecond} is shared by every instance ({@link SendRates});
	 * false where nothing leaves Waymark.
	 */
	default boolean pacedAcrossInstances() {
		return true;
	}

	/**
	 * The longest one call to the provider ({@link #send} or {@link #findEarlier}) can
	 * keep the dispatcher waiting. The outbound lease must outlast it: a row whose lease
	 * ran out mid-call can be taken by another instance, which would send it again while
	 * the first call is still on its way.
	 */
	LongestCall longestCall();

	/**
	 * Messages the provider already holds that may be an earlier attempt at this one
	 * (same recipient and text, created at or after {@code since}, allowing for clock
	 * skew), newest first. The dispatcher asks before sending a message whose earlier
	 * attempt ended without an answer (a crash, a time-out), takes the first candidate
	 * not already recorded for another message, and sends only if there is none.
	 *
	 * <p>
	 * Fails with {@link LookupFailed} when the provider cannot be asked: the message is
	 * then tried again later rather than sent blind. The default finds nothing, so a
	 * channel whose provider cannot list what it sent stays at-least-once across a crash
	 * in mid-call.
	 */
	default Flux<SendResult.Sent> findEarlier(QueuedMessage message, Instant since) {
		return Flux.empty();
	}

	/**
	 * @param duration how long a call can take at most
	 * @param why what makes it so, naming the setting where there is one
	 * @param setting the environment variable that shortens it, or null where fixed
	 */
	record LongestCall(Duration duration, String why, String setting) {
	}

	/** A provider's answer in the terms the queue acts on. */
	sealed interface SendResult {

		/** Accepted by the provider. */
		record Sent(String providerId, int segments) implements SendResult {
		}

		/**
		 * Not accepted, worth trying again: 5xx, 429, a local rate limit. {@code after}
		 * is the provider's wish, or null.
		 */
		record Retry(String reason, Duration after) implements SendResult {
		}

		/**
		 * No answer came (time-out, connection lost after the request went out): the
		 * provider may have accepted it. Tried again like {@link Retry}, but only after
		 * {@link #findEarlier} says the earlier attempt did not get through.
		 */
		record NoAnswer(String reason) implements SendResult {
		}

		/**
		 * Will never work: the recipient opted out, blocked the bot, or the address is
		 * dead. {@code unreachable} marks the address so nothing else is sent there.
		 */
		record Permanent(String reason, boolean unreachable) implements SendResult {
		}

	}

	/**
	 * The provider could not be asked; the message says why and is safe to log and store.
	 */
	final class LookupFailed extends RuntimeException {

		public LookupFailed(String reason) {
			super(reason, null, false, false);
		}

	}

}
