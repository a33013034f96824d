package app.waymark.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code channels} part of {@code /actuator/health}: which channels can send, and
 * whether the outbound queue is moving. DOWN when the oldest queued message has waited
 * longer than {@link #STUCK}: replies, check-ins and alerts are then not reaching people.
 */
@Component("channels")
class ChannelsHealth implements ReactiveHealthIndicator {

	static final Duration STUCK = Duration.ofMinutes(15);

	private final List<ChannelSender> senders;

	private final OutboundQueue queue;

	private final Clock clock;

	ChannelsHealth(List<ChannelSender> senders, OutboundQueue queue, Clock clock) {
		this.senders = senders;
		this.queue = queue;
		this.clock = clock;
	}

	@Override
	public Mono<Health> health() {
		List<String> sending = this.senders.stream().map(ChannelSender::channel).sorted().toList();
		return this.queue.backlog().map(backlog -> {
			long waited = backlog.oldest() == null ? 0
					: Math.max(0, Duration.between(backlog.oldest(), OffsetDateTime.now(this.clock)).toSeconds());
			Health.Builder health = waited > STUCK.toSeconds() ? Health.down() : Health.up();
			return health.withDetail("sending", sending)
				.withDetail("queued", backlog.queued())
				.withDetail("oldestQueuedSeconds", waited)
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

}
