package app.waymark.system;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.channel.ProviderStub;
import app.waymark.channel.sms.TwilioStub;
import app.waymark.channel.telegram.TelegramStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static app.waymark.channel.sms.TwilioStub.form;
import static app.waymark.channel.telegram.TelegramStub.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated requests against every endpoint outsiders can reach: Twilio's two
 * webhooks, Telegram's webhook and the web chat. Each starts from a valid request and has
 * one to three mutations applied (flipped bytes, truncation, huge bodies, wrong content
 * types, invalid UTF-8, NUL bytes, deep JSON, a valid signature over a mutated body...).
 * None may produce a 5xx or show a stack trace, and the app must still answer a good
 * request afterwards.
 *
 * <p>
 * The seed is printed; replay a failure with {@code -Dwaymark.fuzz.seed=<seed>} (and
 * {@code -Dwaymark.fuzz.requests=<n>}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// the fuzzer is one client sending hundreds of chat messages: it looks for 5xx,
		// not for the chat's rate limit
		properties = { "waymark.outbound.enabled=false", "waymark.checkin.enabled=false",
				"waymark.limits.chat=100000/1m" })
class WebhookFuzzIntegrationTests {

	static final long SEED = Long.getLong("waymark.fuzz.seed", 20261124L);

	static final int REQUESTS = Integer.getInteger("waymark.fuzz.requests", 1_500);

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		// nothing is sent (outbound is off); a closed port in case anything tried
		ProviderStub.register(registry, TwilioStub.properties("http://127.0.0.1:9"));
		ProviderStub.register(registry, TelegramStub.properties("http://127.0.0.1:9"));
		registry.add("waymark.telegram.mode", () -> "webhook");
		// (a later value wins) no public URL, so nothing tries to register the webhook
		registry.add("waymark.telegram.public-base-url", () -> "");
	}

	@LocalServerPort
	int port;

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** One request to send: where, which content type, which headers, which bytes. */
	record Fuzzed(String path, String contentType, Map<String, String> headers, byte[] body, String mutations) {
	}

	@Test
	void mutatedRequestsNeverGive5xxOrStackTraces() throws Exception {
		System.out.println("Webhook fuzz: seed " + SEED + ", " + REQUESTS + " requests "
				+ "(replay with -Dwaymark.fuzz.seed=" + SEED + ")");
		Random random = new Random(SEED);
		List<Fuzzed> requests = new ArrayList<>();
		for (int i = 0; i < REQUESTS; i++) {
			requests.add(fuzz(random, i));
		}
		Map<String, Map<Integer, AtomicInteger>> statuses = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
		Semaphore inFlight = new Semaphore(8);
		CountDownLatch done = new CountDownLatch(requests.size());
		for (int i = 0; i < requests.size(); i++) {
			Fuzzed request = requests.get(i);
			int index = i;
			inFlight.acquire();
			this.http.sendAsync(build(request), HttpResponse.BodyHandlers.ofString())
				.whenComplete((response, error) -> {
					try {
						int status = (error != null) ? -1 : response.statusCode();
						statuses.computeIfAbsent(request.path(), p -> new ConcurrentHashMap<>())
							.computeIfAbsent(status, s -> new AtomicInteger())
							.incrementAndGet();
						String body = (response != null) ? response.body() : String.valueOf(error);
						if (status >= 500 || status < 0 || leaks(body)) {
							failures.add("#" + index + " " + request.path() + " [" + request.mutations() + "] -> "
									+ status + " " + abbreviate(body));
						}
					}
					finally {
						inFlight.release();
						done.countDown();
					}
				});
		}
		done.await();
		statuses.forEach((path, counts) -> System.out.println("Webhook fuzz " + path + ": " + new TreeMap<>(counts)));
		assertThat(failures).as("seed " + SEED).isEmpty();

		// still healthy: a good signed SMS and a good chat question are answered
		Map<String, String> good = sms("council tax");
		HttpResponse<String> sms = this.http.send(build(signedSms(TwilioStub.SMS_WEBHOOK, good, form(good), "good")),
				HttpResponse.BodyHandlers.ofString());
		assertThat(sms.statusCode()).isEqualTo(200);
		assertThat(sms.body()).contains("<Response/>");
		HttpResponse<String> chat = this.http.send(
				build(new Fuzzed("/api/v1/chat", "application/json", Map.of(),
						"{\"text\":\"can i get free bus travel?\"}".getBytes(StandardCharsets.UTF_8), "good")),
				HttpResponse.BodyHandlers.ofString());
		assertThat(chat.statusCode()).isEqualTo(200);
		assertThat(chat.body()).contains("\"reply\"");
	}

	static boolean leaks(String body) {
		return body != null && (body.contains("Exception") || body.contains("\tat ") || body.contains("at app.waymark")
				|| body.contains("java.lang") || body.contains("reactor.core"));
	}

	static String abbreviate(String text) {
		return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
	}

	HttpRequest build(Fuzzed request) {
		HttpRequest.Builder builder = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + request.path()))
			.timeout(Duration.ofSeconds(30))
			.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
		if (request.contentType() != null) {
			builder.header("Content-Type", request.contentType());
		}
		request.headers().forEach(builder::header);
		return builder.build();
	}

	// --- valid requests, then mutations

	static final String[] PATHS = { TwilioStub.SMS_WEBHOOK, TwilioStub.STATUS_WEBHOOK, TelegramStub.WEBHOOK,
			"/api/v1/chat" };

	static final String[] CONTENT_TYPES = { "text/plain", "application/xml", "multipart/form-data; boundary=xyz",
			"application/json", "application/x-www-form-urlencoded",
			"application/x-www-form-urlencoded; charset=latin1", "application/json; charset=utf-16", "a/b/c", "*/*",
			"application/octet-stream", "text/html; charset=\"" };

	static final String[] TEXTS = { "council tax", "HELP", "STOP", "START", "MORE", "/start abc",
			"i want to end it all", "\u202e🚌 سلام مرحبا bus? 👍🏽", "\\u0000", "' or 1=1 --",
			"<script>alert(1)</script>", "%00%ff", "AND OR NOT \"* ~2 ^3 [a TO z]", "🏳️‍🌈".repeat(300),
			"a".repeat(5_000), "" };

	Fuzzed fuzz(Random random, int index) {
		String path = PATHS[random.nextInt(PATHS.length)];
		String text = TEXTS[random.nextInt(TEXTS.length)];
		Fuzzed valid = switch (path) {
			case TwilioStub.SMS_WEBHOOK -> {
				Map<String, String> params = sms(text);
				yield signedSms(path, params, form(params), "valid");
			}
			case TwilioStub.STATUS_WEBHOOK -> {
				Map<String, String> params = new LinkedHashMap<>();
				params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
				params.put("MessageStatus", new String[] { "delivered", "failed", "sent", "undelivered" }[index % 4]);
				params.put("AccountSid", TwilioStub.SID);
				yield signedSms(path, params, form(params), "valid");
			}
			case TelegramStub.WEBHOOK ->
				new Fuzzed(path, "application/json", Map.of(TelegramStub.SECRET_HEADER, TelegramStub.SECRET),
						TelegramStub.message(500_000 + index, String.valueOf(870_000_000L + index % 50), text)
							.getBytes(StandardCharsets.UTF_8),
						"valid");
			default -> new Fuzzed(path, "application/json", Map.of(),
					("{\"text\":" + json(text) + ",\"language\":\"en\"}").getBytes(StandardCharsets.UTF_8), "valid");
		};
		Fuzzed fuzzed = valid;
		int mutations = 1 + random.nextInt(3);
		for (int m = 0; m < mutations; m++) {
			fuzzed = mutate(random, fuzzed, text, index);
		}
		return fuzzed;
	}

	Fuzzed mutate(Random random, Fuzzed in, String text, int index) {
		byte[] body = in.body();
		String label = in.mutations();
		return switch (random.nextInt(13)) {
			case 0 -> {
				byte[] flipped = body.clone();
				for (int i = 0; i < 1 + random.nextInt(4) && flipped.length > 0; i++) {
					flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
				}
				yield with(in, flipped, label + ",flip");
			}
			case 1 ->
				with(in, Arrays.copyOf(body, body.length == 0 ? 0 : random.nextInt(body.length)), label + ",truncate");
			case 2 -> {
				int size = 60_000 + random.nextInt(200_000);
				ByteArrayOutputStream out = new ByteArrayOutputStream(size);
				while (out.size() < size) {
					out.writeBytes(body.length == 0 ? new byte[] { 'a' } : body);
				}
				yield with(in, out.toByteArray(), label + ",huge");
			}
			case 3 -> new Fuzzed(in.path(),
					random.nextInt(5) == 0 ? null : CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], in.headers(),
					body, label + ",content-type");
			case 4 -> with(in, insert(random, body,
					new byte[][] { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
							{ (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80 }, { (byte) 0xE9 } }[random
								.nextInt(5)]),
					label + ",bad-utf8");
			case 5 -> with(in, insert(random, body, new byte[] { 0 }), label + ",nul");
			case 6 -> {
				int depth = 1_000 + random.nextInt(20_000);
				String nested = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth)
						: "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
				yield with(in, nested.getBytes(StandardCharsets.US_ASCII), label + ",deep-json");
			}
			case 7 -> {
				byte[] noise = new byte[random.nextInt(2_000)];
				random.nextBytes(noise);
				yield with(in, noise, label + ",random-bytes");
			}
			case 8 -> {
				// a well-signed body with hostile values: the signature holds, the
				// content does not
				Map<String, String> params = sms(text);
				String[] keys = { "From", "Body", "MessageSid", "To", "NumMedia", "MessageStatus", "AccountSid" };
				String key = keys[random.nextInt(keys.length)];
				String[] values = { "", " ", "\u0000", "+44", "not-a-number", "9".repeat(400), "x".repeat(20_000),
						"\uFFFD\uD800", "<a>&amp;", "-1", "1e400", "%" };
				if (random.nextInt(4) == 0) {
					params.remove(key);
				}
				else {
					params.put(key, values[random.nextInt(values.length)]);
				}
				String path = in.path().startsWith("/webhooks/twilio") ? in.path() : TwilioStub.SMS_WEBHOOK;
				yield signedSms(path, params, form(params), label + ",signed-hostile-" + key);
			}
			case 9 -> {
				Map<String, String> headers = new LinkedHashMap<>(in.headers());
				String[] names = { TwilioStub.SIGNATURE_HEADER, TelegramStub.SECRET_HEADER, "Accept",
						"Content-Encoding", "X-Forwarded-Proto", "X-Forwarded-Host", "Accept-Language" };
				String[] values = { "", "x".repeat(6_000), "gzip", "../../etc", "\u00e9t\u00e9", "*/*;q=x",
						"application/xml", "zz-ZZ-x-123456789", TelegramStub.SECRET + "x" };
				String name = names[random.nextInt(names.length)];
				String value = values[random.nextInt(values.length)];
				if (!value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
					value = "bad";
				}
				headers.put(name, value);
				yield new Fuzzed(in.path(), in.contentType(), headers, body, label + ",header-" + name);
			}
			case 10 -> with(in, ("From=%ZZ&Body=%&MessageSid=%E9%&&&==&" + text).getBytes(StandardCharsets.UTF_8),
					label + ",bad-percent");
			case 11 -> {
				String[] confusions = { "{\"update_id\":\"x\",\"message\":{\"chat\":{\"id\":\"abc\"},\"text\":123}}",
						"{\"update_id\":1e400,\"message\":{\"chat\":{\"id\":99999999999999999999999},\"text\":null}}",
						"{\"update_id\":1,\"message\":{\"chat\":[],\"from\":\"me\",\"text\":{\"a\":1}}}",
						"{\"update_id\":1,\"callback_query\":{\"id\":\"1\",\"data\":\"" + "z".repeat(500) + "\"}}",
						"{\"text\":[1,2,3],\"language\":{\"x\":1},\"conversationId\":42}",
						"{\"text\":\"hi\",\"language\":\"../../../etc/passwd\"}", "{\"text\":null}", "null", "[]",
						"\"\"",
						"{\"update_id\":2,\"message\":{\"message_id\":1,\"chat\":{\"id\":5,\"type\":\"private\"},"
								+ "\"from\":{\"id\":5},\"date\":-1,\"text\":\"" + "\\ud800".repeat(10) + "\"}}" };
				yield with(in, confusions[random.nextInt(confusions.length)].getBytes(StandardCharsets.UTF_8),
						label + ",type-confusion");
			}
			default -> with(in, new byte[0], label + ",empty");
		};
	}

	static Fuzzed with(Fuzzed in, byte[] body, String label) {
		return new Fuzzed(in.path(), in.contentType(), in.headers(), body, label);
	}

	static byte[] insert(Random random, byte[] body, byte[] bytes) {
		int at = body.length == 0 ? 0 : random.nextInt(body.length);
		byte[] out = new byte[body.length + bytes.length];
		System.arraycopy(body, 0, out, 0, at);
		System.arraycopy(bytes, 0, out, at, bytes.length);
		System.arraycopy(body, at, out, at + bytes.length, body.length - at);
		return out;
	}

	static final AtomicInteger numbers = new AtomicInteger();

	static Map<String, String> sms(String text) {
		return TwilioStub.sms("+447700" + (920_000 + numbers.incrementAndGet() % 50), text);
	}

	static Fuzzed signedSms(String path, Map<String, String> params, byte[] body, String label) {
		return new Fuzzed(path, "application/x-www-form-urlencoded",
				Map.of(TwilioStub.SIGNATURE_HEADER, TwilioStub.signature(path, params)), body, label);
	}

}
