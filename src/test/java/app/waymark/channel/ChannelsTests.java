package app.waymark.channel;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The registry answers from the channel beans, in their order of preference. */
class ChannelsTests {

	private final Channels channels = TestChannels.all();

	@Test
	void onlyChannelsThatSendLaterReachPeopleLater() {
		assertThat(this.channels.names()).containsExactly("telegram", "sms", "web");
		assertThat(this.channels.reachingLater()).containsExactly("telegram", "sms");
		assertThat(this.channels.reachesLater("web")).isFalse();
		assertThat(this.channels.reachesLater("SMS")).isTrue();
		assertThat(this.channels.reachesLater("pigeon")).isFalse();
		assertThat(this.channels.reachesLater(null)).isFalse();
	}

	@Test
	void plansMayTryEveryArrangementOfThoseChannels() {
		assertThat(this.channels.defaultOrder()).isEqualTo("telegram,sms");
		assertThat(this.channels.orders()).containsExactly("telegram,sms", "sms,telegram", "telegram", "sms");
	}

	@Test
	void aThirdChannelWidensEveryList() {
		Channels three = new Channels(List.of(fake("telegram"), fake("sms"), fake("pigeon")));
		assertThat(three.orders()).hasSize(3 * 2 * 1 + 3 * 2 + 3).startsWith("telegram,sms,pigeon").contains("pigeon");
		assertThat(three.defaultOrder()).isEqualTo("telegram,sms,pigeon");
	}

	@Test
	void twoChannelsMayNotShareAName() {
		assertThatIllegalStateException().isThrownBy(() -> new Channels(List.of(fake("sms"), fake("sms"))));
	}

	@Test
	void aMessageForNoKnownChannelIsQueuedAsItIs() {
		OutboundMessage message = new OutboundMessage("fake", "1", "Hi \u201Cyou\u201D",
				List.of(new Choice("OK", "ack:1", "ACK 1")), OutboundMessage.Purpose.REPLY, null, null, "ANSWER");
		assertThat(this.channels.render(message)).isEqualTo(new Channel.Rendered("Hi \u201Cyou\u201D", null));
	}

	private static Channel fake(String name) {
		return new Channel() {

			@Override
			public String name() {
				return name;
			}

			@Override
			public boolean sendsLater() {
				return true;
			}

			@Override
			public boolean takesButtons() {
				return false;
			}

			@Override
			public int maxLength() {
				return 100;
			}

			@Override
			public Rendered render(OutboundMessage message) {
				return new Rendered(message.text(), null);
			}

		};
	}

}
