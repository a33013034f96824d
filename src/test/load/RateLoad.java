import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Open-loop load at a fixed rate against a Waymark on this machine: request i is due at
 * start + i/rate whether or not earlier ones have finished, and its latency is measured
 * from when it was due, so a stalled server shows up in the percentiles instead of
 * slowing the generator down (no coordinated omission). Run by load.sh and crash.sh,
 * compiled with LoadKit.java; no dependencies.
 *
 * <p>
 * Arguments: baseUrl kind(sms|telegram|liveness) rate seconds runId. Environment:
 * TWILIO_AUTH_TOKEN, WAYMARK_PUBLIC_BASE_URL, TELEGRAM_WEBHOOK_SECRET. Prints one line:
 * {@code kind rate sent accepted statuses p50 p90 p99 max achieved}.
 *
 * <p>
 * With LOAD_RETRIES (default 0) a request answered with anything but 200, or not at all,
 * is sent again after LOAD_RETRY_DELAY_MS (default 2000), up to that many times, as
 * Twilio does for a webhook URL with a retry policy ({@code #rc=..&rp=all}). Then
 * {@code accepted} counts requests accepted in the end, {@code statuses} and the
 * latencies are the first attempts', and the line ends with
 * {@code retried retry_statuses gave_up}.
 *
 * <p>
 * With LOAD_ACKED_FILE, the index of each request answered 200 is written there, one a
 * line, as the answers come (a crash test compares them with what the database kept);
 * with LOAD_SKIP_FILE, the requests whose indexes it lists are not sent, as Twilio does
 * not send again what was acknowledged. A skipped request counts as neither sent nor
 * accepted.
 */
public class RateLoad {

	public static void main(String[] args) throws Exception {
		String base = args[0];
		String kind = args[1];
		int rate = Math.min(Integer.parseInt(args[2]), 5_000);
		int seconds = Math.min(Integer.parseInt(args[3]), 120);
		String run = args.length > 4 ? args[4] : Long.toHexString(System.nanoTime());
		String token = System.getenv().getOrDefault("TWILIO_AUTH_TOKEN", "load-test-token");
		String publicBase = System.getenv().getOrDefault("WAYMARK_PUBLIC_BASE_URL", base);
		String secret = System.getenv().getOrDefault("TELEGRAM_WEBHOOK_SECRET", "load-Secret_1");
		HttpClient client = LoadKit.loopbackClient(base);
		int count = rate * seconds;
		int retries = Math.min(Integer.parseInt(System.getenv().getOrDefault("LOAD_RETRIES", "0")), 20);
		long retryDelay = Long.parseLong(System.getenv().getOrDefault("LOAD_RETRY_DELAY_MS", "2000"));
		ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
		long[] latencies = new long[count];
		Arrays.fill(latencies, -1);
		Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
		Map<Integer, AtomicInteger> retryStatuses = new ConcurrentHashMap<>();
		AtomicInteger accepted = new AtomicInteger();
		AtomicInteger retried = new AtomicInteger();
		AtomicInteger gaveUp = new AtomicInteger();
		CountDownLatch done = new CountDownLatch(count);
		long interval = TimeUnit.SECONDS.toNanos(1) / rate;
		String ackedFile = System.getenv("LOAD_ACKED_FILE");
		PrintWriter acked = ackedFile == null ? null
				: new PrintWriter(Files.newBufferedWriter(Path.of(ackedFile), StandardCharsets.UTF_8), true);
		String skipFile = System.getenv("LOAD_SKIP_FILE");
		Set<Integer> skip = skipFile == null ? Set.of()
				: Files.readAllLines(Path.of(skipFile))
					.stream()
					.filter(line -> !line.isBlank())
					.map(line -> Integer.valueOf(line.trim()))
					.collect(Collectors.toSet());
		int skipped = 0;
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
		for (int i = 0; i < count; i++) {
			if (skip.contains(i)) {
				skipped++;
				done.countDown();
				continue;
			}
			HttpRequest request = request(kind, base, publicBase, token, secret, run, i);
			long due = start + i * interval;
			long wait = due - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			int index = i;
			Attempt attempt = new Attempt() {
				@Override
				public void send(int number) {
					client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
						int status = error != null ? -1 : response.statusCode();
						if (number == 0) {
							latencies[index] = System.nanoTime() - due;
						}
						(number == 0 ? statuses : retryStatuses).computeIfAbsent(status, s -> new AtomicInteger())
							.incrementAndGet();
						if (status == 200) {
							accepted.incrementAndGet();
							if (acked != null) {
								synchronized (acked) {
									acked.println(index);
								}
							}
						}
						else if (number < retries) {
							retried.incrementAndGet();
							later.schedule(() -> send(number + 1), retryDelay, TimeUnit.MILLISECONDS);
							return;
						}
						else if (retries > 0) {
							gaveUp.incrementAndGet();
						}
						done.countDown();
					});
				}
			};
			attempt.send(0);
		}
		boolean finished = done.await(60 + retries * (retryDelay / 1000 + 30), TimeUnit.SECONDS);
		double elapsed = (System.nanoTime() - start) / 1e9;
		long[] measured = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
		String retrying = retries == 0 ? ""
				: String.format(" retried=%d retry_statuses=%s gave_up=%d", retried.get(),
						new TreeMap<>(retryStatuses).toString().replace(" ", ""), gaveUp.get());
		System.out.printf("%s rate=%d sent=%d accepted=%d statuses=%s p50=%.1f p90=%.1f p99=%.1f max=%.1f "
				+ "achieved=%.1f/s%s%s%n", kind, rate, count - skipped, accepted.get(),
				new TreeMap<>(statuses).toString().replace(" ", ""), LoadKit.pct(measured, 50), LoadKit.pct(measured, 90),
				LoadKit.pct(measured, 99), measured.length == 0 ? 0 : measured[measured.length - 1] / 1e6,
				measured.length / elapsed, retrying, finished ? "" : " (unfinished)");
		System.exit(0);
	}

	/** One delivery of a request; number 0 is the first, then the retries. */
	interface Attempt {

		void send(int number);

	}

	static HttpRequest request(String kind, String base, String publicBase, String token, String secret, String run,
			int i) throws Exception {
		return switch (kind) {
			case "sms" -> LoadKit.sms(base, publicBase, token, run, i, 500);
			case "telegram" -> {
				long chat = 860_000_000L + i % 500;
				// update ids are unique per run (Telegram's own retry key) and fit an int
				long update = Math.abs(run.hashCode() % 1_000) * 1_000_000L + i;
				String json = "{\"update_id\":" + update + ",\"message\":{\"message_id\":" + i + ",\"from\":{\"id\":"
						+ chat + ",\"is_bot\":false,\"first_name\":\"Sam\",\"language_code\":\"en\"},\"chat\":{\"id\":"
						+ chat + ",\"first_name\":\"Sam\",\"type\":\"private\"},\"date\":1763978400,\"text\":"
						+ LoadKit.json(LoadKit.QUESTIONS[i % LoadKit.QUESTIONS.length]) + "}}";
				yield HttpRequest.newBuilder(URI.create(base + "/webhooks/telegram"))
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/json")
					.header("X-Telegram-Bot-Api-Secret-Token", secret)
					.POST(HttpRequest.BodyPublishers.ofString(json))
					.build();
			}
			case "liveness" -> HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness"))
				.timeout(Duration.ofSeconds(30))
				.GET()
				.build();
			default -> throw new IllegalArgumentException("kind: sms, telegram or liveness");
		};
	}

}
