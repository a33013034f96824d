package app.waymark.system;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who may call what. The chat, knowledge search, health and the page are public; provider
 * webhooks are public here because each checks its provider's signature. Every other API
 * needs a signed-in worker: HTTP Basic for scripts, a form-login session for browsers.
 * Roles are ADMIN, MANAGER and WORKER; finer rules (whose young people) are checked by
 * the people feature. CSRF protection stays on for browser forms and is off for
 * {@code /api/**} and {@code /webhooks/**}, which take no cookies from third-party pages
 * (the session cookie is SameSite=Lax).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	static final String[] PUBLIC = { "/", "/index.html", "/favicon.ico", "/*.css", "/*.js", "/*.png", "/*.svg",
			"/assets/**", "/css/**", "/js/**", "/images/**", "/api/v1/chat", "/api/v1/knowledge/search",
			"/actuator/health", "/actuator/health/**", "/webhooks/**", "/login", "/logout", "/oauth2/**",
			"/login/oauth2/**", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**",
			"/webjars/swagger-ui/**" };

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http,
			ObjectProvider<ReactiveClientRegistrationRepository> oidc) {
		if (oidc.getIfAvailable() != null) {
			http.oauth2Login(Customizer.withDefaults());
		}
		ServerAuthenticationEntryPoint json = SecurityConfiguration::unauthorized;
		ServerAuthenticationEntryPoint login = new RedirectServerAuthenticationEntryPoint("/login");
		ServerAuthenticationEntryPoint entryPoint = (exchange, ex) -> wantsPage(exchange) ? login.commence(exchange, ex)
				: json.commence(exchange, ex);
		return http
			.authorizeExchange(exchanges -> exchanges.pathMatchers(HttpMethod.OPTIONS)
				.permitAll()
				.pathMatchers(PUBLIC)
				.permitAll()
				.anyExchange()
				.authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint(json))
			.formLogin(form -> form.loginPage("/login"))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(SecurityConfiguration::forbidden))
			.csrf(csrf -> csrf
				.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
						new NegatedServerWebExchangeMatcher(
								ServerWebExchangeMatchers.pathMatchers("/api/**", "/webhooks/**")))))
			.build();
	}

	/** A browser asking for a page (not the API) is sent to the login form. */
	private static boolean wantsPage(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		return !path.startsWith("/api/")
				&& exchange.getRequest().getHeaders().getAccept().stream().anyMatch(MediaType.TEXT_HTML::includes);
	}

	private static Mono<Void> unauthorized(ServerWebExchange exchange,
			org.springframework.security.core.AuthenticationException ex) {
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Waymark\"");
		return write(exchange, HttpStatus.UNAUTHORIZED, "Sign in to use this API (HTTP Basic or the login page).");
	}

	private static Mono<Void> forbidden(ServerWebExchange exchange,
			org.springframework.security.access.AccessDeniedException ex) {
		return write(exchange, HttpStatus.FORBIDDEN, "You do not have access to this.");
	}

	static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String message) {
		var response = exchange.getResponse();
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
		String body = "{\"status\":" + status.value() + ",\"error\":\"" + status.getReasonPhrase() + "\",\"message\":\""
				+ message + "\"}";
		return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

}
