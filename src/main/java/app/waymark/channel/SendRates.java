package app.waymark.channel;

import java.time.Duration;

import app.waymark.system.RateLimiter;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Each provider's sending rate, shared by every instance through the database
 * ({@link RateLimiter}): two instances together send no faster than one may. The
 * dispatcher still spaces its own sends, so a database the limiter cannot reach (which
 * lets everything through) leaves each instance at the provider's rate.
 */
@Component
public class SendRates {

	/** Each instance on its own: for tests that build a dispatcher by hand. */
	public static final SendRates UNSHARED = new SendRates(null);

	/**
	 * The longest wait for the channel's turn the dispatcher sits out; a longer one hands
	 * the message back to the queue for later instead of holding its claim.
	 */
	static final Duration WAIT_IN_LINE = Duration.ofSeconds(2);

	private final RateLimiter limiter;

	SendRates(RateLimiter limiter) {
		this.limiter = limiter;
	}

	/**
	 * Takes a turn to send this message: zero when it may go now, otherwise how long to
	 * wait first. A recipient's own interval (Telegram's one message a second per chat)
	 * is on the application's clock, like every other per-person limit; the channel's
	 * rate is on real time, since it spaces real calls.
	 */
	Mono<Duration> turn(ChannelSender sender, QueuedMessage message) {
		if (this.limiter == null || !sender.pacedAcrossInstances()) {
			return Mono.just(Duration.ZERO);
		}
		Duration interval = sender.perAddressInterval();
		Mono<Duration> recipient = interval == null ? Mono.just(Duration.ZERO)
				: this.limiter
					.take(new RateLimiter.Limit("send-" + sender.channel() + "-to", 1, interval), message.address())
					.map(RateLimiter.Verdict::retryAfter);
		return recipient.flatMap(wait -> wait.isZero() ? channelTurn(sender, 0) : Mono.just(wait));
	}

	private Mono<Duration> channelTurn(ChannelSender sender, int tries) {
		return this.limiter.pace(limit(sender), sender.channel()).flatMap(verdict -> {
			Duration wait = verdict.retryAfter();
			if (verdict.allowed() || wait.isZero()) {
				return Mono.just(Duration.ZERO);
			}
			if (wait.compareTo(WAIT_IN_LINE) > 0 || tries >= 20) {
				return Mono.just(wait);
			}
			return Mono.delay(wait).then(Mono.defer(() -> channelTurn(sender, tries + 1)));
		});
	}

	/**
	 * The provider's rate as a bucket: a second's worth at once (at least one), refilled
	 * evenly, so 0.5 a second is one every two seconds and 25 a second allows a burst of
	 * 25.
	 */
	static RateLimiter.Limit limit(ChannelSender sender) {
		double perSecond = Math.max(0.01, sender.messagesPerSecond());
		long capacity = Math.max(1, (long) Math.floor(perSecond));
		Duration period = Duration.ofNanos((long) (capacity * 1_000_000_000L / perSecond));
		return new RateLimiter.Limit("send-" + sender.channel(), capacity, period);
	}

}
