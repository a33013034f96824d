package app.waymark.channel.sms;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

import app.waymark.channel.ChannelSender.SendResult;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/** How Twilio's answers map to what the outbound queue does. */
class TwilioSenderTests {

	record Case(String label, Throwable thrown, SendResult expected) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static ApiException api(int status, Integer code) {
		// Twilio's messages quote the number; the reason must not.
		return new ApiException("Attempt to send to unsubscribed recipient +447700900123", code, null, status, null,
				null, null, null);
	}

	static Case[] cases() {
		return new Case[] {
				new Case("21610 opted out", api(400, 21610), new SendResult.Permanent("twilio 400/21610", true)),
				new Case("21211 invalid number", api(400, 21211), new SendResult.Permanent("twilio 400/21211", true)),
				new Case("21614 not a mobile", api(400, 21614), new SendResult.Permanent("twilio 400/21614", true)),
				new Case("30003 unreachable", api(400, 30003), new SendResult.Permanent("twilio 400/30003", false)),
				new Case("30005 unknown", api(400, 30005), new SendResult.Permanent("twilio 400/30005", false)),
				new Case("30006 landline", api(400, 30006), new SendResult.Permanent("twilio 400/30006", false)),
				new Case("other 4xx", api(400, 21602), new SendResult.Permanent("twilio 400/21602", false)),
				new Case("429", api(429, 20429), new SendResult.Retry("twilio 429/20429", null)),
				new Case("500", api(500, null), new SendResult.Retry("twilio 500", null)),
				new Case("503 wrapped", new CompletionException(api(503, 20503)),
						new SendResult.Retry("twilio 503/20503", null)),
				new Case("connection failed", new ApiConnectionException("Connection refused to +447700900123"),
						new SendResult.NoAnswer("io")),
				new Case("timeout", new TimeoutException(), new SendResult.NoAnswer("io")),
				new Case("io", new IOException("reset"), new SendResult.NoAnswer("io")),
				new Case("read timed out, wrapped by the SDK",
						new ApiException("Read timed out", new SocketTimeoutException("Read timed out")),
						new SendResult.NoAnswer("io")),
				new Case("reset, wrapped by the SDK",
						new CompletionException(new ApiException("Connection reset", new SocketException("reset"))),
						new SendResult.NoAnswer("io")),
				new Case("refused, wrapped by the SDK",
						new ApiException("Connect to 127.0.0.1:1 failed", new ConnectException("refused")),
						new SendResult.Retry("connect", null)),
				new Case("unknown host, wrapped by the SDK",
						new ApiException("api.twilio.com", new UnknownHostException("api.twilio.com")),
						new SendResult.Retry("connect", null)) };
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void classifies(Case c) {
		SendResult result = TwilioSender.classify(c.thrown());
		assertThat(result).isEqualTo(c.expected());
		assertThat(result.toString()).doesNotContain("7700900123");
	}

}
