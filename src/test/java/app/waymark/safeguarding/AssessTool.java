package app.waymark.safeguarding;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A tool (tag "tool"): prints the assessment of the messages in -Dmessages (|-separated),
 * with -Dpart=questions-tune the tuning questions given the crisis reply, or with
 * -Dpart=tune (or another of EvaluationSet.TUNING_PARTS, or several separated by commas)
 * the labelled messages of those parts the danger check gets wrong. Only ever the tuning
 * part: the frozen part is reported, never read for mistakes.
 */
@Tag("tool")
class AssessTool {

	@Test
	void print() {
		// -Dglossaries=false: the check without glossaries, to see what they change
		DangerCheck check = Boolean.parseBoolean(System.getProperty("glossaries", "true"))
				? RepositoryDangerCheck.shared() : RepositoryDangerCheck.withoutGlossaries();
		String part = System.getProperty("part", "");
		if (part.equals("all-tune")) {
			// every tuning part's outcome counts in one run, to compare a change
			for (String tuning : EvaluationSet.TUNING_PARTS) {
				java.util.Map<String, int[]> outcome = new java.util.TreeMap<>();
				for (EvaluationSet.Labelled m : EvaluationSet.load(tuning).messages()) {
					outcome.computeIfAbsent(m.level() + "->" + check.assess(m.message()).level(), k -> new int[1])[0]++;
				}
				outcome.forEach((k, v) -> System.out.println("SUMMARY " + tuning + " " + k + " " + v[0]));
			}
			long alarms = EvaluationSet.ordinaryQuestions("tune")
				.stream()
				.filter(question -> check.assess(question).level() == RiskLevel.CRISIS)
				.count();
			System.out.println("SUMMARY questions-tune ordinary->CRISIS " + alarms);
			return;
		}
		if (java.util.Arrays.stream(part.split(",")).allMatch(EvaluationSet.TUNING_PARTS::contains)) {
			// one part, or several separated by commas
			java.util.Map<String, int[]> outcome = new java.util.TreeMap<>();
			for (EvaluationSet.Labelled m : java.util.Arrays.stream(part.split(","))
				.flatMap(each -> EvaluationSet.load(each).messages().stream())
				.toList()) {
				RiskAssessment a = check.assess(m.message());
				outcome.computeIfAbsent(m.level() + "->" + a.level(), k -> new int[1])[0]++;
				// a crisis whose help the reply gives nowhere, as the evaluation counts
				// it
				if (a.level() == RiskLevel.CRISIS && m.level() == RiskLevel.CRISIS
						&& SafeguardingEvaluationTests.withoutTheirHelp(m.category(), a)) {
					System.out.println("HELP " + m.language() + " " + m.category() + " led by " + a.category() + " | "
							+ m.message() + " | " + a.evidence());
				}
				if (a.level() != m.level()) {
					System.out.println("WRONG " + m.language() + " " + m.level() + "/" + m.category() + " got "
							+ a.level() + "/" + a.category() + " | " + m.message() + " | " + a.evidence()
							+ glossOf(check, m.message()));
				}
			}
			outcome.forEach((k, v) -> System.out.println("OUTCOME " + k + " " + v[0]));
			return;
		}
		if (part.equals("questions-tune")) {
			// the ordinary questions (tuning parts of both question sets) given the
			// crisis reply
			for (String question : EvaluationSet.ordinaryQuestions("tune")) {
				RiskAssessment a = check.assess(question);
				if (a.level() == RiskLevel.CRISIS) {
					System.out.println("ALARM | " + question + " | " + a.evidence());
				}
			}
			return;
		}
		DangerCheck without = RepositoryDangerCheck.withoutGlossaries();
		for (String message : System.getProperty("messages", "MORE|help").split("\\|")) {
			System.out.println("WITHOUT GLOSSARIES " + without.assess(message).level());
			RiskAssessment a = check.assess(message);
			SemanticDetector.Reading r = check.readExamples(message);
			System.out.println("WHOLE " + check.readWholeExamples(message).level());
			System.out.println("ASSESS " + message + " => " + a.level() + " " + a.category() + " by " + a.detectedBy()
					+ " | " + a.evidence() + " | meaning " + java.util.Arrays.toString(r.meaning()) + " spelling "
					+ java.util.Arrays.toString(r.spelling()) + glossOf(check, message));
		}
	}

	/** How the check's glossaries read the message, when they read it. */
	private static String glossOf(DangerCheck check, String message) {
		Glossary.Gloss gloss = check.gloss(message);
		return gloss == null ? ""
				: " | gloss " + gloss.language() + " " + gloss.known() + "/" + gloss.foreign() + ": " + gloss.english();
	}

}
