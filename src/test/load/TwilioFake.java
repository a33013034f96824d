import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Twilio's Messages API as far as Waymark uses it, for crash.sh: creating a message
 * records it (before the answer, so a client killed mid-call leaves it accepted, as at
 * Twilio) and answers 201 after a delay; listing filters by To and From, newest first, in
 * Twilio's page shape, so the dispatcher can find an attempt it never heard back about.
 * Loopback only, in memory, no dependencies: compiled with LoadKit.java by the script.
 *
 * <p>
 * Arguments: port [delayMillis]. {@code GET /_fake/summary} prints what was created;
 * {@code GET /_fake/wait?created=n} answers once n messages have been created.
 */
public class TwilioFake {

	/** Twilio's JSON dates (RFC 2822), which its SDK parses. */
	static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

	record Created(String sid, String account, String to, String from, String service, String body,
			ZonedDateTime at) {
	}

	static final List<Created> created = new ArrayList<>();

	static final AtomicInteger lists = new AtomicInteger();

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		long delay = args.length > 1 ? Long.parseLong(args[1]) : 50;
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
		server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
		server.createContext("/2010-04-01/Accounts/", exchange -> {
			try {
				String path = exchange.getRequestURI().getPath();
				String[] parts = path.split("/");
				// /2010-04-01/Accounts/{sid}/Messages.json
				if (parts.length != 5 || !parts[4].equals("Messages.json")) {
					answer(exchange, 404, "{\"code\":20404,\"message\":\"not found\",\"status\":404}");
				}
				else if (exchange.getRequestMethod().equals("POST")) {
					create(exchange, parts[3], delay);
				}
				else if (exchange.getRequestMethod().equals("GET")) {
					list(exchange, parts[3], path);
				}
				else {
					answer(exchange, 405, "{\"code\":20405,\"message\":\"method\",\"status\":405}");
				}
			}
			catch (Exception ex) {
				answer(exchange, 500, "{\"code\":20500,\"message\":\"fake failed\",\"status\":500}");
			}
		});
		server.createContext("/_fake/summary", exchange -> {
			Map<String, Integer> perNumber = new HashMap<>();
			int total;
			synchronized (created) {
				total = created.size();
				created.forEach(message -> perNumber.merge(message.to(), 1, Integer::sum));
			}
			Map<Integer, Integer> spread = new TreeMap<>();
			perNumber.values().forEach(n -> spread.merge(n, 1, Integer::sum));
			answer(exchange, 200, "text/plain", "created=" + total + " lists=" + lists.get() + "\nnumbers answered: "
					+ perNumber.size() + " - messages per number: " + spread.toString().replace("=", ": ") + "\n");
		});
		// Answers as soon as the n-th message has been created, while its 201 is still
		// being held back: the caller can kill the app with that message in flight.
		server.createContext("/_fake/wait", exchange -> {
			Map<String, String> query = LoadKit.parseForm(
					exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
			int wanted = Integer.parseInt(query.getOrDefault("created", "1"));
			long deadline = System.nanoTime() + Long.parseLong(query.getOrDefault("seconds", "60")) * 1_000_000_000L;
			int now;
			while ((now = count()) < wanted && System.nanoTime() < deadline) {
				try {
					Thread.sleep(1);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			answer(exchange, now >= wanted ? 200 : 504, "text/plain", "created=" + now + "\n");
		});
		server.start();
		System.out.println("Twilio fake on 127.0.0.1:" + port);
	}

	static int count() {
		synchronized (created) {
			return created.size();
		}
	}

	static void create(HttpExchange exchange, String account, long delay) throws Exception {
		Map<String, String> form = LoadKit
			.parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		String sid = "SM" + HexFormat.of().formatHex(randomBytes(16));
		Created message;
		synchronized (created) {
			message = new Created(sid, account, form.get("To"), form.getOrDefault("From", ""),
					form.get("MessagingServiceSid"), form.getOrDefault("Body", ""), ZonedDateTime.now(ZoneOffset.UTC));
			created.add(message);
		}
		Thread.sleep(delay);
		answer(exchange, 201, json(message));
	}

	static void list(HttpExchange exchange, String account, String path) throws IOException {
		lists.incrementAndGet();
		String query = exchange.getRequestURI().getRawQuery();
		Map<String, String> filter = LoadKit.parseForm(query == null ? "" : query);
		int pageSize = Math.min(Integer.parseInt(filter.getOrDefault("PageSize", "50")), 1000);
		List<String> page = new ArrayList<>();
		synchronized (created) {
			for (int i = created.size() - 1; i >= 0 && page.size() < pageSize; i--) {
				Created message = created.get(i);
				if (message.account().equals(account)
						&& (!filter.containsKey("To") || filter.get("To").equals(message.to()))
						&& (!filter.containsKey("From") || filter.get("From").equals(message.from()))) {
					page.add(json(message));
				}
			}
		}
		String uri = path + (query == null ? "" : "?" + query);
		answer(exchange, 200,
				"{\"messages\":[" + String.join(",", page) + "],\"uri\":" + LoadKit.json(uri) + ",\"first_page_uri\":"
						+ LoadKit.json(uri) + ",\"next_page_uri\":null,\"previous_page_uri\":null,\"page\":0,\"page_size\":"
						+ pageSize + ",\"start\":0,\"end\":" + Math.max(0, page.size() - 1) + "}");
	}

	static String json(Created message) {
		String date = LoadKit.json(DATE.format(message.at()));
		return "{\"sid\":" + LoadKit.json(message.sid()) + ",\"account_sid\":" + LoadKit.json(message.account())
				+ ",\"to\":" + LoadKit.json(message.to()) + ",\"from\":" + LoadKit.json(message.from())
				+ ",\"messaging_service_sid\":" + (message.service() == null ? "null" : LoadKit.json(message.service()))
				+ ",\"body\":" + LoadKit.json(message.body()) + ",\"status\":\"queued\",\"direction\":\"outbound-api\","
				+ "\"num_segments\":\"1\",\"num_media\":\"0\",\"api_version\":\"2010-04-01\",\"date_created\":" + date
				+ ",\"date_updated\":" + date + ",\"date_sent\":null,\"price\":null,\"price_unit\":\"USD\","
				+ "\"error_code\":null,\"error_message\":null,\"uri\":"
				+ LoadKit.json("/2010-04-01/Accounts/" + message.account() + "/Messages/" + message.sid() + ".json")
				+ ",\"subresource_uris\":{}}";
	}

	static byte[] randomBytes(int n) {
		byte[] bytes = new byte[n];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	static void answer(HttpExchange exchange, int status, String json) throws IOException {
		answer(exchange, status, "application/json", json);
	}

	static void answer(HttpExchange exchange, int status, String type, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
