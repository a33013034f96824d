package app.waymark.system;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which requests the management port's open rules apply to. Without a port of its own
 * Boot reports the main port as the management port: then nothing may match, or metrics
 * would be open on the main port.
 */
class ManagementPortTests {

	@ParameterizedTest(name = "main {0}, management {1}, request on {2}: {3}")
	@CsvSource(nullValues = "none", textBlock = """
			8080, 9090, 9090, true
			8080, 9090, 8080, false
			8080, 8080, 8080, false
			8080, none, 8080, false
			""")
	void onlyRequestsOnASeparateManagementPortMatch(int main, Integer management, int requestPort, boolean matches) {
		MockEnvironment environment = new MockEnvironment().withProperty("local.server.port", String.valueOf(main));
		if (management != null) {
			environment.setProperty("management.server.port", String.valueOf(management));
			environment.setProperty("local.management.port", String.valueOf(management));
		}
		var port = new SecurityConfiguration.ManagementPort(environment);
		assertThat(port.cameInOnIt(on(requestPort))).isEqualTo(matches);
		// the ports are read once: asked again, the answer is the same
		assertThat(port.cameInOnIt(on(requestPort))).isEqualTo(matches);
	}

	@Test
	void aRequestBeforeTheServersHaveStartedDoesNotFixTheAnswer() {
		MockEnvironment environment = new MockEnvironment().withProperty("management.server.port", "9090");
		var port = new SecurityConfiguration.ManagementPort(environment);
		assertThat(port.cameInOnIt(on(9090))).isFalse();
		environment.setProperty("local.server.port", "8080");
		environment.setProperty("local.management.port", "9090");
		assertThat(port.cameInOnIt(on(9090))).isTrue();
		assertThat(port.cameInOnIt(on(8080))).isFalse();
	}

	private static MockServerWebExchange on(int port) {
		return MockServerWebExchange.from(MockServerHttpRequest.get("/actuator/prometheus")
			.localAddress(new InetSocketAddress("127.0.0.1", port)));
	}

}
