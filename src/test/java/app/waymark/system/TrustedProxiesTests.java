package app.waymark.system;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whose client address and scheme a request gets: forwarded headers count only from a
 * configured proxy, and then only up to the first hop that is not one.
 */
class TrustedProxiesTests {

	final TrustedProxies proxies = new TrustedProxies(List.of("10.0.0.0/8", "192.0.2.7", "::1"));

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', nullValues = "-",
			textBlock = """
					no proxy, header ignored          | 203.0.113.9 | 1.2.3.4                      | 203.0.113.9 | http
					trusted proxy, one hop            | 10.1.2.3    | 1.2.3.4                      | 1.2.3.4     | https
					client wrote a hop before         | 10.1.2.3    | 6.6.6.6, 1.2.3.4             | 1.2.3.4     | https
					two trusted proxies               | 10.1.2.3    | 6.6.6.6, 1.2.3.4, 192.0.2.7  | 1.2.3.4     | https
					a name is never looked up         | 10.1.2.3    | evil.example                 | 10.1.2.3    | https
					ipv4 with a port                  | 10.1.2.3    | 1.2.3.4:5555                 | 1.2.3.4     | https
					ipv6 client                       | ::1         | [2001:db8::1]                | 2001:db8:0:0:0:0:0:1 | https
					no header from a trusted proxy    | 10.1.2.3    | -                            | 10.1.2.3    | https
					outside the range                 | 11.1.2.3    | 1.2.3.4                      | 11.1.2.3    | http
					""")
	void clientAddressAndScheme(String label, String remote, String forwardedFor, String client, String scheme) {
		MockServerHttpRequest.BaseBuilder<?> builder = MockServerHttpRequest.get("http://waymark.example/api/v1/chat")
			.remoteAddress(new InetSocketAddress(remote, 40000))
			.header("X-Forwarded-Proto", "https");
		if (forwardedFor != null) {
			builder.header("X-Forwarded-For", forwardedFor);
		}
		ServerHttpRequest applied = this.proxies.apply(builder.build());
		assertThat(applied.getRemoteAddress().getAddress().getHostAddress()).isEqualTo(client);
		assertThat(applied.getURI().getScheme()).isEqualTo(scheme);
		assertThat(applied.getHeaders().containsHeader("X-Forwarded-For")).as("forwarded headers are consumed")
			.isFalse();
	}

}
