package app.waymark.system;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@link StartupRefused} as Spring Boot reports a bad setting: the reason and
 * the action, instead of the nested bean-creation exceptions around it. Registered in
 * META-INF/spring.factories.
 */
class StartupRefusedAnalyzer extends AbstractFailureAnalyzer<StartupRefused> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StartupRefused cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
	}

}
