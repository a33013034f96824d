package app.waymark.system;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import app.waymark.channel.sms.TwilioStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restart on the embedded default, as a council's IT team does it (SIGTERM): the
 * service stops with nothing failing in its log, and what it took before is still in the
 * file. H2 used to close the file from its own JVM shutdown hook while the polls were
 * still running, so every restart logged failed passes. A separate JVM, so the signal
 * reaches the application and not the test.
 */
class GracefulStopIntegrationTests {

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void aStopSignalEndsTheServiceWithoutFailedPassesAndKeepsWhatItTook(@TempDir Path data) throws Exception {
		EmbeddedDatabaseCrashIntegrationTests process = new EmbeddedDatabaseCrashIntegrationTests();
		int port = EmbeddedDatabaseCrashIntegrationTests.freePort();
		Path log = data.resolve("app.log");
		// the knowledge poll every 50 ms, so that passes are running when the signal
		// comes
		Process app = process.start(port, data.resolve("db"), log, List.of("--waymark.admin.poll-interval=50ms"));
		Map<String, String> params = TwilioStub.sms("+447700940999", "council tax");
		try {
			process.awaitLiveness(app, port, log);
			HttpResponse<Void> response = this.http.send(
					TwilioStub.webhookRequest("http://127.0.0.1:" + port, params).build(),
					HttpResponse.BodyHandlers.discarding());
			assertThat(response.statusCode()).isEqualTo(200);
			Thread.sleep(500);
			// SIGTERM on Linux: shutdown hooks run, as when a container is stopped
			app.destroy();
			assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
		}
		finally {
			app.destroyForcibly().waitFor();
		}
		List<String> lines = Files.readAllLines(log);
		int stopping = indexOf(lines, "Commencing graceful shutdown");
		assertThat(stopping)
			.as("the service began a graceful stop: %s", EmbeddedDatabaseCrashIntegrationTests.tail(log))
			.isNotNegative();
		assertThat(lines.subList(stopping, lines.size())).as("log lines after the stop signal")
			.noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR "));
		assertThat(EmbeddedDatabaseCrashIntegrationTests.storedSids(data.resolve("db")))
			.contains(params.get("MessageSid"));
	}

	private static int indexOf(List<String> lines, String text) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i;
			}
		}
		return -1;
	}

}
