package app.waymark.system;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;

/**
 * Optional sign-in with an OpenID Connect provider (Entra ID, Google Workspace,
 * Keycloak), on only when {@code WAYMARK_OIDC_ISSUER_URI} is set. The user name is the
 * {@code email} claim, so a provider account signs in as the worker with that e-mail; an
 * e-mail with no worker gets 403 from the API. The provider's discovery document is read
 * at start-up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${waymark.oidc.issuer-uri:}'.isBlank()")
class OidcConfiguration {

	static final String REGISTRATION = "oidc";

	@Bean
	ReactiveClientRegistrationRepository clientRegistrations(@Value("${waymark.oidc.issuer-uri}") String issuer,
			@Value("${waymark.oidc.client-id:}") String clientId,
			@Value("${waymark.oidc.client-secret:}") String clientSecret) {
		if (clientId.isBlank() || clientSecret.isBlank()) {
			throw new IllegalStateException(
					"WAYMARK_OIDC_ISSUER_URI is set: set WAYMARK_OIDC_CLIENT_ID and WAYMARK_OIDC_CLIENT_SECRET too");
		}
		return new InMemoryReactiveClientRegistrationRepository(ClientRegistrations.fromIssuerLocation(issuer)
			.registrationId(REGISTRATION)
			.clientId(clientId)
			.clientSecret(clientSecret)
			.scope("openid", "email", "profile")
			.userNameAttributeName("email")
			.build());
	}

}
