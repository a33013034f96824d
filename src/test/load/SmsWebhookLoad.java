import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends signed Twilio SMS webhooks at a running Waymark on this machine and reports
 * accepted messages per second and latency percentiles. Run by sms-webhook-load.sh;
 * single-file source program (java SmsWebhookLoad.java), no dependencies.
 *
 * Arguments: baseUrl authToken publicBaseUrl count concurrency maxSeconds
 */
public class SmsWebhookLoad {

	static final String[] QUESTIONS = { "can i get free bus travel?", "council tax", "help with rent",
			"apprenticeships", "HELP", "how do i see a dentist", "child trust fund", "who is my worker" };

	public static void main(String[] args) throws Exception {
		String base = args.length > 0 ? args[0] : "http://127.0.0.1:18080";
		String token = args.length > 1 ? args[1] : "load-test-token";
		String publicBase = args.length > 2 ? args[2] : base;
		int count = Math.min(args.length > 3 ? Integer.parseInt(args[3]) : 2000, 20_000);
		int concurrency = Math.min(args.length > 4 ? Integer.parseInt(args[4]) : 16, 64);
		int maxSeconds = Math.min(args.length > 5 ? Integer.parseInt(args[5]) : 60, 300);
		URI target = URI.create(base + "/webhooks/twilio/sms");
		if (!InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
			throw new IllegalArgumentException("loopback only: " + target.getHost());
		}
		String signedUrl = publicBase + "/webhooks/twilio/sms";
		HttpClient client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newFixedThreadPool(4))
			.build();
		long[] latencies = new long[count];
		Arrays.fill(latencies, -1);
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		Semaphore inFlight = new Semaphore(concurrency);
		CountDownLatch done = new CountDownLatch(count);
		String run = Long.toHexString(System.nanoTime());
		long deadline = System.nanoTime() + Duration.ofSeconds(maxSeconds).toNanos();
		long start = System.nanoTime();
		int sent = 0;
		for (; sent < count && System.nanoTime() < deadline; sent++) {
			inFlight.acquire();
			Map<String, String> params = new LinkedHashMap<>();
			params.put("MessageSid", "SM" + run + String.format("%08d", sent));
			params.put("SmsMessageSid", params.get("MessageSid"));
			params.put("AccountSid", "ACload");
			params.put("From", "+447700" + String.format("%06d", 900000 + sent % 200));
			params.put("To", "+447700900000");
			params.put("Body", QUESTIONS[sent % QUESTIONS.length]);
			params.put("NumSegments", "1");
			StringBuilder body = new StringBuilder();
			params.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
				.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
				.append('=')
				.append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
			HttpRequest request = HttpRequest.newBuilder(target)
				.timeout(Duration.ofSeconds(30))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-Twilio-Signature", sign(token, signedUrl, params))
				.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
				.build();
			int index = sent;
			long begun = System.nanoTime();
			client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
				latencies[index] = System.nanoTime() - begun;
				int status = error != null ? -1 : response.statusCode();
				statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
				inFlight.release();
				done.countDown();
			});
		}
		for (int i = sent; i < count; i++) {
			done.countDown();
		}
		done.await();
		double seconds = (System.nanoTime() - start) / 1e9;
		long[] measured = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
		int accepted = statuses.getOrDefault(200, new AtomicInteger()).get();
		System.out.printf("requests: %d in %.1f s, concurrency %d%n", sent, seconds, concurrency);
		System.out.printf("statuses: %s%n", new TreeMap<>(statuses));
		System.out.printf("accepted messages/s: %.1f%n", accepted / seconds);
		System.out.printf("latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", pct(measured, 50), pct(measured, 90),
				pct(measured, 99), measured.length == 0 ? 0 : measured[measured.length - 1] / 1e6);
		System.exit(0);
	}

	static double pct(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
	}

	/** Twilio's algorithm: HMAC-SHA1 of the URL and the sorted key/value pairs, Base64. */
	static String sign(String token, String url, Map<String, String> params) throws Exception {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
		return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
	}

}
