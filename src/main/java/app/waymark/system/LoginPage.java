package app.waymark.system;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The sign-in form for workers' browsers. Spring Security checks the posted e-mail and
 * password at {@code POST /login}; the form carries the CSRF token.
 */
@RestController
class LoginPage {

	private final boolean oidc;

	LoginPage(@Value("${waymark.oidc.issuer-uri:}") String issuer) {
		this.oidc = !issuer.isBlank();
	}

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	Mono<String> login(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		boolean failed = exchange.getRequest().getQueryParams().containsKey("error");
		return (token != null ? token : Mono.<CsrfToken>empty()).map(csrf -> page(csrf, failed, this.oidc))
			.defaultIfEmpty(page(null, failed, this.oidc));
	}

	private static String page(CsrfToken csrf, boolean failed, boolean oidc) {
		String hidden = csrf == null ? "" : "<input type=\"hidden\" name=\"" + escape(csrf.getParameterName())
				+ "\" value=\"" + escape(csrf.getToken()) + "\">";
		return """
				<!doctype html>
				<html lang="en"><head><meta charset="utf-8"><title>Waymark sign in</title>
				<meta name="viewport" content="width=device-width, initial-scale=1"></head>
				<body><main><h1>Waymark sign in</h1>%s
				<form method="post" action="/login">
				<p><label for="username">E-mail</label><br><input id="username" name="username" type="email" required autocomplete="username"></p>
				<p><label for="password">Password</label><br><input id="password" name="password" type="password" required autocomplete="current-password"></p>
				%s<p><button type="submit">Sign in</button></p>
				</form>%s</main></body></html>
				"""
			.formatted(failed ? "<p role=\"alert\">That e-mail and password did not match.</p>" : "", hidden, oidc
					? "<p><a href=\"/oauth2/authorization/oidc\">Sign in with your organisation account</a></p>" : "");
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
