package app.waymark.safeguarding;

/**
 * How worried Waymark should be about a message, lowest first so that levels can be
 * compared with {@link #compareTo}.
 */
public enum RiskLevel {

	/**
	 * Nothing in the message suggests the young person (or someone they mention) is at
	 * risk.
	 */
	NONE,

	/**
	 * Something a worker should follow up soon: money, housing, loneliness, not coping.
	 */
	CONCERN,

	/** Someone may be in danger now: a human must look at it straight away. */
	CRISIS

}
