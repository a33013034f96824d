package app.waymark.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The key comes from {@code WAYMARK_ENCRYPTION_KEY}. Without it (trying Waymark locally)
 * a key is made once and kept beside the embedded database, with a warning: data sealed
 * with it is only as safe as that folder.
 */
@Configuration(proxyBeanMethods = false)
class SealerConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SealerConfiguration.class);

	@Bean
	Sealer sealer(@Value("${waymark.encryption-key:}") String key, @Value("${waymark.data.dir}") Path dataDir) {
		if (!key.isBlank()) {
			return new Sealer(Base64.getDecoder().decode(key.strip()));
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
			return new Sealer(Base64.getDecoder().decode(Files.readString(file).strip()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
