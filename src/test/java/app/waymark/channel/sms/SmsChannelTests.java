package app.waymark.channel.sms;

import java.util.List;

import app.waymark.channel.Choice;
import app.waymark.channel.OutboundMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS has no buttons: choices are written out as what to reply, unless the text already
 * names them, and every text is folded to GSM-7.
 */
class SmsChannelTests {

	static List<Object[]> cases() {
		Choice ack = new Choice("Acknowledge", "ack:12", "ACK 12");
		List<Choice> checkIn = List.of(new Choice("1 Good", "checkin:GOOD", "1"), new Choice("2 OK", "checkin:OK", "2"),
				new Choice("3 Need help", "checkin:NEED_HELP", "3"));
		return List.of(new Object[] { "Alert 12.", List.of(ack), "Alert 12.\nReply ACK 12" },
				new Object[] { "How are things?", checkIn, "How are things?\nReply 1, 2 or 3" },
				new Object[] { "How are things? Reply 1 Good, 2 OK, 3 Need help.", checkIn,
						"How are things? Reply 1 Good, 2 OK, 3 Need help." },
				new Object[] { "Reply 10 or 20", checkIn, "Reply 10 or 20\nReply 1, 2 or 3" }, new Object[] {
						"It\u2019s \u201Cfree\u201D \u2013 no choices", List.of(), "It's \"free\" - no choices" });
	}

	@ParameterizedTest
	@MethodSource("cases")
	void choicesAreWrittenOutWhereTheTextDoesNotNameThem(String text, List<Choice> choices, String sent) {
		OutboundMessage message = new OutboundMessage("sms", "+447700900001", text, choices,
				OutboundMessage.Purpose.ALERT, null, 1L, "ALERT");
		assertThat(new SmsChannel().render(message).text()).isEqualTo(sent);
		assertThat(new SmsChannel().render(message).extras()).isNull();
	}

}
