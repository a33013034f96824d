import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the load tools share: the questions they ask, a signed Twilio SMS webhook, Twilio's
 * form encoding both ways, JSON strings, and percentiles. Compiled with RateLoad.java,
 * SmsWebhookLoad.java or TwilioFake.java; no dependencies.
 */
final class LoadKit {

	static final String[] QUESTIONS = { "can i get free bus travel?", "council tax", "help with rent",
			"apprenticeships", "HELP", "how do i see a dentist", "child trust fund", "who is my worker" };

	private LoadKit() {
	}

	/** A client for a Waymark at {@code base}, which must be on this machine. */
	static HttpClient loopbackClient(String base) throws Exception {
		String host = URI.create(base).getHost();
		if (!InetAddress.getByName(host).isLoopbackAddress()) {
			throw new IllegalArgumentException("loopback only: " + host);
		}
		return HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newFixedThreadPool(4))
			.build();
	}

	/**
	 * Message {@code i} of a run as Twilio posts it to {@code base}, signed for
	 * {@code publicBase} (the URL Twilio calls); sent from one of {@code senders} numbers.
	 */
	static HttpRequest sms(String base, String publicBase, String token, String run, int i, int senders)
			throws Exception {
		Map<String, String> params = new LinkedHashMap<>();
		params.put("MessageSid", "SM" + run + String.format("%08d", i));
		params.put("SmsMessageSid", params.get("MessageSid"));
		params.put("AccountSid", "ACload");
		params.put("From", "+447700" + String.format("%06d", 900000 + i % senders));
		params.put("To", "+447700900000");
		params.put("Body", QUESTIONS[i % QUESTIONS.length]);
		params.put("NumSegments", "1");
		return HttpRequest.newBuilder(URI.create(base + "/webhooks/twilio/sms"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("X-Twilio-Signature", sign(token, publicBase + "/webhooks/twilio/sms", params))
			.POST(HttpRequest.BodyPublishers.ofString(form(params)))
			.build();
	}

	/** Form fields as Twilio posts them (application/x-www-form-urlencoded). */
	static String form(Map<String, String> params) {
		StringBuilder body = new StringBuilder();
		params.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
			.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
		return body.toString();
	}

	/** Form fields (or a query string) read back; where a key repeats, the first counts. */
	static Map<String, String> parseForm(String form) {
		Map<String, String> fields = new LinkedHashMap<>();
		for (String pair : form.split("&")) {
			int eq = pair.indexOf('=');
			if (eq > 0) {
				fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
			}
		}
		return fields;
	}

	/** The text as a JSON string. */
	static String json(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

	/** Twilio's algorithm: HMAC-SHA1 of the URL and the sorted key/value pairs, Base64. */
	static String sign(String token, String url, Map<String, String> params) throws Exception {
		StringBuilder data = new StringBuilder(url);
		new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
		return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
	}

	/** The p-th percentile of sorted nanoseconds, in milliseconds. */
	static double pct(long[] sorted, double p) {
		if (sorted.length == 0) {
			return 0;
		}
		int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
	}

}
