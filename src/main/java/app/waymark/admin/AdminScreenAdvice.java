package app.waymark.admin;

import app.waymark.system.BadRequestException;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * What every admin screen shares: the CSRF token for its forms, whether the signed-in
 * person may change things (admins) or only read (managers), and refusals as a page in
 * the app's style instead of the API's JSON.
 */
@ControllerAdvice(assignableTypes = { AdminScreens.class, ArticleScreens.class })
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminScreenAdvice {

	/** Forms carry the CSRF token; subscribing here also makes sure one is saved. */
	@ModelAttribute("csrf")
	Mono<CsrfToken> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return token == null ? Mono.empty() : token;
	}

	@ModelAttribute("canChange")
	boolean canChange(Authentication auth) {
		return mayChange(auth);
	}

	static boolean mayChange(Authentication auth) {
		return auth != null && auth.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
	}

	@ExceptionHandler(ResponseStatusException.class)
	Rendering refused(ResponseStatusException ex) {
		return error(ex.getStatusCode(), ex.getReason() == null ? "That did not work." : ex.getReason());
	}

	@ExceptionHandler(BadRequestException.class)
	Rendering bad(BadRequestException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	@ExceptionHandler(ServerWebInputException.class)
	Rendering unreadable(ServerWebInputException ex) {
		return error(HttpStatus.BAD_REQUEST, "Some of what was sent could not be read: go back and check the form.");
	}

	static Rendering error(HttpStatusCode status, String message) {
		return Rendering.view("admin/error")
			.status(status)
			.modelAttribute("status", status.value())
			.modelAttribute("message", message)
			.build();
	}

}
