package app.waymark.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import app.waymark.WaymarkApplication;
import app.waymark.channel.sms.TwilioStub;
import app.waymark.channel.telegram.TelegramStub;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Waymark process, started as a deployment starts one: settings on the command
 * line, a free port, a data directory of its own. For tests of what only a running
 * application shows (several instances, a database going away), which post to it over
 * real HTTP at {@link #base()}.
 */
final class WholeApplication implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private WholeApplication(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Settings for an application on this database with both channels pointed at the
	 * stubs and the outbound dispatcher, the check-in scheduler and the knowledge poll on
	 * short real intervals; a test adds or overrides its own.
	 */
	static Map<String, String> settings(TestDatabase database, TwilioStub twilio, TelegramStub telegram) {
		Map<String, String> settings = new LinkedHashMap<>(database.springProperties());
		settings.putAll(TwilioStub.properties(twilio.apiBaseUrl()));
		settings.putAll(TelegramStub.properties(telegram.apiBaseUrl()));
		settings.put("waymark.outbound.enabled", "true");
		settings.put("waymark.outbound.poll-interval", "100ms");
		settings.put("waymark.checkin.enabled", "true");
		settings.put("waymark.checkin.poll-interval", "200ms");
		settings.put("waymark.admin.poll-interval", "500ms");
		return settings;
	}

	/** Starts one with these settings and test configuration classes (a clock) on top. */
	static WholeApplication start(String name, Map<String, String> settings, Class<?>... configuration) {
		Map<String, String> all = new LinkedHashMap<>(settings);
		all.put("server.port", "0");
		try {
			all.put("waymark.data.dir", Files.createTempDirectory("waymark-" + name).toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		String[] args = all.entrySet()
			.stream()
			.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		Class<?>[] sources = new Class<?>[configuration.length + 1];
		sources[0] = WaymarkApplication.class;
		System.arraycopy(configuration, 0, sources, 1, configuration.length);
		return new WholeApplication(new SpringApplicationBuilder(sources).run(args));
	}

	/** Where it takes HTTP requests, without a trailing slash. */
	String base() {
		return "http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port");
	}

	/** Waits until the messages it acknowledged have been answered. */
	void answered() {
		Answering.settled(this.context.getBean(io.micrometer.core.instrument.MeterRegistry.class));
	}

	/**
	 * Stops the instances that started, then drops their database: what a test class
	 * running several instances does after all its tests.
	 */
	static void closeAll(TestDatabase database, WholeApplication... instances) {
		for (WholeApplication instance : instances) {
			if (instance != null) {
				instance.close();
			}
		}
		if (database != null) {
			database.close();
		}
	}

	@Override
	public void close() {
		this.context.close();
	}

}
