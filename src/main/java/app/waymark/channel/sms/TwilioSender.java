package app.waymark.channel.sms;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
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
import com.twilio.type.PhoneNumber;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;
import reactor.core.publisher.Mono;

/**
 * Sends SMS through Twilio's Messages API with the Twilio SDK, and turns Twilio's answers
 * into what the outbound queue acts on. Reasons are error codes and short words only:
 * Twilio's error messages quote the phone number.
 *
 * <p>
 * Error codes: https://www.twilio.com/docs/api/errors
 */
class TwilioSender implements ChannelSender {

	/** Never deliverable to this number again: opted out, invalid, not a mobile. */
	static final Set<Integer> UNREACHABLE = Set.of(21610, 21211, 21614);

	/** Will not work for this message, but the number may still be fine later. */
	static final Set<Integer> PERMANENT = Set.of(30003, 30005, 30006, 21408, 21612, 21617, 30004, 30007);

	static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final SmsSettings settings;

	private final TwilioRestClient client;

	TwilioSender(SmsSettings settings) {
		this.settings = settings;
		this.client = new TwilioRestClient.Builder(settings.accountSid(), settings.authToken())
			.httpClient(httpClient(settings.apiBaseUrl()))
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
			.timeout(TIMEOUT)
			.map(sent -> (SendResult) new SendResult.Sent(sent.getSid(), segments(sent, message.text())))
			.onErrorResume(ex -> Mono.just(classify(ex)));
	}

	private static int segments(Message sent, String text) {
		try {
			return Integer.parseInt(sent.getNumSegments());
		}
		catch (RuntimeException ex) {
			return SmsText.segments(text);
		}
	}

	static SendResult classify(Throwable thrown) {
		Throwable ex = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
		if (ex instanceof ApiConnectionException || ex instanceof TimeoutException || ex instanceof IOException) {
			return new SendResult.Retry("io", null);
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
			if (status == null || status == 429 || status >= 500 || status == 401) {
				// 401: credentials being rotated; the queue's retry limit ends it.
				return new SendResult.Retry(reason, null);
			}
			if (status >= 400) {
				return new SendResult.Permanent(reason, false);
			}
			return new SendResult.Retry(reason, null);
		}
		return new SendResult.Retry(ex.getClass().getSimpleName(), null);
	}

	/**
	 * The SDK's host is fixed at api.twilio.com. To send elsewhere (a stub in tests, a
	 * regional proxy) the Apache client's route planner sends every request to the
	 * configured host and port; path, query and headers are unchanged.
	 */
	static NetworkHttpClient httpClient(String apiBaseUrl) {
		// No automatic retries: Apache's default retries 429 and 503 once after a second,
		// which would hide the provider's answer from the queue.
		HttpClientBuilder builder = HttpClientBuilder.create().useSystemProperties().disableAutomaticRetries();
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
