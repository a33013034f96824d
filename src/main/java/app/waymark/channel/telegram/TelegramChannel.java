package app.waymark.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import app.waymark.channel.Channel;
import app.waymark.channel.Choice;
import app.waymark.channel.OutboundMessage;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Telegram as the rest of Waymark sees it: reaches a person at any time, shows choices as
 * inline buttons, 4096 characters a message. Preferred first: it costs nothing and
 * carries buttons.
 */
@Component
@Order(10)
public final class TelegramChannel implements Channel {

	static final String NAME = "telegram";

	/** Labels up to this long go two to a row; longer ones get a row each. */
	private static final int SHORT_LABEL = 16;

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean sendsLater() {
		return true;
	}

	@Override
	public boolean takesButtons() {
		return true;
	}

	@Override
	public int maxLength() {
		return MarkdownV2.MAX_MESSAGE;
	}

	@Override
	public Rendered render(OutboundMessage message) {
		List<List<TelegramExtras.Button>> buttons = buttons(message.choices());
		if (!message.markup() && buttons.isEmpty()) {
			return new Rendered(message.text(), null);
		}
		String parseMode = message.markup() ? TelegramExtras.MARKDOWN_V2 : null;
		return new Rendered(message.text(), new TelegramExtras(parseMode, buttons).toJson());
	}

	/**
	 * Inline keyboard rows: two short labels to a row, a long one alone; a choice whose
	 * payload Telegram would refuse (over 64 bytes) is left out.
	 */
	static List<List<TelegramExtras.Button>> buttons(List<Choice> choices) {
		List<Choice> fitting = choices.stream()
			.filter(choice -> choice.payload()
				.getBytes(StandardCharsets.UTF_8).length <= TelegramExtras.MAX_CALLBACK_BYTES)
			.toList();
		boolean pairs = fitting.stream().allMatch(choice -> choice.label().length() <= SHORT_LABEL);
		List<List<TelegramExtras.Button>> rows = new ArrayList<>();
		List<TelegramExtras.Button> row = new ArrayList<>();
		for (Choice choice : fitting) {
			row.add(new TelegramExtras.Button(choice.label(), choice.payload()));
			if (!pairs || row.size() == 2) {
				rows.add(row);
				row = new ArrayList<>();
			}
		}
		if (!row.isEmpty()) {
			rows.add(row);
		}
		return rows;
	}

}
