package app.waymark.safeguarding;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A tool (tag "tool"): prints the assessment of the messages in -Dmessages (|-separated).
 */
@Tag("tool")
class AssessTool {

	@Test
	void print() {
		DangerCheck check = RepositoryDangerCheck.shared();
		for (String message : System.getProperty("messages", "MORE|help").split("\\|")) {
			RiskAssessment a = check.assess(message);
			SemanticDetector.Reading r = check.readExamples(message);
			System.out.println("ASSESS " + message + " => " + a.level() + " " + a.category() + " by " + a.detectedBy()
					+ " | " + a.evidence() + " | meaning " + java.util.Arrays.toString(r.meaning()) + " spelling "
					+ java.util.Arrays.toString(r.spelling()));
		}
	}

}
