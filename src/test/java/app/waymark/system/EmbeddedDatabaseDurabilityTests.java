package app.waymark.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which database URLs keep every acknowledged commit across a crash. */
class EmbeddedDatabaseDurabilityTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			r2dbc:h2:file:///data/waymark;MODE=PostgreSQL;WRITE_DELAY=0      | starts
			jdbc:h2:file:/data/waymark;MODE=PostgreSQL;write_delay = 0       | starts
			r2dbc:pool:h2:file:///data/waymark;WRITE_DELAY=0                 | starts
			r2dbc:h2:file:///data/waymark;MODE=PostgreSQL                    | refused
			jdbc:h2:file:/data/waymark;WRITE_DELAY=500                       | refused
			jdbc:h2:file:/data/waymark;WRITE_DELAY=0;WRITE_DELAY=500         | refused
			jdbc:h2:./data/waymark;MODE=PostgreSQL                           | refused
			jdbc:h2:tcp://localhost/~/waymark                                | refused
			r2dbc:pool:h2:file:///data/waymark                               | refused
			r2dbc:h2:mem:///waymark;DB_CLOSE_DELAY=-1                        | starts
			jdbc:h2:mem:waymark                                              | starts
			r2dbc:postgresql://db:5432/waymark                               | starts
			jdbc:postgresql://db:5432/waymark                                | starts
			''                                                               | starts
			""")
	void anH2FileMustWriteEachCommit(String url, String expected) {
		if (expected.equals("starts")) {
			assertThatNoException().isThrownBy(() -> EmbeddedDatabaseDurability.require("WAYMARK_DB_URL", url));
		}
		else {
			assertThatThrownBy(() -> EmbeddedDatabaseDurability.require("WAYMARK_DB_URL", url))
				.isInstanceOf(StartupRefused.class)
				.hasMessageContaining("WAYMARK_DB_URL")
				.hasMessageContaining("WRITE_DELAY=0");
		}
	}

	@Test
	void theShippedDefaultsWriteEachCommit() throws IOException {
		String settings;
		try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
			settings = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Matcher defaults = Pattern.compile("\\$\\{WAYMARK_DB(?:_JDBC)?_URL:(.*)}").matcher(settings);
		List<String> urls = new ArrayList<>();
		while (defaults.find()) {
			urls.add(defaults.group(1));
		}
		assertThat(urls).hasSize(2).allSatisfy(url -> {
			assertThat(EmbeddedDatabaseDurability.keptInFile(url)).isTrue();
			assertThat(EmbeddedDatabaseDurability.writesEachCommit(url)).isTrue();
		});
		assertThat(urls.get(0).substring(urls.get(0).indexOf(';')))
			.as("the R2DBC and the Flyway URL open the database with the same options")
			.isEqualTo(urls.get(1).substring(urls.get(1).indexOf(';')));
	}

}
