package app.waymark.channel.whatsapp;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletionException;

import app.waymark.channel.ChannelSender;
import app.waymark.channel.QueuedMessage;
import app.waymark.channel.sms.SmsSettings;
import app.waymark.channel.sms.TwilioSender;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import reactor.core.publisher.Mono;

/**
 * Sends queued WhatsApp messages through Twilio's Messages API: free-form text inside the
 * 24-hour window ({@link WhatsAppSession}), the kind's approved template (ContentSid,
 * with the text as its one variable) outside it. A kind without a template fails outside
 * the window, without a call to Twilio: a check-in then goes by the plan's next channel,
 * an alert's failure raises its own alert.
 *
 * <p>
 * Twilio's list of sent messages would find an earlier attempt by its text, but a
 * template's text is not ours; so WhatsApp has no {@link ChannelSender#findEarlier} and
 * stays at-least-once across a crash in mid-call, as Telegram does.
 */
class WhatsAppSender implements ChannelSender {

	/** The address is no WhatsApp user, or cannot be written to by this sender. */
	static final Set<Integer> UNREACHABLE = Set.of(63003, 63024, 21610);

	/** Outside the 24-hour window (our clock and WhatsApp's disagree), or refused. */
	static final Set<Integer> PERMANENT = Set.of(63016, 63018, 63032, 21617);

	static final String STATUS_PATH = "/webhooks/twilio/whatsapp/status";

	private final WhatsAppSettings settings;

	private final SmsSettings twilio;

	private final WhatsAppSession session;

	private final TwilioRestClient client;

	WhatsAppSender(WhatsAppSettings settings, SmsSettings twilio, WhatsAppSession session) {
		this.settings = settings;
		this.twilio = twilio;
		this.session = session;
		this.client = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken())
			.httpClient(TwilioSender.httpClient(twilio.apiBaseUrl(), twilio.timeout()))
			.build();
	}

	@Override
	public String channel() {
		return WhatsAppChannel.NAME;
	}

	@Override
	public double messagesPerSecond() {
		return this.settings.rate();
	}

	@Override
	public LongestCall longestCall() {
		// the session look-up is a quick local query; the Twilio call is the long part
		return new LongestCall(backstop(), "twice WAYMARK_SMS_TIMEOUT (WhatsApp goes through the same Twilio account)",
				"WAYMARK_SMS_TIMEOUT");
	}

	@Override
	public Mono<SendResult> send(QueuedMessage message) {
		return this.session.open(message.address()).flatMap(open -> {
			MessageCreator creator;
			if (open) {
				creator = creator(message.address(), message.text());
			}
			else {
				String kind = Extras.kindOf(message.extras());
				String template = this.settings.template(kind);
				if (template == null) {
					return Mono.just((SendResult) new SendResult.Permanent(
							"outside WhatsApp's 24-hour window, no template for " + (kind == null ? "it" : kind),
							false));
				}
				creator = creator(message.address(), null).setContentSid(template)
					.setContentVariables(Extras.variables(message.text()));
			}
			if (!this.twilio.publicBaseUrl().isEmpty()) {
				creator.setStatusCallback(URI.create(this.twilio.publicBaseUrl() + STATUS_PATH));
			}
			MessageCreator call = creator;
			return Mono.fromFuture(() -> call.createAsync(this.client))
				.timeout(backstop())
				.map(sent -> (SendResult) new SendResult.Sent(sent.getSid(), 1))
				.onErrorResume(ex -> Mono.just(classify(ex)));
		});
	}

	private MessageCreator creator(String to, String body) {
		PhoneNumber recipient = new PhoneNumber(to);
		return this.settings.messagingServiceSid().isEmpty()
				? Message.creator(recipient, new PhoneNumber(this.settings.from()), body)
				: Message.creator(recipient, this.settings.messagingServiceSid(), body);
	}

	private Duration backstop() {
		return this.twilio.timeout().multipliedBy(2);
	}

	/** WhatsApp's own error codes first; everything else as for SMS. */
	static SendResult classify(Throwable thrown) {
		Throwable ex = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
		if (ex instanceof ApiException api && api.getCode() != null) {
			String reason = "twilio " + (api.getStatusCode() != null ? api.getStatusCode() : "?") + "/" + api.getCode();
			if (UNREACHABLE.contains(api.getCode())) {
				return new SendResult.Permanent(reason, true);
			}
			if (PERMANENT.contains(api.getCode())) {
				return new SendResult.Permanent(reason, false);
			}
		}
		return TwilioSender.classify(thrown);
	}

}
