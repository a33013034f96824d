package app.waymark.channel.telegram;

import java.util.List;

import app.waymark.channel.Choice;
import app.waymark.channel.OutboundMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Telegram shows choices as inline buttons; markup from its own shaper keeps MarkdownV2.
 */
class TelegramChannelTests {

	private final TelegramChannel channel = new TelegramChannel();

	@Test
	void plainTextWithoutChoicesCarriesNoExtras() {
		assertThat(this.channel.render(message("Hello", List.of(), false)).extras()).isNull();
	}

	@Test
	void shortLabelsGoTwoToARowLongOnesAlone() {
		List<Choice> checkIn = List.of(new Choice("1 Good", "checkin:GOOD", "1"), new Choice("2 OK", "checkin:OK", "2"),
				new Choice("3 Need help", "checkin:NEED_HELP", "3"));
		assertThat(this.channel.render(message("How are things?", checkIn, false)).extras())
			.isEqualTo("{\"parseMode\":null,\"buttons\":[[{\"text\":\"1 Good\",\"data\":\"checkin:GOOD\"},"
					+ "{\"text\":\"2 OK\",\"data\":\"checkin:OK\"}],"
					+ "[{\"text\":\"3 Need help\",\"data\":\"checkin:NEED_HELP\"}]]}");
		List<Choice> picks = List.of(new Choice("1 Council tax discount", "pick:1", "1"),
				new Choice("2 Bus", "pick:2", "2"));
		assertThat(TelegramChannel.buttons(picks)).hasSize(2).allSatisfy(row -> assertThat(row).hasSize(1));
	}

	@Test
	void aPayloadTelegramWouldRefuseIsLeftOut() {
		List<Choice> choices = List.of(new Choice("Long", "topic:" + "x".repeat(60), "x"),
				new Choice("Housing", "topic:housing", "housing"));
		assertThat(TelegramChannel.buttons(choices)).singleElement()
			.satisfies(row -> assertThat(row).extracting(TelegramExtras.Button::data).containsExactly("topic:housing"));
	}

	@Test
	void shapedMarkupIsSentAsMarkdownV2() {
		assertThat(this.channel.render(message("*Bold*", List.of(), true)).extras())
			.isEqualTo("{\"parseMode\":\"MarkdownV2\",\"buttons\":[]}");
	}

	private static OutboundMessage message(String text, List<Choice> choices, boolean markup) {
		return new OutboundMessage("telegram", "42", text, choices, OutboundMessage.Purpose.REPLY, null, null, "ANSWER",
				markup);
	}

}
