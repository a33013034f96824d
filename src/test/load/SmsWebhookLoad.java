import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends signed Twilio SMS webhooks at a running Waymark on this machine and reports
 * accepted messages per second and latency percentiles. Run by sms-webhook-load.sh,
 * compiled with LoadKit.java; no dependencies.
 *
 * Arguments: baseUrl authToken publicBaseUrl count concurrency maxSeconds
 */
public class SmsWebhookLoad {

	public static void main(String[] args) throws Exception {
		String base = args.length > 0 ? args[0] : "http://127.0.0.1:18080";
		String token = args.length > 1 ? args[1] : "load-test-token";
		String publicBase = args.length > 2 ? args[2] : base;
		int count = Math.min(args.length > 3 ? Integer.parseInt(args[3]) : 2000, 20_000);
		int concurrency = Math.min(args.length > 4 ? Integer.parseInt(args[4]) : 16, 64);
		int maxSeconds = Math.min(args.length > 5 ? Integer.parseInt(args[5]) : 60, 300);
		HttpClient client = LoadKit.loopbackClient(base);
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
			HttpRequest request = LoadKit.sms(base, publicBase, token, run, sent, 200);
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
		System.out.printf("latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f%n", LoadKit.pct(measured, 50),
				LoadKit.pct(measured, 90), LoadKit.pct(measured, 99),
				measured.length == 0 ? 0 : measured[measured.length - 1] / 1e6);
		System.exit(0);
	}

}
