package app.waymark.channel.whatsapp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a queued WhatsApp message carries beside its text, as JSON in
 * {@code outbound.extras}: its kind ({@code {"kind":"CHECK_IN"}}), which picks the
 * template it is sent as outside the 24-hour window.
 */
record Extras(String kind) {

	private static final ObjectMapper JSON = new ObjectMapper();

	static String of(String kind) {
		try {
			return JSON.writeValueAsString(new Extras(kind));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write WhatsApp extras", ex);
		}
	}

	/** The kind, or null for no or unreadable extras (then no template applies). */
	static String kindOf(String json) {
		if (json == null || json.isBlank()) {
			return null;
		}
		try {
			return JSON.readValue(json, Extras.class).kind();
		}
		catch (JsonProcessingException ex) {
			return null;
		}
	}

	/** Twilio's ContentVariables: the one placeholder every template has, the text. */
	static String variables(String text) {
		try {
			return JSON.writeValueAsString(java.util.Map.of("1", text));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write content variables", ex);
		}
	}

}
