package app.waymark.channel.whatsapp;

import java.time.Duration;

import app.waymark.channel.ChannelSender.SendResult;
import app.waymark.channel.sms.SmsSettings;
import com.twilio.exception.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Twilio's WhatsApp answers, and the settings that choose a sender and templates. */
class WhatsAppSenderTests {

	@ParameterizedTest(name = "{0}/{1}")
	@CsvSource({ "400, 63016, permanent", "400, 63003, unreachable", "400, 63024, unreachable",
			"400, 21610, unreachable", "429, 20429, retry", "503, 20003, retry", "400, 21211, unreachable" })
	void twilioErrorsBecomeWhatTheQueueActsOn(int status, int code, String outcome) {
		SendResult result = WhatsAppSender.classify(
				new ApiException("Cannot send to whatsapp:+447700900123", code, null, status, null, null, null, null));
		switch (outcome) {
			case "permanent" -> assertThat(result).isInstanceOfSatisfying(SendResult.Permanent.class,
					permanent -> assertThat(permanent.unreachable()).isFalse());
			case "unreachable" -> assertThat(result).isInstanceOfSatisfying(SendResult.Permanent.class,
					permanent -> assertThat(permanent.unreachable()).isTrue());
			default -> assertThat(result).isInstanceOf(SendResult.Retry.class);
		}
		assertThat(result.toString()).doesNotContain("447700900123");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "CHECK_IN, HXcheckin", "CHECK_IN_REMINDER, HXreminder", "WORKER_REPLY, HXreply", "ALERT, ''",
			"ANNOUNCEMENT, HXannounce", "ANSWER, ''" })
	void eachKindHasItsOwnTemplate(String kind, String template) {
		WhatsAppSettings settings = new WhatsAppSettings("+447700900000", "", 10, "HXcheckin", "HXreminder", "HXreply",
				"", "HXannounce");
		assertThat(settings.template(kind)).isEqualTo(template.isEmpty() ? null : template);
	}

	@Test
	void theSenderIsAWhatsAppAddressAndNeedsTheTwilioAccount() {
		WhatsAppSettings settings = new WhatsAppSettings(" +447700900000 ", "", 0, "", "", "", "", "");
		assertThat(settings.from()).isEqualTo("whatsapp:+447700900000");
		assertThat(settings.rate()).isEqualTo(10);
		SmsSettings account = twilio("ACx", "token");
		assertThat(settings.configured(account)).isTrue();
		assertThat(settings.configured(twilio("", "token"))).isFalse();
		assertThat(settings.missing(twilio("", ""))).isEqualTo("TWILIO_ACCOUNT_SID TWILIO_AUTH_TOKEN");
		WhatsAppSettings none = new WhatsAppSettings("", "", 10, "", "", "", "", "");
		assertThat(none.configured(account)).isFalse();
		assertThat(none.missing(account)).isEqualTo("TWILIO_WHATSAPP_FROM or TWILIO_WHATSAPP_MESSAGING_SERVICE_SID");
		assertThat(new WhatsAppSettings("", "MGservice", 10, "", "", "", "", "").configured(account)).isTrue();
	}

	private static SmsSettings twilio(String sid, String token) {
		return new SmsSettings(sid, token, "", "", "https://api.twilio.com", "", 1, Duration.ofSeconds(20), "");
	}

}
