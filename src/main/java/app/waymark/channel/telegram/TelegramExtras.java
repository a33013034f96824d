package app.waymark.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a queued Telegram message carries beside its text, stored as JSON in
 * {@code outbound.extras}:
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

	static TelegramExtras markdown(List<List<Button>> buttons) {
		return new TelegramExtras(MARKDOWN_V2, buttons);
	}

	/** Topic buttons, two to a row, skipping any whose data would be too long. */
	static List<List<Button>> topicButtons(List<String> topics) {
		List<List<Button>> rows = new ArrayList<>();
		List<Button> row = new ArrayList<>();
		for (String topic : topics) {
			String data = "topic:" + topic;
			if (data.getBytes(StandardCharsets.UTF_8).length > MAX_CALLBACK_BYTES) {
				continue;
			}
			row.add(new Button(label(topic), data));
			if (row.size() == 2) {
				rows.add(row);
				row = new ArrayList<>();
			}
		}
		if (!row.isEmpty()) {
			rows.add(row);
		}
		return rows;
	}

	private static String label(String topic) {
		return topic.isEmpty() ? topic : topic.substring(0, 1).toUpperCase(Locale.ROOT) + topic.substring(1);
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
