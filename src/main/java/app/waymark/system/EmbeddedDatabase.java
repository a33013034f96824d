package app.waymark.system;

import java.util.Locale;

/**
 * Whether the service runs on its embedded H2 database: a local trial, where settings a
 * real deployment must give (an encryption key shared by every instance, the council's
 * out-of-hours number) may be left out.
 */
public final class EmbeddedDatabase {

	private EmbeddedDatabase() {
	}

	/**
	 * @param databaseUrl the R2DBC URL ({@code spring.r2dbc.url}), possibly empty
	 * @return true for an H2 file or memory database (or none given)
	 */
	public static boolean is(String databaseUrl) {
		String url = databaseUrl == null ? ""
				: databaseUrl.strip().toLowerCase(Locale.ROOT).replaceFirst("^r2dbc:pool:", "r2dbc:");
		return url.isEmpty() || url.startsWith("r2dbc:h2:file:") || url.startsWith("r2dbc:h2:mem:");
	}

}
