package app.waymark.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key comes from {@code WAYMARK_ENCRYPTION_KEY}. Without it, on the embedded H2
 * database (trying Waymark locally), a key is made once and kept beside the database,
 * with a warning: data sealed with it is only as safe as that folder. On any other
 * database the service refuses to start: each instance (replica, container) would make a
 * key of its own, and none could read what another sealed.
 */
@Configuration(proxyBeanMethods = false)
class SealerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SealerConfiguration.class);

	static final String ACTION = "Set WAYMARK_ENCRYPTION_KEY to base64 of 32 random bytes (openssl rand -base64 32), "
			+ "the same for every instance, and keep it with the database backups.";

	@Bean
	Sealer sealer(@Value("${waymark.encryption-key:}") String key, @Value("${spring.r2dbc.url:}") String databaseUrl,
			@Value("${waymark.data.dir}") Path dataDir) {
		return fromSettings(key, databaseUrl, dataDir);
	}

	static Sealer fromSettings(String key, String databaseUrl, Path dataDir) {
		if (!key.isBlank()) {
			return new Sealer(decode(key, "WAYMARK_ENCRYPTION_KEY"));
		}
		if (!embedded(databaseUrl)) {
			throw new StartupRefused(
					"WAYMARK_ENCRYPTION_KEY is not set, and the database is not the embedded H2 one: "
							+ "each instance would make a key of its own and could not read what another sealed.",
					ACTION);
		}
		Path file = dataDir.resolve("waymark.key");
		try {
			if (!Files.exists(file)) {
				Files.createDirectories(dataDir);
				byte[] secret = new byte[32];
				new SecureRandom().nextBytes(secret);
				Files.writeString(file, Base64.getEncoder().encodeToString(secret));
				try {
					Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
				}
				catch (UnsupportedOperationException ex) {
					// not a POSIX file system; the folder's own permissions apply
				}
			}
			log.warn("WAYMARK_ENCRYPTION_KEY is not set: using the local key file in the data directory. "
					+ "Set WAYMARK_ENCRYPTION_KEY in production.");
			return new Sealer(decode(Files.readString(file), "The key file " + file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether the application runs on its embedded H2 database (a file in the data
	 * directory, or memory), where one process holds both the data and the key file.
	 */
	static boolean embedded(String databaseUrl) {
		return EmbeddedDatabase.is(databaseUrl);
	}

	/** The key's 32 bytes; a refusal that names where it came from, never the key. */
	private static byte[] decode(String key, String source) {
		byte[] secret;
		try {
			secret = Base64.getDecoder().decode(key.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new StartupRefused(source + " is not valid base64.", ACTION);
		}
		if (secret.length != 32) {
			throw new StartupRefused(source + " is " + secret.length + " bytes long; it must be 32.", ACTION);
		}
		return secret;
	}

}
