package app.waymark.channel.sms;

import app.waymark.system.SmsText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import app.waymark.channel.ChannelSender;
import app.waymark.channel.QueuedMessage;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends SMS through Twilio's Messages API with the Twilio SDK, and turns Twilio's answers
 * into what the outbound queue acts on. Reasons are error codes and short words only:
 * Twilio's error messages quote the phone number.
 *
 * <p>
 * Error codes: https://www.twilio.com/docs/api/errors
 *
 * <p>
 * Public only for {@link #classify} and {@link #httpClient}, which the other channels
 * Twilio carries (WhatsApp) share.
 */
public final class TwilioSender implements ChannelSender {

	/** Never deliverable to this number again: opted out, invalid, not a mobile. */
	static final Set<Integer> UNREACHABLE = Set.of(21610, 21211, 21614);

	/** Will not work for this message, but the number may still be fine later. */
	static final Set<Integer> PERMANENT = Set.of(30003, 30005, 30006, 21408, 21612, 21617, 30004, 30007);

	/**
	 * How far Twilio's clock (date_created) may be behind ours (the in-flight mark) when
	 * looking for an earlier attempt. date_created has whole seconds only.
	 */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

	/**
	 * Newest messages to one number looked through for an earlier attempt: it was made
	 * moments ago, so it is among the first few.
	 */
	static final long LOOKUP_PAGE = 20;

	private final SmsSettings settings;

	private final TwilioRestClient client;

	TwilioSender(SmsSettings settings) {
		this.settings = settings;
		this.client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
			.httpClient(httpClient(settings.apiBaseUrl(), settings.timeout()))
			.build();
	}

	@Override
	public String channel() {
		return SmsWebhookController.CHANNEL;
	}

	@Override
	public double messagesPerSecond() {
		return this.settings.rate();
	}

	@Override
	public Mono<SendResult> send(QueuedMessage message) {
		PhoneNumber to = new PhoneNumber(message.address());
		MessageCreator creator = this.settings.messagingServiceSid().isEmpty()
				? Message.creator(to, new PhoneNumber(this.settings.fromNumber()), message.text())
				: Message.creator(to, this.settings.messagingServiceSid(), message.text());
		return Mono.fromFuture(() -> creator.createAsync(this.client))
			.timeout(backstop())
			.map(sent -> (SendResult) new SendResult.Sent(sent.getSid(), segments(sent, message.text())))
			.onErrorResume(ex -> Mono.just(classify(ex)));
	}

	@Override
	public LongestCall longestCall() {
		return new LongestCall(backstop(), "twice WAYMARK_SMS_TIMEOUT", "WAYMARK_SMS_TIMEOUT");
	}

	/**
	 * Lists the newest messages to the number from our number (or, with a messaging
	 * service, those sent through it: Twilio's list cannot filter by service) and keeps
	 * those with exactly our text created since the earlier attempt began. Twilio's
	 * Messages API has no idempotency key, so this is how a message accepted just before
	 * a crash or a time-out is recognised.
	 *
	 * @see <a href=
	 * "https://www.twilio.com/docs/messaging/api/message-resource#read-multiple-message-resources">Read
	 * multiple Message resources</a>
	 */
	@Override
	public Flux<SendResult.Sent> findEarlier(QueuedMessage message, Instant since) {
		boolean viaService = !this.settings.messagingServiceSid().isEmpty();
		MessageReader reader = Message.reader().setTo(new PhoneNumber(message.address())).setPageSize(LOOKUP_PAGE);
		if (!viaService) {
			reader.setFrom(new PhoneNumber(this.settings.fromNumber()));
		}
		Instant earliest = since.minus(CLOCK_SKEW);
		return Mono.fromCallable(() -> reader.firstPage(this.client).getRecords())
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(backstop())
			.onErrorMap(ex -> new LookupFailed(reason(classify(ex))))
			.flatMapIterable(listed -> listed.stream()
				.filter(earlier -> earlier.getSid() != null && message.text().equals(earlier.getBody()))
				.filter(earlier -> earlier.getDateCreated() != null
						&& !earlier.getDateCreated().toInstant().isBefore(earliest))
				.filter(earlier -> !viaService
						|| this.settings.messagingServiceSid().equals(earlier.getMessagingServiceSid()))
				.sorted(Comparator.comparing(Message::getDateCreated).reversed())
				.map(earlier -> new SendResult.Sent(earlier.getSid(), segments(earlier, message.text())))
				.toList());
	}

	/**
	 * The HTTP client's time-outs end a call (connecting, then waiting for the answer,
	 * each up to the time-out); this bounds one that trickles in slower than they notice.
	 * So no call keeps the dispatcher waiting longer.
	 */
	private Duration backstop() {
		return this.settings.timeout().multipliedBy(2);
	}

	private static String reason(SendResult result) {
		return switch (result) {
			case SendResult.Retry retry -> retry.reason();
			case SendResult.NoAnswer none -> none.reason();
			case SendResult.Permanent permanent -> permanent.reason();
			case SendResult.Sent sent -> "sent";
		};
	}

	private static int segments(Message sent, String text) {
		try {
			return Integer.parseInt(sent.getNumSegments());
		}
		catch (RuntimeException ex) {
			return SmsText.segments(text);
		}
	}

	public static SendResult classify(Throwable thrown) {
		Throwable ex = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
		// The SDK wraps the HTTP client's I/O errors in an ApiException without a status.
		Throwable io = ex instanceof ApiException api && api.getStatusCode() == null && api.getCause() != null
				? api.getCause() : ex;
		if (io instanceof ConnectException || io instanceof UnknownHostException
				|| io instanceof ConnectTimeoutException) {
			// never connected, so nothing reached Twilio
			return new SendResult.Retry("connect", null);
		}
		if (io instanceof ApiConnectionException || io instanceof TimeoutException || io instanceof IOException) {
			// The request may have reached Twilio (a 201 lost, an answer it could not
			// read): the next attempt looks for it before sending.
			return new SendResult.NoAnswer("io");
		}
		if (ex instanceof ApiException api) {
			Integer status = api.getStatusCode();
			Integer code = api.getCode();
			String reason = "twilio " + (status != null ? status : "?") + (code != null ? "/" + code : "");
			if (code != null && UNREACHABLE.contains(code)) {
				return new SendResult.Permanent(reason, true);
			}
			if (code != null && PERMANENT.contains(code)) {
				return new SendResult.Permanent(reason, false);
			}
			if (status == null) {
				return new SendResult.NoAnswer(reason);
			}
			if (status == 429 || status >= 500 || status == 401) {
				// 401: credentials being rotated; the queue's retry limit ends it.
				return new SendResult.Retry(reason, null);
			}
			if (status >= 400) {
				return new SendResult.Permanent(reason, false);
			}
			return new SendResult.Retry(reason, null);
		}
		return new SendResult.NoAnswer(ex.getClass().getSimpleName());
	}

	/**
	 * The SDK's host is fixed at api.twilio.com. To send elsewhere (a stub in tests, a
	 * regional proxy) the Apache client's route planner sends every request to the
	 * configured host and port; path, query and headers are unchanged.
	 */
	public static NetworkHttpClient httpClient(String apiBaseUrl, Duration timeout) {
		// No automatic retries: Apache's default retries 429 and 503 once after a second,
		// which would hide the provider's answer from the queue. The socket time-out
		// matches the sender's, so a call given up on is really abandoned rather than
		// reaching Twilio after the next attempt has looked for it.
		HttpClientBuilder builder = HttpClientBuilder.create()
			.useSystemProperties()
			.disableAutomaticRetries()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.useSystemProperties()
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(timeout))
					.setSocketTimeout(Timeout.of(timeout))
					.build())
				.build());
		URI base = URI.create(apiBaseUrl);
		if (!"api.twilio.com".equalsIgnoreCase(base.getHost()) || base.getPort() != -1) {
			boolean secure = "https".equalsIgnoreCase(base.getScheme());
			int port = base.getPort() != -1 ? base.getPort() : secure ? 443 : 80;
			HttpRoute route = new HttpRoute(new HttpHost(secure ? "https" : "http", base.getHost(), port), null,
					secure);
			builder.setRoutePlanner((target, context) -> route);
		}
		return new SingleTryHttpClient(builder);
	}

	/**
	 * The SDK retries some failures itself, in the caller's thread with sleeps; the
	 * outbound queue already retries with back-off and the provider's rate, so one try
	 * here.
	 */
	static final class SingleTryHttpClient extends NetworkHttpClient {

		SingleTryHttpClient(HttpClientBuilder builder) {
			super(builder);
		}

		@Override
		public Response reliableRequest(Request request) {
			return makeRequest(request);
		}

	}

}
