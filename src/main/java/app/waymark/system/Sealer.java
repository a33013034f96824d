package app.waymark.system;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts personal data at rest (phone numbers, chat ids, message text) with
 * AES-256-GCM, and gives each address a keyed hash (HMAC-SHA256) so it can be looked up
 * without decrypting every row. Both keys derive from one secret that comes from the
 * environment.
 */
public final class Sealer {

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKeySpec encryptionKey;

	private final SecretKeySpec hashKey;

	private final SecureRandom random = new SecureRandom();

	/**
	 * Ciphers and MACs to reuse, one per caller at a time (neither is thread-safe): a
	 * cipher keeps its expanded AES key between inits with the same key, where a new one
	 * expands it again on every call, which showed in the check-in pass's profile.
	 */
	private final Queue<Cipher> ciphers = new ConcurrentLinkedQueue<>();

	private final Queue<Mac> macs = new ConcurrentLinkedQueue<>();

	/**
	 * @param secret 32 bytes of key material
	 */
	public Sealer(byte[] secret) {
		if (secret.length != 32) {
			throw new IllegalArgumentException("The encryption key must be 32 bytes (base64 of 32 random bytes)");
		}
		this.encryptionKey = new SecretKeySpec(derive(secret, "waymark-seal"), "AES");
		this.hashKey = new SecretKeySpec(derive(secret, "waymark-lookup"), "HmacSHA256");
	}

	public String seal(String plain) {
		if (plain == null) {
			return null;
		}
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = cipher();
			byte[] sealed;
			try {
				cipher.init(Cipher.ENCRYPT_MODE, this.encryptionKey, new GCMParameterSpec(TAG_BITS, iv));
				sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
			}
			finally {
				this.ciphers.offer(cipher);
			}
			byte[] out = new byte[IV_BYTES + sealed.length];
			System.arraycopy(iv, 0, out, 0, IV_BYTES);
			System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
			return Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not encrypt", ex);
		}
	}

	public String open(String sealed) {
		if (sealed == null) {
			return null;
		}
		try {
			byte[] in = Base64.getDecoder().decode(sealed);
			Cipher cipher = cipher();
			try {
				cipher.init(Cipher.DECRYPT_MODE, this.encryptionKey, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
				return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
			}
			finally {
				// every use starts with init, so a failed one leaves nothing behind
				this.ciphers.offer(cipher);
			}
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("Could not decrypt: wrong key or damaged data");
		}
	}

	/**
	 * A stable keyed hash for look-up (hex); equal inputs give equal hashes under one
	 * key.
	 */
	public String hash(String value) {
		try {
			Mac mac = this.macs.poll();
			if (mac == null) {
				mac = Mac.getInstance("HmacSHA256");
				mac.init(this.hashKey);
			}
			try {
				// doFinal resets the MAC to its key, ready for the next value
				return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
			}
			finally {
				this.macs.offer(mac);
			}
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not hash", ex);
		}
	}

	private Cipher cipher() throws GeneralSecurityException {
		Cipher cipher = this.ciphers.poll();
		return cipher != null ? cipher : Cipher.getInstance("AES/GCM/NoPadding");
	}

	private static byte[] derive(byte[] secret, String purpose) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret, "HmacSHA256"));
			return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
