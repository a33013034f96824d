package app.waymark.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test that fixes the application's clock must give the database the same time: SQL in
 * it that asks the database for the time ({@code current_timestamp}, {@code now()})
 * drifts away from the fixed clock as the real date moves on, and the test starts failing
 * on a later day (it happened: issue 19). Main code takes the time from the injected
 * {@code Clock} only.
 */
class ClockDisciplineTests {

	private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");

	private static final Pattern DATABASE_TIME = Pattern
		.compile("\\b(current_timestamp|current_date|current_time|localtimestamp|now\\(\\))", Pattern.CASE_INSENSITIVE);

	@Test
	void testsOnAFixedClockNeverAskTheDatabaseForTheTime() throws IOException {
		assertThat(offenders(Path.of("src/test/java"), true)).isEmpty();
	}

	@Test
	void mainCodeNeverAsksTheDatabaseOrTheSystemForTheTime() throws IOException {
		assertThat(offenders(Path.of("src/main/java"), false)).isEmpty();
	}

	private static List<String> offenders(Path root, boolean onlyFixedClockTests) throws IOException {
		List<String> offenders = new ArrayList<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				if (file.getFileName().toString().equals("ClockDisciplineTests.java")) {
					continue;
				}
				if (onlyFixedClockTests && !(source.contains("MutableClock") || source.contains("Clock.fixed"))) {
					continue;
				}
				Matcher literal = STRING_LITERAL.matcher(source);
				while (literal.find()) {
					if (DATABASE_TIME.matcher(literal.group()).find()) {
						offenders.add(file + ": " + literal.group());
					}
				}
				if (!onlyFixedClockTests) {
					for (String call : List.of("Instant.now()", "LocalDate.now()", "LocalDateTime.now()",
							"OffsetDateTime.now()", "ZonedDateTime.now()", "LocalDate.now(ZoneOffset",
							"System.currentTimeMillis()")) {
						if (source.contains(call) && !allowed(file, call)) {
							offenders.add(file + ": " + call.toLowerCase(Locale.ROOT));
						}
					}
				}
			}
		}
		return offenders;
	}

	/**
	 * Bucket4j writes its expiry times from the system clock, so removing expired buckets
	 * must compare with the same clock.
	 */
	private static boolean allowed(Path file, String call) {
		return file.getFileName().toString().equals("RateLimiter.java") && call.equals("System.currentTimeMillis()");
	}

}
