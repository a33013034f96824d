package app.waymark.channel;

import java.util.List;

import app.waymark.channel.sms.SmsChannel;
import app.waymark.channel.telegram.TelegramChannel;
import app.waymark.channel.web.WebChannel;

/** The channel registry as the application builds it, for tests that build by hand. */
public final class TestChannels {

	private TestChannels() {
	}

	public static Channels all() {
		return new Channels(List.of(new TelegramChannel(), new SmsChannel(), new WebChannel()));
	}

}
