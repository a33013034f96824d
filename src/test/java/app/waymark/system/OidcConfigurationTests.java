package app.waymark.system;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OpenID Connect sign-in is off unless configured, and half a configuration is refused.
 */
class OidcConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(OidcConfiguration.class);

	@Test
	void offWithoutAnIssuer() {
		this.runner.run(context -> assertThat(context).doesNotHaveBean(ReactiveClientRegistrationRepository.class));
		this.runner.withPropertyValues("waymark.oidc.issuer-uri=")
			.run(context -> assertThat(context).doesNotHaveBean(ReactiveClientRegistrationRepository.class));
	}

	@Test
	void issuerWithoutClientIsRefusedAtStartUp() {
		this.runner.withPropertyValues("waymark.oidc.issuer-uri=https://login.example.org")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("WAYMARK_OIDC_CLIENT_ID"));
	}

}
