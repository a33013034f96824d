package app.waymark.system;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import app.waymark.WaymarkApplication;
import app.waymark.channel.sms.TwilioStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Stored before acknowledged" on the embedded default: a Waymark process on an H2 file,
 * with the database URLs it ships with, takes signed SMS webhooks and is killed with
 * SIGKILL the moment the last one is answered. Every message it answered 200 must be in
 * the file afterwards (Twilio never sends those again). A separate JVM, so the kill takes
 * the application and not the test; bounded: 60 webhooks, a minute and a half to start.
 */
class EmbeddedDatabaseCrashIntegrationTests {

	static final int MESSAGES = 60;

	static final int AT_ONCE = 4;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Test
	void everyWebhookAnswered200IsInTheFileAfterAKill9(@TempDir Path data) throws Exception {
		int port = freePort();
		Path log = data.resolve("app.log");
		Process app = start(port, data.resolve("db"), log);
		List<String> acknowledged = new ArrayList<>();
		try {
			awaitLiveness(app, port, log);
			ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
			for (int from = 0; from < MESSAGES; from += AT_ONCE) {
				List<CompletableFuture<Void>> calls = new ArrayList<>();
				for (int i = from; i < from + AT_ONCE; i++) {
					Map<String, String> params = TwilioStub.sms("+447700" + (940_000 + i), "council tax");
					calls.add(
							this.http
								.sendAsync(TwilioStub.webhookRequest("http://127.0.0.1:" + port, params).build(),
										HttpResponse.BodyHandlers.discarding())
								.thenAccept(response -> {
									if (response.statusCode() == 200) {
										answered.add(params.get("MessageSid"));
									}
								}));
				}
				CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
			}
			acknowledged.addAll(answered);
		}
		finally {
			// SIGKILL on Linux: no shutdown hook, nothing flushed on the way out
			app.destroyForcibly().waitFor();
		}
		assertThat(acknowledged).as("the application answered the webhooks").hasSize(MESSAGES);
		Set<String> stored = storedSids(data.resolve("db"));
		List<String> lost = acknowledged.stream().filter(sid -> !stored.contains(sid)).toList();
		assertThat(lost)
			.as("answered 200 but not in the database after kill -9 (%d of %d)", lost.size(), acknowledged.size())
			.isEmpty();
	}

	/**
	 * The application as a deployment starts it: its own JVM, settings on the command
	 * line; the embedded database under {@code dataDir} with the shipped URLs. SMS is set
	 * up against a closed port and the dispatcher is off: replies wait in the queue,
	 * nothing leaves the machine.
	 */
	Process start(int port, Path dataDir, Path log) throws IOException {
		return start(port, dataDir, log, List.of());
	}

	/** As above, with more settings on the command line ({@code --name=value}). */
	Process start(int port, Path dataDir, Path log, List<String> more) throws IOException {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx384m", "-cp", mainClassPath(), WaymarkApplication.class.getName(),
						"--server.port=" + port, "--waymark.data.dir=" + dataDir, "--waymark.outbound.enabled=false",
						"--waymark.checkin.enabled=false", "--waymark.channel.sweep.enabled=false"));
		TwilioStub.properties("http://127.0.0.1:9").forEach((key, value) -> command.add("--" + key + "=" + value));
		command.addAll(more);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		// the shipped defaults, whatever the environment running the build says
		Stream.of("WAYMARK_DB_URL", "WAYMARK_DB_JDBC_URL", "WAYMARK_DATA_DIR", "SERVER_PORT")
			.forEach(builder.environment()::remove);
		return builder.start();
	}

	/** The build's class path without the test classes: the application as shipped. */
	static String mainClassPath() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Stream.of(classPath.split(File.pathSeparator))
			.filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
			.collect(Collectors.joining(File.pathSeparator));
	}

	void awaitLiveness(Process app, int port, Path log) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
		HttpRequest liveness = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		while (System.nanoTime() < deadline) {
			assertThat(app.isAlive()).as("the application exited: %s", tail(log)).isTrue();
			try {
				if (this.http.send(liveness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError("the application did not start within 90 s: " + tail(log));
	}

	/** What a restart finds: the inbound messages in the file, by Twilio's MessageSid. */
	static Set<String> storedSids(Path dataDir) throws Exception {
		Set<String> sids = new HashSet<>();
		try (Connection connection = DriverManager.getConnection(
				"jdbc:h2:file:" + dataDir.resolve("waymark") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE", "sa", "");
				ResultSet rows = connection.createStatement()
					.executeQuery("select provider_id from message where direction = 'IN'")) {
			while (rows.next()) {
				sids.add(rows.getString(1));
			}
		}
		return sids;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no log)";
		}
	}

}
