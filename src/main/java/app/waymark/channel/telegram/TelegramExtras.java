package app.waymark.channel.telegram;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a queued Telegram message carries beside its text, as {@link TelegramChannel}
 * renders a message's choices, stored as JSON in {@code outbound.extras}:
 * {@code {"parseMode":"MarkdownV2","buttons":[[{"text":"Housing","data":"topic:housing"}]]}}.
 * Rows of buttons become an inline keyboard; {@code parseMode} may be null for plain
 * text.
 */
record TelegramExtras(String parseMode, List<List<Button>> buttons) {

	static final String MARKDOWN_V2 = "MarkdownV2";

	/** Telegram refuses callback data over 64 bytes. */
	static final int MAX_CALLBACK_BYTES = 64;

	private static final ObjectMapper JSON = new ObjectMapper();

	TelegramExtras {
		buttons = buttons == null ? List.of() : buttons;
	}

	record Button(String text, String data) {
	}

	String toJson() {
		try {
			return JSON.writeValueAsString(this);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write Telegram extras", ex);
		}
	}

	static TelegramExtras fromJson(String json) {
		if (json == null || json.isBlank()) {
			return new TelegramExtras(null, List.of());
		}
		try {
			return JSON.readValue(json, TelegramExtras.class);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalArgumentException("Telegram extras are not valid JSON");
		}
	}

}
