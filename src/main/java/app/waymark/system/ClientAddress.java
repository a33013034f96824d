package app.waymark.system;

import java.net.InetSocketAddress;

import org.springframework.web.server.ServerWebExchange;

/**
 * The network address a request came from, as {@link TrustedProxies} left it: the remote
 * address, or the client behind a trusted proxy. Personal data: hash it before storing
 * (the rate limiter does), never log it.
 */
public final class ClientAddress {

	/** What a request without a known remote address counts as. */
	public static final String UNKNOWN = "unknown";

	private ClientAddress() {
	}

	public static String of(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		if (remote == null) {
			return UNKNOWN;
		}
		return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
	}

}
