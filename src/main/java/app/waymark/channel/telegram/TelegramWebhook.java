package app.waymark.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import app.waymark.system.BadRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.telegram.telegrambots.meta.api.objects.Update;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Telegram's webhook. Telegram sends each update as JSON with the secret we gave
 * {@code setWebhook} in {@code X-Telegram-Bot-Api-Secret-Token}; anything without it is
 * refused before it is read. A valid update is always answered 200 once stored, even when
 * ignored, because any other answer makes Telegram send it again.
 *
 * <p>
 * The body is read as text and parsed with a Jackson 2 mapper of our own: the Bot API
 * types carry Jackson 2 annotations that Boot's Jackson 3 codec does not honour.
 *
 * @see <a href="https://core.telegram.org/bots/api#setwebhook">setWebhook</a>
 */
@RestController
class TelegramWebhook {

	static final String PATH = "/webhooks/telegram";

	static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

	private static final ObjectMapper JSON = new ObjectMapper()
		.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

	private final TelegramSettings settings;

	private final ObjectProvider<TelegramUpdates> updates;

	TelegramWebhook(TelegramSettings settings, ObjectProvider<TelegramUpdates> updates) {
		this.settings = settings;
		this.updates = updates;
	}

	@PostMapping(PATH)
	Mono<ResponseEntity<Void>> receive(@RequestHeader(name = SECRET_HEADER, required = false) String secret,
			@RequestBody(required = false) String body) {
		TelegramUpdates handler = this.updates.getIfAvailable();
		if (!this.settings.enabled() || handler == null) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "The Telegram channel is not set up."));
		}
		if (!secretMatches(secret)) {
			return Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED,
					"Missing or wrong " + SECRET_HEADER + " header."));
		}
		Update update;
		try {
			update = body == null || body.isBlank() ? null : JSON.readValue(body, Update.class);
		}
		catch (JsonProcessingException | RuntimeException ex) {
			update = null;
		}
		if (update == null || update.getUpdateId() == null) {
			return Mono.error(new BadRequestException(null, "The body is not a Telegram update."));
		}
		return handler.handle(update).thenReturn(ResponseEntity.ok().build());
	}

	private boolean secretMatches(String given) {
		String expected = this.settings.webhookSecret();
		if (given == null || expected == null || expected.isEmpty()) {
			return false;
		}
		return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
	}

}
