package app.waymark.system;

import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * An H2 database kept in a file must write each commit to the file before the commit
 * returns ({@code WRITE_DELAY=0}). By default H2 keeps commits in memory for up to half a
 * second: a crash then loses messages already acknowledged to the provider, which never
 * sends them again, and records of replies already sent, which are sent again. The URLs
 * Waymark ships with say so (application.yml); one set by hand must too, or the service
 * does not start.
 *
 * @see <a href="https://h2database.com/html/commands.html#set_write_delay">SET
 * WRITE_DELAY</a>
 */
@Configuration(proxyBeanMethods = false)
class EmbeddedDatabaseDurability {

	EmbeddedDatabaseDurability(@Value("${spring.r2dbc.url:}") String r2dbcUrl,
			@Value("${spring.flyway.url:}") String jdbcUrl) {
		require("WAYMARK_DB_URL", r2dbcUrl);
		require("WAYMARK_DB_JDBC_URL", jdbcUrl);
	}

	static void require(String setting, String url) {
		if (keptInFile(url) && !writesEachCommit(url)) {
			throw new StartupRefused(
					setting + " points at an H2 database file without WRITE_DELAY=0: H2 would keep "
							+ "commits in memory, and a crash would lose messages already acknowledged.",
					"Add ;WRITE_DELAY=0 to both WAYMARK_DB_URL and WAYMARK_DB_JDBC_URL, or leave both unset.");
		}
	}

	/** H2, and not in memory: a file, or a server holding one. */
	static boolean keptInFile(String url) {
		String database = url.strip().toLowerCase(Locale.ROOT).replaceFirst("^r2dbc:pool:", "r2dbc:");
		if (!database.startsWith("r2dbc:h2:") && !database.startsWith("jdbc:h2:")) {
			return false;
		}
		String location = database.substring(database.indexOf("h2:") + 3);
		return !location.startsWith("mem:");
	}

	static boolean writesEachCommit(String url) {
		String[] parts = url.split(";");
		boolean writes = false;
		for (int i = 1; i < parts.length; i++) {
			String[] option = parts[i].split("=", 2);
			if (option[0].strip().equalsIgnoreCase("WRITE_DELAY")) {
				// the last one counts, as in H2
				writes = option.length == 2 && option[1].strip().equals("0");
			}
		}
		return writes;
	}

}
