package app.waymark.channel.web;

import java.util.List;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Lets the council sites named in {@code WAYMARK_CHAT_EMBED_ORIGINS} show the chat page
 * in the launcher's frame. Every other page, and the chat page everywhere else, keeps
 * {@code frame-ancestors 'none'}: a framed page can be dressed up to trick someone. Runs
 * after the security headers are written, and only widens the page's own.
 */
@Component
class ChatFraming implements WebFilter, Ordered {

	static final Set<String> CHAT_PAGE = Set.of("/", "/index.html");

	private static final String CSP = "Content-Security-Policy";

	private final String ancestors;

	ChatFraming(ChatSettings settings) {
		List<String> origins = settings.embedOrigins()
			.stream()
			.filter(origin -> origin.matches("https?://[A-Za-z0-9.-]+(:[0-9]+)?"))
			.toList();
		this.ancestors = origins.isEmpty() ? null : "frame-ancestors 'self' " + String.join(" ", origins);
	}

	@Override
	public int getOrder() {
		// after Spring Security's filter chain, so its headers are there to widen
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.ancestors != null && HttpMethod.GET.equals(exchange.getRequest().getMethod())
				&& CHAT_PAGE.contains(exchange.getRequest().getPath().value())) {
			exchange.getResponse().beforeCommit(() -> {
				HttpHeaders headers = exchange.getResponse().getHeaders();
				String policy = headers.getFirst(CSP);
				if (policy != null) {
					headers.set(CSP, policy.replace("frame-ancestors 'none'", this.ancestors));
					headers.remove("X-Frame-Options");
				}
				return Mono.empty();
			});
		}
		return chain.filter(exchange);
	}

}
