package app.waymark.system;

/**
 * Settings under which the service must not run (data would be lost, unreadable, or sent
 * twice). Start-up stops with the reason and what to change, each one line and free of
 * secrets, and without a stack trace (see {@link StartupRefusedAnalyzer}).
 */
public class StartupRefused extends RuntimeException {

	private final String action;

	public StartupRefused(String reason, String action) {
		super(reason, null, false, false);
		this.action = action;
	}

	/** What to change so the service starts. */
	public String action() {
		return this.action;
	}

}
