package app.waymark.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application as deploy/kubernetes runs it: actuator on a management port of its own
 * ({@code MANAGEMENT_SERVER_PORT}), probes on the main port
 * ({@code MANAGEMENT_ENDPOINT_HEALTH_PROBES_ADD_ADDITIONAL_PATHS}). A scraper reads
 * metrics on the management port with no account; the main port still wants one.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoint.health.probes.add-additional-paths=true" })
class ManagementPortIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	@LocalServerPort
	int mainPort;

	@LocalManagementPort
	int managementPort;

	@Autowired
	OperationsMetrics operations;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void metricsAnswerOnTheManagementPortWithoutAnAccount() throws Exception {
		assertThat(this.managementPort).isNotEqualTo(this.mainPort);
		this.operations.refresh().block();
		HttpResponse<String> scrape = get(this.managementPort, "/actuator/prometheus", false);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("waymark_outbound_oldest_age_seconds")
			.contains("waymark_alerts_urgent_unacknowledged")
			.contains("waymark_scheduled_passes_total{outcome=\"failed\",task=\"CheckInScheduler\"}");
	}

	@Test
	void onTheMainPortMetricsStillNeedAnAccount() throws Exception {
		HttpResponse<String> anonymous = get(this.mainPort, "/actuator/prometheus", false);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.body()).doesNotContain("waymark_");
		// signed in, the main port does not serve actuator at all once it has a port of
		// its own
		assertThat(get(this.mainPort, "/actuator/prometheus", true).statusCode()).isEqualTo(404);
	}

	@Test
	void healthOnTheManagementPortShowsOnlyTheStatusToAnonymousCallers() throws Exception {
		HttpResponse<String> health = get(this.managementPort, "/actuator/health", false);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("r2dbc");
		assertThat(get(this.managementPort, "/actuator/health/liveness", false).statusCode()).isEqualTo(200);
	}

	@Test
	void nothingElseIsServedOnTheManagementPort() throws Exception {
		assertThat(get(this.managementPort, "/actuator/info", false).statusCode()).isEqualTo(403);
		assertThat(get(this.managementPort, "/actuator", true).statusCode()).isEqualTo(403);
		assertThat(get(this.managementPort, "/api/v1/workers", true).statusCode()).isEqualTo(403);
	}

	@Test
	void probesAnswerOnTheMainPortWithoutAnAccount() throws Exception {
		assertThat(get(this.mainPort, "/livez", false).statusCode()).isEqualTo(200);
		assertThat(get(this.mainPort, "/readyz", false).statusCode()).isEqualTo(200);
	}

	private HttpResponse<String> get(int port, String path, boolean signedIn) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
		if (signedIn) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((ADMIN + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
