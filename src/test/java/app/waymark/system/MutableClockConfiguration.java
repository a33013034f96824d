package app.waymark.system;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Gives a Spring test's application a {@link MutableClock}, set to a Tuesday morning, in
 * place of the system clock; the test autowires it to move time on by hand.
 */
@TestConfiguration(proxyBeanMethods = false)
public class MutableClockConfiguration {

	@Bean
	@Primary
	MutableClock testClock() {
		return new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
	}

}
