package app.waymark.system;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * A provider's webhook is acknowledged once its message is stored, and the message is
 * answered just after. A test that looks at the answer waits here first.
 */
public final class Answering {

	private static final Duration AT_MOST = Duration.ofSeconds(10);

	private Answering() {
	}

	/** Waits until no acknowledged message is still being answered. */
	public static void settled(MeterRegistry meters) {
		long until = System.nanoTime() + AT_MOST.toNanos();
		while (meters.get("waymark.inbound.answering").gauge().value() > 0) {
			if (System.nanoTime() > until) {
				throw new AssertionError("a message was still being answered after " + AT_MOST);
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

}
