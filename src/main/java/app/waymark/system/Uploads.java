package app.waymark.system;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.web.server.ServerWebExchange;

/**
 * A file sent to an upload screen, either way a browser sends it: as the request body
 * (the page's script, with the CSRF token in a header) or as a file part of a plain
 * multipart form (no JavaScript, the token in the form's {@code _csrf} part). How many
 * parts and how large are bounded by {@code spring.webflux.multipart} in
 * {@code application.yml}.
 */
public final class Uploads {

	private Uploads() {
	}

	/**
	 * The file's bytes: the named file part of a multipart form (empty when it has none),
	 * else the whole request body.
	 */
	public static Flux<DataBuffer> content(ServerWebExchange exchange, String part) {
		MediaType type = exchange.getRequest().getHeaders().getContentType();
		if (type == null || !MediaType.MULTIPART_FORM_DATA.isCompatibleWith(type)) {
			return exchange.getRequest().getBody();
		}
		// the CSRF filter has read the form already; the exchange keeps what it read
		return exchange.getMultipartData()
			.flatMapMany(parts -> parts.getFirst(part) instanceof FilePart file ? file.content() : Flux.empty());
	}

}
