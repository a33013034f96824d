package app.waymark.system;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestHandler;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.NegatedServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebSession;

/**
 * Who may call what. The chat, knowledge search, health and the page are public; provider
 * webhooks are public here because each checks its provider's signature. Every other API
 * needs a signed-in worker: HTTP Basic for scripts, a form-login session for browsers.
 * Roles are ADMIN, MANAGER and WORKER; finer rules (whose young people) are checked by
 * the people feature.
 *
 * <p>
 * Browser sessions are guarded three ways. Forms carry a CSRF token (uploads too, as a
 * multipart part). {@code /api/**} calls that ride on a cookie (no {@code Authorization}
 * header) must come from this site's own origin ({@code Origin}, else {@code Referer}),
 * so another site cannot make a signed-in worker's browser unpublish an article or
 * acknowledge an alert; Basic-auth scripts are unaffected. A session ends when its
 * worker's password, role or active flag changes ({@link SessionVersions}). Every
 * response carries a Content-Security-Policy allowing only this site's own scripts, and
 * HSTS over HTTPS (behind a TLS proxy, once {@code WAYMARK_TRUSTED_PROXIES} names it; the
 * session cookie is then {@code Secure}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	static final String[] PUBLIC = { "/", "/index.html", "/favicon.ico", "/*.css", "/*.js", "/*.png", "/*.svg",
			"/assets/**", "/css/**", "/js/**", "/images/**", "/api/v1/chat", "/api/v1/chat/**",
			"/api/v1/knowledge/search", "/actuator/health", "/actuator/health/**", "/livez", "/readyz", "/webhooks/**",
			"/login", "/logout", "/oauth2/**", "/login/oauth2/**", "/v3/api-docs", "/v3/api-docs/**",
			"/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**" };

	/**
	 * Scripts only from this site (no inline script: the pages load theirs from files);
	 * inline styles are allowed, as the pages use a few style attributes.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; "
			+ "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	/** The session attribute holding the worker's session version at sign-in. */
	static final String SESSION_VERSION = "waymark.sessionVersion";

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.TRACE);

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http,
			ObjectProvider<ReactiveClientRegistrationRepository> oidc, ReactiveAuthenticationManager signIn,
			SessionVersions versions, SecuritySettings settings, ObjectProvider<ITemplateEngine> templates) {
		ServerAuthenticationSuccessHandler toHome = recordingVersion(versions,
				new RedirectServerAuthenticationSuccessHandler("/app"));
		if (oidc.getIfAvailable() != null) {
			http.oauth2Login(login -> login.authenticationSuccessHandler(toHome));
		}
		ServerAuthenticationEntryPoint json = SecurityConfiguration::unauthorized;
		ServerAuthenticationEntryPoint login = new RedirectServerAuthenticationEntryPoint("/login");
		ServerAuthenticationEntryPoint entryPoint = (exchange, ex) -> wantsPage(exchange) ? login.commence(exchange, ex)
				: json.commence(exchange, ex);
		ServerAuthenticationFailureHandler formFailed = formFailure();
		return http.authenticationManager(signIn)
			.authorizeExchange(exchanges -> exchanges.pathMatchers(HttpMethod.OPTIONS)
				.permitAll()
				.pathMatchers(PUBLIC)
				.permitAll()
				.pathMatchers("/admin", "/admin/**")
				.hasAnyRole("ADMIN", "MANAGER")
				.anyExchange()
				.authenticated())
			.httpBasic(basic -> basic.authenticationEntryPoint(json))
			.formLogin(form -> form.loginPage("/login")
				.authenticationSuccessHandler(toHome)
				.authenticationFailureHandler(formFailed))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler((exchange, ex) -> ErrorPages.wanted(exchange)
						? forbiddenPage(exchange, templates.getIfAvailable()) : forbidden(exchange, ex)))
			.csrf(csrf -> csrf.csrfTokenRequestHandler(tokenFromFormsAndUploads())
				.requireCsrfProtectionMatcher(new AndServerWebExchangeMatcher(CsrfWebFilter.DEFAULT_CSRF_MATCHER,
						new NegatedServerWebExchangeMatcher(
								ServerWebExchangeMatchers.pathMatchers("/api/**", "/webhooks/**")))))
			.headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.hsts(SecurityConfiguration::hsts))
			.addFilterBefore(endStaleSessions(versions), SecurityWebFiltersOrder.REACTOR_CONTEXT)
			.addFilterAt(sameOriginApi(settings.publicBaseUrl()), SecurityWebFiltersOrder.CSRF)
			.build();
	}

	/** HSTS over HTTPS for a year, subdomains too: the same on every chain. */
	private static void hsts(ServerHttpSecurity.HeaderSpec.HstsSpec hsts) {
		hsts.maxAge(Duration.ofDays(365)).includeSubdomains(true);
	}

	/**
	 * The token is read from the {@code X-CSRF-TOKEN} header, a URL-encoded form, or a
	 * multipart form's {@code _csrf} part, so an upload form works without JavaScript:
	 * the default (XOR-masked, against BREACH) handler with multipart reading turned on.
	 * How much of a multipart body is read is bounded ({@code spring.webflux.multipart});
	 * a body past those bounds, or malformed, holds no token that can be read, so it is
	 * refused as one without a token (403), not as a server error.
	 */
	private static ServerCsrfTokenRequestHandler tokenFromFormsAndUploads() {
		XorServerCsrfTokenRequestAttributeHandler xor = new XorServerCsrfTokenRequestAttributeHandler();
		xor.setTokenFromMultipartDataEnabled(true);
		return new ServerCsrfTokenRequestHandler() {

			@Override
			public void handle(ServerWebExchange exchange, Mono<CsrfToken> token) {
				xor.handle(exchange, token);
			}

			@Override
			public Mono<String> resolveCsrfTokenValue(ServerWebExchange exchange, CsrfToken token) {
				return xor.resolveCsrfTokenValue(exchange, token)
					.onErrorResume(ex -> ex instanceof DataBufferLimitException || ex instanceof DecodingException,
							ex -> Mono.empty());
			}

		};
	}

	/** After a sign-in, remembers in the session which version of the account it was. */
	private static ServerAuthenticationSuccessHandler recordingVersion(SessionVersions versions,
			ServerAuthenticationSuccessHandler then) {
		return (exchange, authentication) -> exchange.getExchange()
			.getSession()
			.flatMap(session -> versions.current(authentication.getName())
				.doOnNext(version -> session.getAttributes().put(SESSION_VERSION, version))
				.then())
			.then(then.onAuthenticationSuccess(exchange, authentication));
	}

	/**
	 * Ends a session whose account changed since it signed in (or that never recorded a
	 * version): the request goes on unauthenticated, so it meets the sign-in page or 401.
	 */
	private static WebFilter endStaleSessions(SessionVersions versions) {
		return (exchange, chain) -> exchange.getSession().flatMap(session -> {
			SecurityContext context = session
				.getAttribute(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME);
			if (context == null || context.getAuthentication() == null) {
				return Mono.<Void>empty();
			}
			Object started = session.getAttribute(SESSION_VERSION);
			return versions.current(context.getAuthentication().getName())
				.flatMap(current -> current.equals(started) ? Mono.<Void>empty() : end(session));
		}).then(Mono.defer(() -> chain.filter(exchange)));
	}

	private static Mono<Void> end(WebSession session) {
		return session.invalidate();
	}

	/**
	 * A state-changing {@code /api/**} call carrying cookies and no {@code Authorization}
	 * header must name this site as its origin. Browsers send {@code Origin} with every
	 * cross-site POST (and same-site fetches); a cookie-bearing call with neither
	 * {@code Origin} nor {@code Referer} is refused too.
	 */
	private static WebFilter sameOriginApi(String publicBaseUrl) {
		URI publicBase = publicBaseUrl == null || publicBaseUrl.isBlank() ? null : URI.create(publicBaseUrl.strip());
		return (exchange, chain) -> {
			var request = exchange.getRequest();
			if (SAFE.contains(request.getMethod()) || !request.getPath().value().startsWith("/api/")
					|| request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)
					|| request.getCookies().isEmpty()) {
				return chain.filter(exchange);
			}
			String origin = request.getHeaders().getOrigin();
			if (origin == null) {
				origin = request.getHeaders().getFirst(HttpHeaders.REFERER);
			}
			if (origin != null && (sameOrigin(origin, request.getURI()) || sameOrigin(origin, publicBase))) {
				return chain.filter(exchange);
			}
			return write(exchange, HttpStatus.FORBIDDEN,
					"Cross-site request refused: call the API from Waymark's own pages, or with HTTP Basic.");
		};
	}

	static boolean sameOrigin(String origin, URI site) {
		if (site == null || site.getHost() == null) {
			return false;
		}
		URI from;
		try {
			from = URI.create(origin.strip());
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		if (from.getScheme() == null || from.getHost() == null || !from.getScheme().equalsIgnoreCase(site.getScheme())
				|| !from.getHost().equalsIgnoreCase(site.getHost())) {
			return false;
		}
		return port(from) == port(site);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
	}

	/**
	 * A failed form sign-in goes back to the form; a locked account or address is told
	 * when to try again (429).
	 */
	private static ServerAuthenticationFailureHandler formFailure() {
		ServerAuthenticationFailureHandler back = new RedirectServerAuthenticationFailureHandler("/login?error");
		return (WebFilterExchange exchange, AuthenticationException ex) -> {
			if (ex instanceof SignInLocked locked) {
				return tooMany(exchange.getExchange(), locked);
			}
			return back.onAuthenticationFailure(exchange, ex);
		};
	}

	/**
	 * Provider webhooks: no account, session, CSRF token or saved request applies to them
	 * (each controller checks its provider's signature), so they skip the filters that
	 * would look those up on every delivery; the security headers stay.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityWebFilterChain webhookFilterChain(ServerHttpSecurity http) {
		return http.securityMatcher(ServerWebExchangeMatchers.pathMatchers("/webhooks/**"))
			.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.anonymous(ServerHttpSecurity.AnonymousSpec::disable)
			.headers(headers -> headers.hsts(SecurityConfiguration::hsts))
			.build();
	}

	/**
	 * On a separate management port ({@code MANAGEMENT_SERVER_PORT}) health and
	 * Prometheus metrics need no account, so the kubelet and a metrics scraper reach
	 * them; the network decides who gets there (a NetworkPolicy, or the port left
	 * unpublished). Nothing else is served there. Staff signing in with HTTP Basic see
	 * health's details, as on the main port. The main port keeps the rules above: metrics
	 * need an account there.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityWebFilterChain managementPortFilterChain(ServerHttpSecurity http, Environment environment,
			ReactiveAuthenticationManager signIn) {
		return http.authenticationManager(signIn)
			.securityMatcher(new ManagementPort(environment))
			.authorizeExchange(exchanges -> exchanges
				.pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/prometheus")
				.permitAll()
				.anyExchange()
				.denyAll())
			.httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::unauthorized))
			.exceptionHandling(handling -> handling.authenticationEntryPoint(
					(exchange, ex) -> write(exchange, HttpStatus.FORBIDDEN, "Not served on the management port.")))
			.build();
	}

	/**
	 * Matches requests that came in on the management port, when that differs from the
	 * main one (with no port of its own Boot reports the main port as the management
	 * port). The ports are read once both servers have started, not on every request.
	 */
	static final class ManagementPort implements ServerWebExchangeMatcher {

		private final Environment environment;

		private final boolean configured;

		/**
		 * The separate management port; 0 when there is none; -1 until both are known.
		 */
		private volatile int port = -1;

		ManagementPort(Environment environment) {
			this.environment = environment;
			this.configured = environment.containsProperty("management.server.port");
		}

		boolean cameInOnIt(ServerWebExchange exchange) {
			if (!this.configured) {
				return false;
			}
			int management = this.port;
			if (management < 0) {
				Integer local = this.environment.getProperty("local.management.port", Integer.class);
				Integer main = this.environment.getProperty("local.server.port", Integer.class);
				if (local == null || main == null) {
					return false;
				}
				management = local.equals(main) ? 0 : local;
				this.port = management;
			}
			var address = exchange.getRequest().getLocalAddress();
			return management > 0 && address != null && address.getPort() == management;
		}

		@Override
		public Mono<MatchResult> matches(ServerWebExchange exchange) {
			return cameInOnIt(exchange) ? MatchResult.match() : MatchResult.notMatch();
		}

	}

	/** A browser asking for a page (not the API) is sent to the login form. */
	private static boolean wantsPage(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		return !path.startsWith("/api/")
				&& exchange.getRequest().getHeaders().getAccept().stream().anyMatch(MediaType.TEXT_HTML::includes);
	}

	private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException ex) {
		if (ex instanceof SignInLocked locked) {
			return tooMany(exchange, locked);
		}
		exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Waymark\"");
		return write(exchange, HttpStatus.UNAUTHORIZED, "Sign in to use this API (HTTP Basic or the login page).");
	}

	private static Mono<Void> tooMany(ServerWebExchange exchange, SignInLocked locked) {
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(locked.retryAfterSeconds()));
		return write(exchange, HttpStatus.TOO_MANY_REQUESTS,
				"Too many failed sign-ins. Try again in " + Math.max(1, (locked.retryAfterSeconds() + 59) / 60)
						+ " minute(s), or ask an admin to reset your password.");
	}

	/**
	 * The error page in the app's style, rendered here because a refusal by the security
	 * filters never reaches a controller.
	 */
	private static Mono<Void> forbiddenPage(ServerWebExchange exchange, ITemplateEngine templates) {
		if (templates == null) {
			return write(exchange, HttpStatus.FORBIDDEN, "You do not have access to this.");
		}
		String html = templates.process(ErrorPages.VIEW, new Context(Locale.UK, Map.of("status", 403)));
		var response = exchange.getResponse();
		response.setStatusCode(HttpStatus.FORBIDDEN);
		response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(response.bufferFactory().wrap(html.getBytes(StandardCharsets.UTF_8))));
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
