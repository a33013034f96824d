package app.waymark.channel;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import app.waymark.channel.ChannelSender.LongestCall;
import app.waymark.channel.ChannelSender.SendResult;
import app.waymark.system.StartupRefused;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The outbound lease must outlast every provider call, or another instance could take a
 * row whose call is still on its way and send it again: the dispatcher refuses to start
 * otherwise.
 */
class OutboundLeaseTests {

	static final LongestCall SMS_DEFAULT = new LongestCall(Duration.ofSeconds(40), "twice WAYMARK_SMS_TIMEOUT",
			"WAYMARK_SMS_TIMEOUT");

	static final LongestCall TELEGRAM = new LongestCall(Duration.ofSeconds(30),
			"the Telegram sender's fixed call time-out", null);

	/** {@code refusal} and {@code action}: the start of each, or null where it starts. */
	record Case(String label, Duration lease, String channel, LongestCall call, String refusal, String action) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static List<Case> cases() {
		return List.of(
				new Case("default lease, default SMS time-out", Duration.ofSeconds(60), "sms", SMS_DEFAULT, null, null),
				new Case("crash.sh: 3 s lease, 1 s SMS time-out", Duration.ofSeconds(3), "sms",
						new LongestCall(Duration.ofSeconds(2), "twice WAYMARK_SMS_TIMEOUT", "WAYMARK_SMS_TIMEOUT"),
						null, null),
				new Case("a lease as long as the call", Duration.ofSeconds(60), "sms",
						new LongestCall(Duration.ofSeconds(60), "twice WAYMARK_SMS_TIMEOUT", "WAYMARK_SMS_TIMEOUT"),
						"WAYMARK_OUTBOUND_LEASE (60s) is not longer than one sms call can take "
								+ "(60s: twice WAYMARK_SMS_TIMEOUT)",
						"Set WAYMARK_OUTBOUND_LEASE above 60s, or lower WAYMARK_SMS_TIMEOUT."),
				new Case("3 s lease, default SMS time-out", Duration.ofSeconds(3), "sms", SMS_DEFAULT,
						"WAYMARK_OUTBOUND_LEASE (3s) is not longer than one sms call can take "
								+ "(40s: twice WAYMARK_SMS_TIMEOUT)",
						"Set WAYMARK_OUTBOUND_LEASE above 40s, or lower WAYMARK_SMS_TIMEOUT."),
				new Case("default lease, Telegram", Duration.ofSeconds(60), "telegram", TELEGRAM, null, null),
				new Case("1500 ms lease, Telegram", Duration.ofMillis(1500), "telegram", TELEGRAM,
						"WAYMARK_OUTBOUND_LEASE (1500ms) is not longer than one telegram call can take "
								+ "(30s: the Telegram sender's fixed call time-out)",
						"Set WAYMARK_OUTBOUND_LEASE above 30s."));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void leaseMustOutlastEveryCall(Case c) {
		FakeSender sender = FakeSender.answering(message -> new SendResult.Sent("SM1", 1));
		sender.channel = c.channel();
		sender.longestCall = c.call();
		OutboundSettings settings = new OutboundSettings(Duration.ofMillis(500), 10, c.lease(), 6,
				Duration.ofSeconds(5), Duration.ofMinutes(10), false);
		List<ChannelSender> senders = List.of(sender);
		if (c.refusal() == null) {
			assertThat(new OutboundDispatcher(null, senders, SendRates.UNSHARED, settings, event -> {
			}, Clock.systemUTC())).isNotNull();
			return;
		}
		assertThatThrownBy(() -> new OutboundDispatcher(null, senders, SendRates.UNSHARED, settings, event -> {
		}, Clock.systemUTC())).isInstanceOfSatisfying(StartupRefused.class, refused -> {
			assertThat(refused.getMessage()).startsWith(c.refusal()).doesNotContain("\n");
			assertThat(refused.action()).isEqualTo(c.action());
		});
	}

}
