package app.waymark.safeguarding;

import java.util.Locale;

/**
 * The help a crisis reply leads with, by what the danger is: a young person with nowhere
 * to sleep tonight needs the council's out-of-hours number and Shelter first, not
 * Samaritans; someone made to carry drugs needs the Modern Slavery Helpline and 999.
 */
public enum CrisisHelp {

	/** Suicidal thoughts or self-harm: Samaritans, Shout, 999. */
	SUICIDE_AND_SELF_HARM,
	/** Pills or substances taken, or a body in danger: 999 or A&E now. */
	MEDICAL,
	/** Being hurt or threatened, or about to hurt someone: 999. */
	VIOLENCE,
	/** A partner or family member hurting or controlling them. */
	DOMESTIC_ABUSE,
	/** Made to work, carry, sell or pay off a debt; documents taken. */
	EXPLOITATION,
	/** Nowhere safe to sleep tonight. */
	NOWHERE_SAFE_TONIGHT,
	/** Danger of a kind not recognised: every line. */
	GENERAL;

	/**
	 * The help for a category the danger check reported (the rules' or the example bank's
	 * names).
	 * @param category the category, possibly null
	 * @return the help to lead with
	 */
	public static CrisisHelp forCategory(String category) {
		if (category == null) {
			return GENERAL;
		}
		return switch (category.toLowerCase(Locale.ROOT)) {
			case "suicide", "self-harm" -> SUICIDE_AND_SELF_HARM;
			case "overdose", "medical-emergency" -> MEDICAL;
			case "violence" -> VIOLENCE;
			case "domestic-abuse" -> DOMESTIC_ABUSE;
			case "exploitation", "sexual-exploitation", "criminal-exploitation", "trafficking" -> EXPLOITATION;
			case "no-safe-place-tonight" -> NOWHERE_SAFE_TONIGHT;
			default -> GENERAL;
		};
	}

	/** The phrase key of this help's lead line. */
	public String phraseKey() {
		return "crisis.help." + name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
