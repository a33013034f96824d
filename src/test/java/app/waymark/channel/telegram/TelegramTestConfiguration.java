package app.waymark.channel.telegram;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import app.waymark.channel.ChatUnreachable;
import app.waymark.system.MutableClockConfiguration;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * What the Telegram integration tests add to the application: a clock they move by hand
 * and a collector of {@link ChatUnreachable} events.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(MutableClockConfiguration.class)
class TelegramTestConfiguration {

	@Bean
	Unreachables unreachables() {
		return new Unreachables();
	}

	/**
	 * Published from the webhook's thread, so collected here rather than per test thread.
	 */
	static class Unreachables {

		final List<ChatUnreachable> seen = new CopyOnWriteArrayList<>();

		@EventListener
		void on(ChatUnreachable event) {
			this.seen.add(event);
		}

	}

}
