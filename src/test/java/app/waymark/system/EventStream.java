package app.waymark.system;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A server-sent event stream read over real HTTP as a browser's {@code EventSource} reads
 * one: {@code id:} and {@code data:} lines make an event at each blank line, comment
 * lines ({@code :...}) are kept apart. A reader thread queues what arrives, so a test can
 * wait for the next event with a time limit.
 */
public final class EventStream implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** One event: its id (null if it had none) and its data. */
	public record Event(String id, String data) {
	}

	private final HttpResponse<InputStream> response;

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> comments = new LinkedBlockingQueue<>();

	private final Thread reader;

	private EventStream(HttpResponse<InputStream> response) {
		this.response = response;
		this.reader = Thread.ofVirtual().start(this::read);
	}

	/**
	 * Opens the stream at {@code url} with these request headers; returns once the
	 * response's headers are in, whatever its status.
	 */
	public static EventStream open(String url, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
		headers.forEach(request::header);
		try {
			return new EventStream(HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofInputStream()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public int status() {
		return this.response.statusCode();
	}

	public HttpResponse<InputStream> response() {
		return this.response;
	}

	/** The next event, or null if none comes within {@code wait}. */
	public Event next(Duration wait) throws InterruptedException {
		return this.events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Every event that comes within {@code wait}. */
	public List<Event> during(Duration wait) throws InterruptedException {
		long deadline = System.nanoTime() + wait.toNanos();
		List<Event> got = new ArrayList<>();
		while (true) {
			long left = deadline - System.nanoTime();
			Event event = left > 0 ? this.events.poll(left, TimeUnit.NANOSECONDS) : null;
			if (event == null) {
				return got;
			}
			got.add(event);
		}
	}

	/** The next comment line's text (after the colon), or null if none comes in time. */
	public String nextComment(Duration wait) throws InterruptedException {
		return this.comments.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Whether the server ended the response within {@code wait}. */
	public boolean ends(Duration wait) throws InterruptedException {
		return this.reader.join(wait);
	}

	private void read() {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(this.response.body(), StandardCharsets.UTF_8))) {
			String id = null;
			StringBuilder data = null;
			for (String line = lines.readLine(); line != null; line = lines.readLine()) {
				if (line.isEmpty()) {
					if (data != null) {
						this.events.add(new Event(id, data.toString()));
					}
					id = null;
					data = null;
				}
				else if (line.startsWith(":")) {
					this.comments.add(line.substring(1).strip());
				}
				else if (line.startsWith("id:")) {
					id = line.substring(3).strip();
				}
				else if (line.startsWith("data:")) {
					String value = line.substring(5);
					value = value.startsWith(" ") ? value.substring(1) : value;
					data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
				}
			}
		}
		catch (IOException ex) {
			// closed by the test, or by the server
		}
	}

	@Override
	public void close() {
		try {
			this.response.body().close();
		}
		catch (IOException ex) {
			// already closed
		}
		this.reader.interrupt();
	}

}
