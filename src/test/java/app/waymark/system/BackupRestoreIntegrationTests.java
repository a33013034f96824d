package app.waymark.system;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/backup/backup.sh and restore.sh, run as an operator runs them, against throwaway
 * databases on the local PostgreSQL: a migrated Waymark database with a few rows is
 * backed up (encrypted with age), dropped, restored and compared table by table and
 * sequence by sequence. Also: retention, a wrong key, a damaged file, and a restore over
 * a database that is not empty. Needs PostgreSQL's client tools (the same major version
 * as the server, or newer) and age; without them it skips, except under {@code CI=true},
 * where it fails ({@code .ci/run} installs them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreIntegrationTests {

	private static final Path BACKUP = Path.of("deploy", "backup", "backup.sh");

	private static final Path RESTORE = Path.of("deploy", "backup", "restore.sh");

	private static final Pattern BACKUP_NAME = Pattern.compile("waymark-\\d{8}T\\d{6}Z\\.dump\\.age");

	private final String suffix = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));

	private final List<String> databases = new ArrayList<>();

	@TempDir
	static Path work;

	private Path backups;

	private Path identity;

	private Path backup;

	private String source;

	private Map<String, String> original;

	private long highestWorkerId;

	@BeforeAll
	void backUpAMigratedDatabaseWithRows() throws Exception {
		TestDatabase.requirePostgres();
		requireTools();
		this.source = createDatabase("source");
		Flyway.configure().dataSource(jdbcUrl(this.source), "postgres", "").load().migrate();
		try (Connection db = connect(this.source); Statement sql = db.createStatement()) {
			sql.execute("insert into worker (name, email, role, team, created_at) values "
					+ "('Zoë Ağaoğlu', 'zoe@example.org', 'WORKER', 'Leaving care', now()), "
					+ "('Dawit Tesfaye', 'dawit@example.org', 'MANAGER', 'Leaving care', now()), "
					+ "('Admin', 'admin@example.org', 'ADMIN', null, now())");
			sql.execute("insert into young_person (case_reference, name, preferred_name, created_at, updated_at) "
					+ "values ('CL-001', 'Joanne Smith', 'Jo', now(), now()), ('CL-002', 'Ahmad Rahimi', null, now(), now())");
			sql.execute("insert into allocation (young_person_id, worker_id, starts_at) select y.id, w.id, now() "
					+ "from young_person y, worker w where w.email = 'zoe@example.org'");
			sql.execute("create table restore_check (id bigint generated always as identity primary key, "
					+ "note text, payload bytea, at timestamp with time zone)");
			sql.execute("insert into restore_check (note, payload, at) values ('quotes '' and tabs \t and ✓', "
					+ "'\\xdeadbeef00', '2026-03-29 01:30:00+00'), (null, null, null), (repeat('long ', 20000), "
					+ "decode(repeat('ab', 5000), 'hex'), now())");
			// incompressible enough to span several of age's 64 KiB chunks, so a damaged
			// end
			// is found only after the first tables have been read
			sql.execute("insert into restore_check (note) select string_agg(md5(random()::text), '') "
					+ "from generate_series(1, 20000)");
			this.highestWorkerId = single(sql, "select max(id) from worker");
		}
		this.original = fingerprint(this.source);
		assertThat(this.original).containsKeys("table worker", "table restore_check", "table flyway_schema_history");

		Path keys = Files.createDirectories(work.resolve("keys"));
		this.identity = keys.resolve("backup-identity.txt");
		run(Map.of(), "age-keygen", "-o", this.identity.toString()).succeeded();
		String recipient = recipientOf(this.identity);

		// earlier backups: two past retention, one past retention but among the newest
		// two
		// kept, and files that are not this prefix's backups
		this.backups = Files.createDirectories(work.resolve("backups"));
		for (String old : List.of("waymark-20200101T000000Z.dump.age", "waymark-20200101T000000Z.dump.age.sha256",
				"waymark-20200102T000000Z.dump.age", "waymark-20200103T000000Z.dump.age", "notes.txt",
				"other-20200101T000000Z.dump.age")) {
			Files.writeString(this.backups.resolve(old), "old");
		}
		Result made = run(
				Map.of("PGDATABASE", this.source, "BACKUP_DIR", this.backups.toString(), "BACKUP_AGE_RECIPIENTS",
						recipient, "BACKUP_RETENTION_DAYS", "30", "BACKUP_KEEP_AT_LEAST", "2"),
				"bash", BACKUP.toString());
		made.succeeded();
		try (Stream<Path> files = Files.list(this.backups)) {
			this.backup = files.filter(file -> BACKUP_NAME.matcher(file.getFileName().toString()).matches())
				.filter(file -> !file.getFileName().toString().startsWith("waymark-2020"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no new backup in " + this.backups + ": " + made.output()));
		}
	}

	@AfterAll
	void dropTheDatabases() throws SQLException {
		if (this.databases.isEmpty()) {
			return;
		}
		try (Connection db = connect("test"); Statement sql = db.createStatement()) {
			for (String name : this.databases) {
				sql.execute("drop database if exists " + name + " with (force)");
			}
		}
	}

	@Test
	void theBackupIsEncryptedAndOldBackupsGoAfterTheNewestAreKept() throws Exception {
		byte[] bytes = Files.readAllBytes(this.backup);
		assertThat(new String(bytes, 0, 22, StandardCharsets.US_ASCII)).isEqualTo("age-encryption.org/v1\n");
		assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain("Ağaoğlu")
			.doesNotContain("restore_check")
			.doesNotContain("PGDMP");
		// pg_restore cannot read it without the key
		assertThat(run(Map.of(), "pg_restore", "--list", this.backup.toString()).exit()).isNotZero();
		assertThat(Files.readString(Path.of(this.backup + ".sha256")))
			.isEqualTo(sha256(this.backup) + "  " + this.backup.getFileName() + "\n");
		try (Stream<Path> files = Files.list(this.backups)) {
			assertThat(files.map(file -> file.getFileName().toString()).sorted()).containsExactly("notes.txt",
					"other-20200101T000000Z.dump.age", "waymark-20200103T000000Z.dump.age",
					this.backup.getFileName().toString(), this.backup.getFileName() + ".sha256");
		}
	}

	@Test
	void aDroppedDatabaseComesBackAsItWas() throws Exception {
		try (Connection db = connect("test"); Statement sql = db.createStatement()) {
			sql.execute("drop database " + this.source + " with (force)");
			sql.execute("create database " + this.source);
		}
		restore(this.source, this.identity, false, this.backup).succeeded();
		assertThat(fingerprint(this.source)).isEqualTo(this.original);
		// identities carry on from where they were, so new rows do not collide
		try (Connection db = connect(this.source); Statement sql = db.createStatement()) {
			sql.execute("insert into worker (name, email, role, created_at) values ('New', 'new@example.org', "
					+ "'WORKER', now())");
			assertThat(single(sql, "select max(id) from worker")).isGreaterThan(this.highestWorkerId);
		}
	}

	@Test
	void theWrongKeyRestoresNothing() throws Exception {
		Path other = work.resolve("keys").resolve("other-identity.txt");
		run(Map.of(), "age-keygen", "-o", other.toString()).succeeded();
		String target = createDatabase("wrong_key");
		Result result = restore(target, other, false, this.backup);
		assertThat(result.exit()).as(result.output()).isNotZero();
		assertThat(tables(target)).isZero();
	}

	@Test
	void aDamagedBackupRestoresNothing() throws Exception {
		byte[] bytes = Files.readAllBytes(this.backup);
		bytes[bytes.length - 100] ^= 0x01;
		Path damaged = Files.createDirectories(work.resolve("damaged")).resolve(this.backup.getFileName());
		Files.write(damaged, bytes);
		String target = createDatabase("damaged");

		// with the checksum beside it, refused before anything is read
		Files.copy(Path.of(this.backup + ".sha256"), Path.of(damaged + ".sha256"));
		Result checked = restore(target, this.identity, false, damaged);
		assertThat(checked.exit()).isNotZero();
		assertThat(checked.output()).contains("checksum mismatch");

		// without it, age's authentication stops the restore, which rolls back
		Files.delete(Path.of(damaged + ".sha256"));
		Result unchecked = restore(target, this.identity, false, damaged);
		assertThat(unchecked.exit()).as(unchecked.output()).isNotZero();
		assertThat(tables(target)).isZero();
	}

	@Test
	void aDatabaseThatIsNotEmptyIsOnlyReplacedWithClean() throws Exception {
		String target = createDatabase("clean");
		restore(target, this.identity, false, this.backup).succeeded();
		try (Connection db = connect(target); Statement sql = db.createStatement()) {
			sql.execute("delete from allocation");
			sql.execute("update worker set name = 'Changed'");
		}
		Map<String, String> changed = fingerprint(target);
		assertThat(changed).isNotEqualTo(this.original);

		Result refused = restore(target, this.identity, false, this.backup);
		assertThat(refused.exit()).isNotZero();
		assertThat(refused.output()).contains("pass --clean");
		assertThat(fingerprint(target)).isEqualTo(changed);

		restore(target, this.identity, true, this.backup).succeeded();
		assertThat(fingerprint(target)).isEqualTo(this.original);
	}

	private Result restore(String database, Path key, boolean clean, Path file) throws Exception {
		List<String> command = new ArrayList<>(List.of("bash", RESTORE.toString()));
		if (clean) {
			command.add("--clean");
		}
		command.add(file.toString());
		return run(Map.of("PGDATABASE", database, "BACKUP_AGE_IDENTITY_FILE", key.toString()),
				command.toArray(String[]::new));
	}

	/**
	 * Every table's row count and a digest of its rows in a fixed order, and every
	 * sequence's position.
	 */
	private static Map<String, String> fingerprint(String database) throws SQLException {
		Map<String, String> print = new TreeMap<>();
		try (Connection db = connect(database); Statement sql = db.createStatement()) {
			List<String> tables = new ArrayList<>();
			try (ResultSet rows = sql.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
				while (rows.next()) {
					tables.add(rows.getString(1));
				}
			}
			for (String table : tables) {
				try (ResultSet rows = sql.executeQuery("select count(*) || ' ' || coalesce(md5(string_agg(t::text, "
						+ "'|' order by t::text)), '') from public.\"" + table + "\" t")) {
					rows.next();
					print.put("table " + table, rows.getString(1));
				}
			}
			try (ResultSet rows = sql.executeQuery(
					"select sequencename, coalesce(last_value, 0) from pg_sequences where schemaname = 'public'")) {
				while (rows.next()) {
					print.put("sequence " + rows.getString(1), rows.getString(2));
				}
			}
		}
		return print;
	}

	private static long tables(String database) throws SQLException {
		try (Connection db = connect(database); Statement sql = db.createStatement()) {
			return single(sql,
					"select count(*) from pg_tables where schemaname not in ('pg_catalog', " + "'information_schema')");
		}
	}

	private static long single(Statement sql, String query) throws SQLException {
		try (ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private String createDatabase(String purpose) throws SQLException {
		String name = "waymark_restore_" + purpose + "_" + this.suffix;
		try (Connection db = connect("test"); Statement sql = db.createStatement()) {
			sql.execute("create database " + name);
		}
		this.databases.add(name);
		return name;
	}

	private static Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
	}

	private static String jdbcUrl(String database) {
		return "jdbc:postgresql://" + TestDatabase.PG_HOST + ":" + TestDatabase.PG_PORT + "/" + database;
	}

	private static String recipientOf(Path identity) throws IOException {
		Matcher key = Pattern.compile("public key: (age1[0-9a-z]+)").matcher(Files.readString(identity));
		assertThat(key.find()).as("age-keygen wrote a public key").isTrue();
		return key.group(1);
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of()
			.formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

	/**
	 * Runs a command with the local PostgreSQL's connection settings and nothing else of
	 * libpq's from this environment.
	 */
	private static Result run(Map<String, String> env, String... command) throws Exception {
		ProcessBuilder process = new ProcessBuilder(command).redirectErrorStream(true);
		process.environment().keySet().removeIf(name -> name.startsWith("PG") || name.startsWith("BACKUP_"));
		process.environment()
			.putAll(Map.of("PGHOST", TestDatabase.PG_HOST, "PGPORT", String.valueOf(TestDatabase.PG_PORT), "PGUSER",
					"postgres"));
		process.environment().putAll(env);
		Process running = process.start();
		String output = new String(running.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!running.waitFor(120, TimeUnit.SECONDS)) {
			running.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not finish in 120 s: " + output);
		}
		return new Result(String.join(" ", command), running.exitValue(), output);
	}

	record Result(String command, int exit, String output) {

		void succeeded() {
			assertThat(this.exit).as("%s exited %d: %s", this.command, this.exit, this.output).isZero();
		}

	}

	/**
	 * The client tools, and a pg_dump that can dump this server (its major version or
	 * newer).
	 */
	private static void requireTools() throws Exception {
		boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
		Map<String, Boolean> found = new LinkedHashMap<>();
		for (String tool : List.of("bash", "pg_dump", "pg_restore", "psql", "age", "age-keygen", "sha256sum")) {
			found.put(tool, onPath(tool));
		}
		List<String> missing = found.entrySet()
			.stream()
			.filter(tool -> !tool.getValue())
			.map(Map.Entry::getKey)
			.toList();
		String problem = missing.isEmpty() ? null : "missing " + missing + " (apt-get install postgresql-client age)";
		if (problem == null) {
			int client = major(run(Map.of(), "pg_dump", "--version").output());
			long server;
			try (Connection db = connect("test"); Statement sql = db.createStatement()) {
				server = single(sql, "select current_setting('server_version_num')::int / 10000");
			}
			if (client < server) {
				problem = "pg_dump " + client + " cannot dump PostgreSQL " + server + "; install its client tools";
			}
		}
		if (problem != null && ci) {
			throw new IllegalStateException("CI=true but the backup tools are not usable: " + problem);
		}
		Assumptions.assumeTrue(problem == null, problem + "; skipping");
	}

	private static int major(String version) {
		Matcher number = Pattern.compile("\\) (\\d+)").matcher(version);
		assertThat(number.find()).as("a version in: %s", version).isTrue();
		return Integer.parseInt(number.group(1));
	}

	private static boolean onPath(String tool) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
	}

}
