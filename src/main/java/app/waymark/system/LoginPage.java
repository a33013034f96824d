package app.waymark.system;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

/**
 * The sign-in form for workers' browsers (template {@code login}). Spring Security checks
 * the posted e-mail and password at {@code POST /login}; the form carries the CSRF token.
 */
@Controller
class LoginPage {

	private final boolean oidc;

	LoginPage(@Value("${waymark.oidc.issuer-uri:}") String issuer) {
		this.oidc = !issuer.isBlank();
	}

	@GetMapping("/login")
	Rendering login(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		var query = exchange.getRequest().getQueryParams();
		// the view resolves the token's Mono before rendering; subscribing saves the
		// token
		return Rendering.view("login")
			.modelAttribute("csrf", token != null ? token : Mono.empty())
			.modelAttribute("failed", query.containsKey("error"))
			.modelAttribute("signedOut", query.containsKey("logout"))
			.modelAttribute("oidc", this.oidc)
			.build();
	}

}
