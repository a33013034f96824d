package app.waymark.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import app.waymark.channel.ChannelSender.SendResult;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A sender (SMS unless the test says otherwise) whose provider answers as the test says:
 * {@code send} for each attempt, {@code earlier} for each look-up of an earlier attempt.
 * Records when each look-up asked from.
 */
final class FakeSender implements ChannelSender {

	private final Function<QueuedMessage, Mono<SendResult>> send;

	private final Function<QueuedMessage, Flux<SendResult.Sent>> earlier;

	List<Instant> askedSince = new ArrayList<>();

	String channel = "sms";

	LongestCall longestCall = new LongestCall(Duration.ofSeconds(1), "the test's", null);

	FakeSender(Function<QueuedMessage, Mono<SendResult>> send, Function<QueuedMessage, Flux<SendResult.Sent>> earlier) {
		this.send = send;
		this.earlier = earlier;
	}

	/** A provider that answers every attempt so and never finds an earlier one. */
	static FakeSender answering(Function<QueuedMessage, SendResult> answer) {
		return new FakeSender(message -> Mono.fromSupplier(() -> answer.apply(message)), message -> Flux.empty());
	}

	@Override
	public String channel() {
		return this.channel;
	}

	@Override
	public double messagesPerSecond() {
		return 1000;
	}

	@Override
	public LongestCall longestCall() {
		return this.longestCall;
	}

	@Override
	public Mono<SendResult> send(QueuedMessage message) {
		return Mono.defer(() -> this.send.apply(message));
	}

	@Override
	public Flux<SendResult.Sent> findEarlier(QueuedMessage message, Instant since) {
		this.askedSince.add(since);
		return Flux.defer(() -> this.earlier.apply(message));
	}

}
