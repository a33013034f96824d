package app.waymark.system;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Hooks;

import org.springframework.stereotype.Component;

/**
 * Errors Reactor drops because whoever asked has gone (a request cancelled, or timed out
 * waiting for a connection that then failed to open, as happens by the dozen while the
 * database restarts). By default each is logged at ERROR with a whole stack trace; the
 * caller has already had its own error, so one line with the type says enough.
 */
@Component
class DroppedErrors {

	private static final Logger log = LoggerFactory.getLogger(DroppedErrors.class);

	/** The hook is JVM-wide and cumulative: set it once however many contexts start. */
	private static final AtomicBoolean installed = new AtomicBoolean();

	DroppedErrors() {
		if (installed.compareAndSet(false, true)) {
			Hooks.onErrorDropped(ex -> log.warn("Error after its caller had gone: {}", ex.getClass().getSimpleName()));
		}
	}

}
