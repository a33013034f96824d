package app.waymark.safeguarding;

/**
 * One reviewed rule from {@code risk-rules.yml}, without its phrases (those live in the
 * classifier's index).
 *
 * @param id stable identifier, recorded in the audit trail
 * @param level {@link RiskLevel#CRISIS} or {@link RiskLevel#CONCERN}
 * @param category what kind of risk
 * @param language the language of its phrases ("en", "ar", "fa", "ps", "ti", "ckb",
 * "kmr", or a transliteration such as "ar-latn")
 * @param description what the rule is for, in plain English
 * @param reviewed whether a fluent speaker has checked the phrases
 * @param needsTogether whether a "together-with" phrase must also be present
 */
record RiskRule(String id, RiskLevel level, String category, String language, String description, boolean reviewed,
		boolean needsTogether) {

}
