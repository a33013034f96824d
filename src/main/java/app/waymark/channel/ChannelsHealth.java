package app.waymark.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code channels} part of {@code /actuator/health}: which channels can send, and
 * whether the outbound queue is moving. DOWN, with each reason under {@code stuck}, when
 * replies, check-ins and alerts are not reaching people:
 * <ul>
 * <li>a message the provider accepted could not be recorded (held in memory so it is not
 * sent again);</li>
 * <li>every dispatch pass of a channel has failed for {@link #FAILING};</li>
 * <li>while the dispatcher runs here, a message has been due for longer than
 * {@link #STALLED} and nothing on its channel left the queue for as long (a backlog that
 * drains is moving; one that does not is stuck);</li>
 * <li>the oldest queued message has waited longer than {@link #STUCK}, whatever the
 * reason (the provider refusing everything, say).</li>
 * </ul>
 */
@Component("channels")
class ChannelsHealth implements ReactiveHealthIndicator {

	static final Duration STUCK = Duration.ofMinutes(15);

	static final Duration STALLED = Duration.ofSeconds(60);

	static final Duration FAILING = Duration.ofSeconds(30);

	private final List<ChannelSender> senders;

	private final OutboundQueue queue;

	private final OutboundDispatcher dispatcher;

	private final Clock clock;

	ChannelsHealth(List<ChannelSender> senders, OutboundQueue queue, OutboundDispatcher dispatcher, Clock clock) {
		this.senders = senders;
		this.queue = queue;
		this.dispatcher = dispatcher;
		this.clock = clock;
	}

	@Override
	public Mono<Health> health() {
		List<String> sending = this.senders.stream().map(ChannelSender::channel).sorted().toList();
		OutboundDispatcher.Progress progress = this.dispatcher.progress();
		Mono<Map<String, Instant>> due = progress.started() == null ? Mono.just(Map.of()) : this.queue.dueSince();
		return Mono.zip(this.queue.backlog(), due, this.queue.parked()).map(found -> {
			OutboundQueue.Backlog backlog = found.getT1();
			Instant now = this.clock.instant();
			long waited = backlog.oldest() == null ? 0
					: Math.max(0, Duration.between(backlog.oldest().toInstant(), now).toSeconds());
			List<String> stuck = stuck(progress, new TreeMap<>(found.getT2()), now);
			if (waited > STUCK.toSeconds()) {
				stuck.add("the oldest queued message has waited " + waited + " s");
			}
			Health.Builder health = stuck.isEmpty() ? Health.up() : Health.down().withDetail("stuck", stuck);
			return health.withDetail("sending", sending)
				.withDetail("queued", backlog.queued())
				.withDetail("oldestQueuedSeconds", waited)
				.withDetail("parked", found.getT3())
				.build();
		})
			// An error here would escape the health endpoint as a 500; while the database
			// is away the queue cannot move, which is DOWN. The type only: messages of
			// driver exceptions can name hosts and users.
			.onErrorResume(ex -> Mono.just(Health.down()
				.withDetail("sending", sending)
				.withDetail("error", ex.getClass().getSimpleName())
				.build()));
	}

	private List<String> stuck(OutboundDispatcher.Progress progress, Map<String, Instant> dueSince, Instant now) {
		List<String> stuck = new ArrayList<>();
		if (progress.unrecorded() > 0) {
			stuck.add(progress.unrecorded() + " message(s) accepted by the provider could not be recorded; "
					+ "held so they are not sent again");
		}
		new TreeMap<>(progress.failing()).forEach((channel, failing) -> {
			long seconds = Duration.between(failing.since(), now).toSeconds();
			if (seconds >= FAILING.toSeconds()) {
				stuck.add(channel + ": every dispatch pass has failed for " + seconds + " s (" + failing.error() + ")");
			}
		});
		dueSince.forEach((channel, since) -> {
			long waiting = Duration.between(since, now).toSeconds();
			// nothing moved yet: counted from when sending began here
			Instant moved = progress.lastMoved().getOrDefault(channel, progress.started());
			long still = Duration.between(moved, now).toSeconds();
			if (waiting > STALLED.toSeconds() && still > STALLED.toSeconds()) {
				stuck.add(channel + ": a message due " + waiting + " s ago is still queued, and none has left the "
						+ "queue for " + still + " s");
			}
		});
		return stuck;
	}

}
