package app.waymark.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every table is written by one module only (the top-level package that owns it): others
 * ask that module, so the rules about a table's rows live in one place. Reading another
 * module's table is allowed (reports and joins); inserting, updating or deleting is not.
 * Read from the migrations (which tables exist) and the main sources (which SQL writes
 * them).
 */
class TableOwnershipTests {

	private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	private static final Path SOURCES = Path.of("src/main/java/app/waymark");

	private static final Pattern CREATE = Pattern.compile("create table (?:if not exists )?([a-z_]+)",
			Pattern.CASE_INSENSITIVE);

	@Test
	void eachTableIsWrittenByOneModule() throws IOException {
		Map<String, Set<String>> writers = writers();
		assertThat(writers).as("tables found in the migrations")
			.containsKeys("message", "outbound", "channel_identity", "young_person", "alert", "check_in_plan",
					"announcement", "announcement_send", "announcement_recipient");
		Map<String, Set<String>> shared = new TreeMap<>();
		writers.forEach((table, modules) -> {
			if (modules.size() > 1) {
				shared.put(table, modules);
			}
		});
		assertThat(shared).as("tables written by more than one module").isEmpty();
	}

	@Test
	void theCheckSeesAWriteFromAnotherModule() {
		assertThat(writes("this.db.sql(\"update channel_identity set unreachable_at = :now\")", "channel_identity"))
			.isTrue();
		assertThat(writes("this.db.sql(\"delete from outbound where id = :id\")", "outbound")).isTrue();
		assertThat(writes("this.db.sql(\"select * from outbound o\")", "outbound")).isFalse();
		assertThat(writes("this.db.sql(\"update outbound_history set x = 1\")", "outbound")).isFalse();
	}

	/**
	 * For each table, the modules whose main sources insert into, update or delete it.
	 */
	static Map<String, Set<String>> writers() throws IOException {
		Set<String> tables = new TreeSet<>();
		try (Stream<Path> files = Files.list(MIGRATIONS)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
				Matcher create = CREATE.matcher(Files.readString(file));
				while (create.find()) {
					tables.add(create.group(1).toLowerCase(Locale.ROOT));
				}
			}
		}
		Map<String, Set<String>> writers = new TreeMap<>();
		tables.forEach(table -> writers.put(table, new TreeSet<>()));
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				Path relative = SOURCES.relativize(file);
				if (relative.getNameCount() < 2) {
					continue;
				}
				String module = relative.getName(0).toString();
				String source = Files.readString(file);
				for (String table : tables) {
					if (writes(source, table)) {
						writers.get(table).add(module);
					}
				}
			}
		}
		return writers;
	}

	static boolean writes(String source, String table) {
		return Pattern
			.compile("\\b(insert into|update|delete from|merge into)\\s+" + table + "\\b(?!_)",
					Pattern.CASE_INSENSITIVE)
			.matcher(source)
			.find();
	}

}
