package app.waymark.people;

import app.waymark.safeguarding.RiskClassifier;

/**
 * The people tests need a running application, not particular risk rules: the real rules
 * when they load, else one stand-in crisis rule (the rule file was being reworked when
 * these tests were written).
 */
final class SafeguardingForTests {

	private SafeguardingForTests() {
	}

	static RiskClassifier riskClassifier() {
		try {
			return RiskClassifier.fromClasspath();
		}
		catch (IllegalArgumentException ex) {
			return RiskClassifier.fromYaml("""
					rules:
					  - id: test-crisis
					    level: crisis
					    category: self-harm
					    language: en
					    description: a stand-in rule for tests
					    patterns:
					      - end it all
					""");
		}
	}

}
