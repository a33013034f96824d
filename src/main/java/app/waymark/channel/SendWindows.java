package app.waymark.channel;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Every channel's {@link SendWindow}, asked by channel name: a feature that starts a
 * conversation (an announcement) learns before queueing whether the channel would refuse
 * the message, and can record why instead of queueing a message bound to fail.
 */
@Component
public class SendWindows {

	/**
	 * The reason given when a message may go only as an approved template and has none.
	 */
	public static final String NEEDS_TEMPLATE = "needs template";

	private final Map<String, SendWindow> byChannel;

	public SendWindows(List<SendWindow> windows) {
		this.byChannel = windows.stream().collect(Collectors.toMap(SendWindow::channel, Function.identity()));
	}

	/** Why {@code channel} would refuse this message now; empty when it would take it. */
	public Mono<String> refusal(String channel, String address, String kind) {
		SendWindow window = this.byChannel.get(channel);
		return window == null ? Mono.empty() : window.refusal(address, kind);
	}

}
