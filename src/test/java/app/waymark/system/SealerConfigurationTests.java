package app.waymark.system;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where the sealing key comes from: the environment, else a key file beside the embedded
 * H2 database, and on any other database no key file at all but a refusal to start.
 */
@ExtendWith(OutputCaptureExtension.class)
class SealerConfigurationTests {

	static final String KEY = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));

	static final String H2_FILE = "r2dbc:h2:file:///./data/waymark;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";

	static final String POSTGRES = "r2dbc:postgresql://db:5432/waymark";

	enum Source {

		/** The key from the environment. */
		ENVIRONMENT,
		/** A key file made in (or read from) the data directory. */
		KEY_FILE,
		/** No key: start-up refused. */
		REFUSED

	}

	/** {@code refusal}: what the one-line reason says, where refused. */
	record Case(String label, String key, String databaseUrl, Source source, String refusal) {

		@Override
		public String toString() {
			return this.label;
		}

	}

	static List<Case> cases() {
		return List.of(new Case("H2 file, no key: key file", "", H2_FILE, Source.KEY_FILE, null),
				new Case("H2 in memory, blank key: key file", "  ", "r2dbc:h2:mem:///waymark", Source.KEY_FILE, null),
				new Case("H2 file, key: the key", KEY, H2_FILE, Source.ENVIRONMENT, null),
				new Case("PostgreSQL, key: the key", KEY, POSTGRES, Source.ENVIRONMENT, null),
				new Case("PostgreSQL, key with a line break: the key", KEY + "\n", POSTGRES, Source.ENVIRONMENT, null),
				new Case("PostgreSQL, no key: refused", "", POSTGRES, Source.REFUSED,
						"WAYMARK_ENCRYPTION_KEY is not set"),
				new Case("pooled PostgreSQL, no key: refused", "", "r2dbc:pool:postgresql://db/waymark", Source.REFUSED,
						"WAYMARK_ENCRYPTION_KEY is not set"),
				new Case("an H2 server, no key: refused", "", "r2dbc:h2:tcp://db:9092/waymark", Source.REFUSED,
						"WAYMARK_ENCRYPTION_KEY is not set"),
				new Case("key not base64: refused", "not-a-key!", POSTGRES, Source.REFUSED,
						"WAYMARK_ENCRYPTION_KEY is not valid base64."),
				new Case("key of 16 bytes: refused", Base64.getEncoder().encodeToString(new byte[16]), H2_FILE,
						Source.REFUSED, "WAYMARK_ENCRYPTION_KEY is 16 bytes long; it must be 32."));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void keyComesFromTheEnvironmentOrAKeyFileOnlyOnTheEmbeddedDatabase(Case c, @TempDir Path dataDir) {
		Path keyFile = dataDir.resolve("waymark.key");
		switch (c.source()) {
			case ENVIRONMENT -> {
				Sealer sealer = SealerConfiguration.fromSettings(c.key(), c.databaseUrl(), dataDir);
				assertThat(new Sealer(Base64.getDecoder().decode(KEY)).open(sealer.seal("07700 900123")))
					.isEqualTo("07700 900123");
				assertThat(keyFile).doesNotExist();
			}
			case KEY_FILE -> {
				Sealer sealer = SealerConfiguration.fromSettings(c.key(), c.databaseUrl(), dataDir);
				assertThat(keyFile).exists();
				Sealer fromFile = new Sealer(Base64.getDecoder().decode(readString(keyFile)));
				assertThat(fromFile.open(sealer.seal("07700 900123"))).isEqualTo("07700 900123");
				assertThat(
						SealerConfiguration.fromSettings(c.key(), c.databaseUrl(), dataDir).open(sealer.seal("again")))
					.as("the same key next time")
					.isEqualTo("again");
			}
			case REFUSED -> {
				assertThatThrownBy(() -> SealerConfiguration.fromSettings(c.key(), c.databaseUrl(), dataDir))
					.isInstanceOfSatisfying(StartupRefused.class, refused -> {
						assertThat(refused.getMessage()).startsWith(c.refusal()).doesNotContain("\n");
						assertThat(refused.action()).contains("WAYMARK_ENCRYPTION_KEY").doesNotContain("\n");
						if (!c.key().isBlank()) {
							assertThat(refused.getMessage()).doesNotContain(c.key().strip());
						}
					});
				assertThat(keyFile).doesNotExist();
			}
		}
	}

	@Test
	void aBrokenKeyFileIsNamedNotQuoted(@TempDir Path dataDir) throws Exception {
		Files.writeString(dataDir.resolve("waymark.key"), "not-a-key!");
		assertThatThrownBy(() -> SealerConfiguration.fromSettings("", H2_FILE, dataDir))
			.isInstanceOf(StartupRefused.class)
			.hasMessage("The key file " + dataDir.resolve("waymark.key") + " is not valid base64.");
	}

	@Test
	void refusalIsReportedAsTheReasonAndTheActionWithoutAStackTrace(CapturedOutput output, @TempDir Path dataDir) {
		assertThatThrownBy(() -> new SpringApplicationBuilder(SealerConfiguration.class).web(WebApplicationType.NONE)
			.run("--spring.r2dbc.url=" + POSTGRES, "--waymark.encryption-key=", "--waymark.data.dir=" + dataDir))
			.hasRootCauseInstanceOf(StartupRefused.class);
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("WAYMARK_ENCRYPTION_KEY is not set, and the database is not the embedded H2 one")
			.contains(SealerConfiguration.ACTION)
			.doesNotContain("at app.waymark");
		assertThat(dataDir.resolve("waymark.key")).doesNotExist();
	}

	private static String readString(Path file) {
		try {
			return Files.readString(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
