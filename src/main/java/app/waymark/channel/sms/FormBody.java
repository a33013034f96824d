package app.waymark.channel.sms;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A strict reader of {@code application/x-www-form-urlencoded} bodies. Unlike
 * {@code URLDecoder} it refuses bytes that are not UTF-8 (raw or percent-encoded) instead
 * of replacing them, so a mangled message is refused (400) rather than stored garbled.
 * Public for the other channels Twilio carries, whose webhooks are the same kind of form.
 */
public final class FormBody {

	private FormBody() {
	}

	/** Thrown for a body that is not UTF-8 form encoding; carries no input. */
	public static final class MalformedFormException extends Exception {

		MalformedFormException(String reason) {
			super(reason, null, false, false);
		}

	}

	/**
	 * Parameters in order of first appearance; a repeated key keeps its first value, as
	 * Twilio's validator (a Map) would see it.
	 */
	public static Map<String, String> parse(byte[] body) throws MalformedFormException {
		String raw = utf8(body);
		Map<String, String> params = new LinkedHashMap<>();
		if (raw.isEmpty()) {
			return params;
		}
		for (String pair : raw.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int eq = pair.indexOf('=');
			String key = decode(eq < 0 ? pair : pair.substring(0, eq));
			String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
			params.putIfAbsent(key, value);
		}
		return Collections.unmodifiableMap(params);
	}

	private static String decode(String encoded) throws MalformedFormException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '+') {
				bytes.write(' ');
			}
			else if (c == '%') {
				if (i + 2 >= encoded.length()) {
					throw new MalformedFormException("truncated percent escape");
				}
				int hi = Character.digit(encoded.charAt(i + 1), 16);
				int lo = Character.digit(encoded.charAt(i + 2), 16);
				if (hi < 0 || lo < 0) {
					throw new MalformedFormException("bad percent escape");
				}
				bytes.write((hi << 4) | lo);
				i += 2;
			}
			else {
				byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
					utf8 = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
					i++;
				}
				bytes.writeBytes(utf8);
			}
		}
		return utf8(bytes.toByteArray());
	}

	private static String utf8(byte[] bytes) throws MalformedFormException {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new MalformedFormException("not UTF-8");
		}
	}

}
