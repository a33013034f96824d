package app.waymark.safeguarding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the hand-labelled messages in {@code safeguarding/labelled-messages.csv} through
 * the real rule file and holds the classifier to its safety targets: crisis recall of at
 * least 98% (a crisis classified as CONCERN counts as a miss), no crisis ever classified
 * NONE, and at most 10% false alarms on messages labelled none.
 */
class RiskClassifierEvaluationTests {

	static final String DATA = "safeguarding/labelled-messages.csv";

	static final double MIN_CRISIS_RECALL = 0.98;

	static final double MAX_FALSE_ALARM_RATE = 0.10;

	private static RiskClassifier classifier;

	private static List<Labelled> messages;

	@BeforeAll
	static void load() throws IOException {
		classifier = RiskClassifier.fromClasspath();
		messages = readLabelled();
	}

	@Test
	void labelledSetMeetsSafetyTargets() {
		int crisisTotal = 0;
		int crisisHit = 0;
		int crisisAsNone = 0;
		int concernTotal = 0;
		int concernHit = 0;
		int concernAtLeast = 0;
		int noneTotal = 0;
		int falseAlarms = 0;
		int falseCrisis = 0;
		List<String> misses = new ArrayList<>();
		for (Labelled m : messages) {
			RiskAssessment a = classifier.assess(m.message());
			switch (m.level()) {
				case CRISIS -> {
					crisisTotal++;
					if (a.level() == RiskLevel.CRISIS) {
						crisisHit++;
					}
					if (a.level() == RiskLevel.NONE) {
						crisisAsNone++;
					}
				}
				case CONCERN -> {
					concernTotal++;
					if (a.level() == RiskLevel.CONCERN) {
						concernHit++;
					}
					if (a.level() != RiskLevel.NONE) {
						concernAtLeast++;
					}
				}
				case NONE -> {
					noneTotal++;
					if (a.level() != RiskLevel.NONE) {
						falseAlarms++;
					}
					if (a.level() == RiskLevel.CRISIS) {
						falseCrisis++;
					}
				}
			}
			if (a.level() != m.level()) {
				misses.add(String.format(Locale.ROOT, "  expected %-7s got %-7s %-22s %s  %s", m.level(), a.level(),
						(a.category() != null) ? a.category() : "-", quote(m.message()), a.ruleIds()));
			}
		}
		double crisisRecall = ratio(crisisHit, crisisTotal);
		double concernRecall = ratio(concernHit, concernTotal);
		double falseAlarmRate = ratio(falseAlarms, noneTotal);
		StringBuilder report = new StringBuilder();
		report
			.append(String.format(Locale.ROOT, "%nSafeguarding classifier on %d labelled messages%n", messages.size()));
		report.append(String.format(Locale.ROOT, "  %-38s %6s %12s%n", "measure", "value", "count"));
		report.append(String.format(Locale.ROOT, "  %-38s %5.1f%% %5d / %-5d%n", "crisis recall (crisis -> CRISIS)",
				100 * crisisRecall, crisisHit, crisisTotal));
		report.append(String.format(Locale.ROOT, "  %-38s %6s %5d / %-5d%n", "crisis classified NONE", "", crisisAsNone,
				crisisTotal));
		report.append(String.format(Locale.ROOT, "  %-38s %5.1f%% %5d / %-5d%n", "concern recall (concern -> CONCERN)",
				100 * concernRecall, concernHit, concernTotal));
		report.append(String.format(Locale.ROOT, "  %-38s %5.1f%% %5d / %-5d%n", "concern flagged at all (not NONE)",
				100 * ratio(concernAtLeast, concernTotal), concernAtLeast, concernTotal));
		report.append(String.format(Locale.ROOT, "  %-38s %5.1f%% %5d / %-5d%n",
				"false alarms (none -> CONCERN/CRISIS)", 100 * falseAlarmRate, falseAlarms, noneTotal));
		report.append(String.format(Locale.ROOT, "  %-38s %6s %5d / %-5d%n", "  of which CRISIS", "", falseCrisis,
				noneTotal));
		report.append(String.format(Locale.ROOT, "Misclassified (%d):%n", misses.size()));
		misses.forEach((line) -> report.append(line).append(System.lineSeparator()));
		System.out.println(report);

		assertThat(crisisAsNone).as("crisis messages classified NONE (see the table above)").isZero();
		assertThat(crisisRecall).as("crisis recall (see the table above)").isGreaterThanOrEqualTo(MIN_CRISIS_RECALL);
		assertThat(falseAlarmRate).as("false-alarm rate on none (see the table above)")
			.isLessThanOrEqualTo(MAX_FALSE_ALARM_RATE);
	}

	@Test
	void labelledSetIsBigAndBalancedEnough() {
		assertThat(messages).hasSizeGreaterThanOrEqualTo(220);
		assertThat(messages.stream().filter((m) -> m.level() == RiskLevel.CRISIS).count()).isGreaterThanOrEqualTo(80);
		assertThat(messages.stream().filter((m) -> m.level() == RiskLevel.CONCERN).count()).isGreaterThanOrEqualTo(50);
		assertThat(messages.stream().filter((m) -> m.level() == RiskLevel.NONE).count()).isGreaterThanOrEqualTo(80);
	}

	private static double ratio(int part, int whole) {
		return (whole == 0) ? 0 : (double) part / whole;
	}

	private static String quote(String message) {
		String oneLine = message.replace('\n', ' ');
		return "\"" + ((oneLine.length() > 90) ? oneLine.substring(0, 87) + "..." : oneLine) + "\"";
	}

	static List<Labelled> readLabelled() throws IOException {
		try (InputStream in = RiskClassifierEvaluationTests.class.getClassLoader().getResourceAsStream(DATA)) {
			assertThat(in).as(DATA + " on the test classpath").isNotNull();
			List<List<String>> rows = parseCsv(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			assertThat(rows.get(0)).containsExactly("message", "level", "category");
			List<Labelled> out = new ArrayList<>();
			for (int i = 1; i < rows.size(); i++) {
				List<String> row = rows.get(i);
				if (row.size() == 1 && row.get(0).isEmpty()) {
					continue;
				}
				assertThat(row).as("row %d of %s", i + 1, DATA).hasSize(3);
				RiskLevel level = RiskLevel.valueOf(row.get(1).strip().toUpperCase(Locale.ROOT));
				String category = row.get(2).isBlank() ? null : row.get(2).strip();
				assertThat(category == null).as("row %d: category is given exactly when level is not none", i + 1)
					.isEqualTo(level == RiskLevel.NONE);
				out.add(new Labelled(row.get(0), level, category));
			}
			return out;
		}
	}

	/**
	 * RFC 4180: fields separated by commas, optionally in double quotes; inside quotes a
	 * doubled quote is a quote and commas and line breaks are data.
	 */
	static List<List<String>> parseCsv(String text) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		int i = 0;
		String s = text.startsWith("\uFEFF") ? text.substring(1) : text;
		while (i < s.length()) {
			char c = s.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
						field.append('"');
						i += 2;
						continue;
					}
					quoted = false;
				}
				else {
					field.append(c);
				}
				i++;
				continue;
			}
			if (c == '"' && field.isEmpty()) {
				quoted = true;
			}
			else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\r' || c == '\n') {
				row.add(field.toString());
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
				if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
					i++;
				}
			}
			else {
				field.append(c);
			}
			i++;
		}
		if (!field.isEmpty() || !row.isEmpty()) {
			row.add(field.toString());
			rows.add(row);
		}
		return rows;
	}

	record Labelled(String message, RiskLevel level, String category) {
	}

}
