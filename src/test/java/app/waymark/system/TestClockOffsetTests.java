package app.waymark.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The test JVM's clock is as far ahead as {@code FAKETIME} asks ({@code -Pyear-ahead}
 * sets {@code +365d}) and at real time without it. Without this a profile whose
 * libfaketime failed to load would pass every test at today's date and prove nothing. The
 * real time comes from the kernel's boot time plus uptime, which libfaketime does not
 * touch.
 */
class TestClockOffsetTests {

	private static final Pattern DAYS_OFFSET = Pattern.compile("([+-])(\\d+)d");

	@Test
	void theJvmClockIsAsFarAheadAsFaketimeAsks() throws IOException {
		assumeTrue(Files.isReadable(Path.of("/proc/stat")), "needs Linux's /proc for the real time");
		Duration asked = askedOffset(System.getenv("FAKETIME"));
		Duration seen = Duration.between(realNow(), Instant.now());
		assertThat(seen.minus(asked).abs()).as("JVM clock ahead by %s, FAKETIME asks %s", seen, asked)
			.isLessThan(Duration.ofMinutes(5));
	}

	private static Duration askedOffset(String faketime) {
		if (faketime == null || faketime.isBlank()) {
			return Duration.ZERO;
		}
		Matcher days = DAYS_OFFSET.matcher(faketime.trim());
		assertThat(days.matches()).as("this test reads only FAKETIME offsets in days, like +365d: %s", faketime)
			.isTrue();
		Duration offset = Duration.ofDays(Long.parseLong(days.group(2)));
		return days.group(1).equals("-") ? offset.negated() : offset;
	}

	/** Seconds since the epoch at boot ({@code btime}) plus seconds since boot. */
	private static Instant realNow() throws IOException {
		long bootSecond = Files.readAllLines(Path.of("/proc/stat"))
			.stream()
			.filter(line -> line.startsWith("btime "))
			.mapToLong(line -> Long.parseLong(line.substring("btime ".length()).trim()))
			.findFirst()
			.orElseThrow();
		String uptime = Files.readString(Path.of("/proc/uptime")).split(" ")[0];
		long uptimeMillis = Math.round(Double.parseDouble(uptime) * 1000);
		return Instant.ofEpochSecond(bootSecond).plusMillis(uptimeMillis);
	}

}
