package app.waymark.channel.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import app.waymark.system.Sealer;

import org.springframework.stereotype.Component;

/**
 * Web chat conversation ids are issued by the server, never chosen by the caller: 128
 * random bits and a keyed MAC of them ({@code <22 chars>.<32 hex>}). The id is the web
 * chat's address, so it is what a linked young person is known by; a caller who makes one
 * up, or sends one the server never issued, starts a new conversation as a stranger.
 * Every instance shares the key ({@code WAYMARK_ENCRYPTION_KEY}), so any of them accepts
 * an id another issued, and nothing has to be stored to check one.
 */
@Component
class ConversationIds {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private final Sealer sealer;

	private final SecureRandom random = new SecureRandom();

	ConversationIds(Sealer sealer) {
		this.sealer = sealer;
	}

	String issue() {
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		String id = ENCODER.encodeToString(bytes);
		return id + "." + mac(id);
	}

	/** Whether this server (or another instance with the same key) issued it. */
	boolean issued(String conversationId) {
		if (conversationId == null || conversationId.length() != 55 || conversationId.charAt(22) != '.') {
			return false;
		}
		String id = conversationId.substring(0, 22);
		if (!id.matches("[A-Za-z0-9_-]{22}")) {
			return false;
		}
		// constant time: a MAC compared byte by byte as it goes would leak how much
		// matched
		return MessageDigest.isEqual(mac(id).getBytes(StandardCharsets.US_ASCII),
				conversationId.substring(23).getBytes(StandardCharsets.US_ASCII));
	}

	private String mac(String id) {
		return this.sealer.hash("web-conversation:" + id).substring(0, 32);
	}

}
