package app.waymark.system;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Forwarded headers ({@code Forwarded}, {@code X-Forwarded-For/-Proto/-Host/-Port}) are
 * believed only from a proxy named in {@code WAYMARK_TRUSTED_PROXIES}; from anyone else
 * they are dropped, so a caller cannot pick their own client address (and with it their
 * rate limit) or pretend to have come over TLS. Behind a trusted proxy the request takes
 * the public scheme and host (so cookies are {@code Secure} and HSTS is sent) and its
 * remote address becomes the client's: the right-most {@code X-Forwarded-For} entry that
 * is not itself a trusted proxy, since entries left of it are whatever the client wrote.
 */
@Component(WebHttpHandlerBuilder.FORWARDED_HEADER_TRANSFORMER_BEAN_NAME)
class TrustedProxies extends ForwardedHeaderTransformer {

	private static final ForwardedHeaderTransformer APPLY = new ForwardedHeaderTransformer();

	private static final ForwardedHeaderTransformer DROP = new ForwardedHeaderTransformer(true);

	private final List<Range> proxies;

	@Autowired
	TrustedProxies(SecuritySettings settings) {
		this(settings.trustedProxies());
	}

	TrustedProxies(List<String> proxies) {
		List<Range> matchers = new ArrayList<>();
		for (String proxy : proxies == null ? List.<String>of() : proxies) {
			if (proxy != null && !proxy.isBlank()) {
				matchers.add(Range.parse(proxy.strip()));
			}
		}
		this.proxies = List.copyOf(matchers);
	}

	/**
	 * Applied by the HTTP handler before the exchange (and its session) is made, so the
	 * session cookie sees the public scheme too.
	 */
	@Override
	public ServerHttpRequest apply(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (!trusted(remote)) {
			return DROP.apply(request);
		}
		InetSocketAddress client = client(request.getHeaders().getFirst("X-Forwarded-For"), remote);
		return APPLY.apply(request).mutate().remoteAddress(client).build();
	}

	boolean trusted(InetSocketAddress address) {
		if (address == null || address.getAddress() == null) {
			return false;
		}
		byte[] ip = address.getAddress().getAddress();
		return this.proxies.stream().anyMatch(proxy -> proxy.contains(ip));
	}

	/** The right-most forwarded address that is not a trusted proxy. */
	InetSocketAddress client(String forwardedFor, InetSocketAddress remote) {
		if (forwardedFor == null || forwardedFor.isBlank()) {
			return remote;
		}
		List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).toList();
		for (int i = hops.size() - 1; i >= 0; i--) {
			InetSocketAddress hop = literal(hops.get(i));
			if (hop == null) {
				// not an address (a name, "unknown"): nothing left of it can be believed
				return remote;
			}
			if (!trusted(hop) || i == 0) {
				return hop;
			}
		}
		return remote;
	}

	/** An IP literal as written in X-Forwarded-For, never a name to look up. */
	private static InetSocketAddress literal(String text) {
		String ip = text.startsWith("[") && text.contains("]") ? text.substring(1, text.indexOf(']')) : text;
		if (ip.chars().filter(c -> c == ':').count() == 1) {
			ip = ip.substring(0, ip.indexOf(':')); // IPv4 with a port
		}
		// only a dotted quad or something with a colon: never a host name to look up
		boolean ipv4 = ip.matches("\\d{1,3}(\\.\\d{1,3}){3}");
		boolean ipv6 = ip.contains(":") && ip.matches("[0-9a-fA-F:.]{2,45}");
		if (!ipv4 && !ipv6) {
			return null;
		}
		try {
			return new InetSocketAddress(InetAddress.getByName(ip), 0);
		}
		catch (java.net.UnknownHostException ex) {
			return null;
		}
	}

	/** An address or CIDR range ("10.0.0.0/8", "::1"), written as IP literals only. */
	record Range(byte[] network, int bits) {

		static Range parse(String text) {
			String[] parts = text.split("/", 2);
			InetSocketAddress address = literal(parts[0].strip());
			if (address == null) {
				throw new IllegalArgumentException(
						"WAYMARK_TRUSTED_PROXIES takes IP addresses or CIDR ranges, not '" + text + "'");
			}
			byte[] network = address.getAddress().getAddress();
			int bits = network.length * 8;
			if (parts.length == 2) {
				try {
					bits = Integer.parseInt(parts[1].strip());
				}
				catch (NumberFormatException ex) {
					bits = -1;
				}
				if (bits < 0 || bits > network.length * 8) {
					throw new IllegalArgumentException("WAYMARK_TRUSTED_PROXIES: bad prefix length in '" + text + "'");
				}
			}
			return new Range(network, bits);
		}

		boolean contains(byte[] ip) {
			if (ip.length != this.network.length) {
				return false;
			}
			for (int i = 0; i < this.bits; i++) {
				int mask = 0x80 >> (i % 8);
				if ((ip[i / 8] & mask) != (this.network[i / 8] & mask)) {
					return false;
				}
			}
			return true;
		}

	}

}
