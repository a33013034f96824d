package app.waymark.system;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

/**
 * The error page staff see in a browser (Thymeleaf {@code error/error}, in the app's
 * style), where API callers and providers get {@link ApiError} JSON. Spring Boot's own
 * error handler renders the same template for failures outside any controller (a path
 * that does not exist).
 */
final class ErrorPages {

	static final String VIEW = "error/error";

	private ErrorPages() {
	}

	/** A browser asking for a page, not the API, a webhook or a script. */
	static boolean wanted(ServerWebExchange exchange) {
		String path = exchange.getRequest().getPath().value();
		return !path.startsWith("/api/") && !path.startsWith("/webhooks/")
				&& exchange.getRequest().getHeaders().getAccept().stream().anyMatch(MediaType.TEXT_HTML::includes);
	}

	/**
	 * The page for this status; a client error also shows the reason the code gave (our
	 * own words, never the request's).
	 */
	static Rendering page(HttpStatusCode status, String reason) {
		Rendering.Builder<?> page = Rendering.view(VIEW).modelAttribute("status", status.value()).status(status);
		if (status.is4xxClientError() && reason != null) {
			page.modelAttribute("reason", reason);
		}
		return page.build();
	}

}
