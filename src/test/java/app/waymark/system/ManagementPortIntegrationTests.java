package app.waymark.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

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

	/**
	 * Every Waymark, HTTP, JVM and process metric that the alert rules and the dashboard
	 * in deploy/kubernetes/monitoring name is in a scrape, so a renamed metric cannot
	 * silently leave an alert that never fires. {@code up} is Prometheus' own,
	 * {@code kube_*} come from kube-state-metrics.
	 */
	@Test
	void everyMetricTheAlertsAndTheDashboardUseIsScraped() throws Exception {
		HttpResponse<String> chat = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.mainPort + "/api/v1/chat"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"can i get free bus travel?\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(chat.statusCode()).isEqualTo(200);
		this.operations.refresh().block();
		String scrape = get(this.managementPort, "/actuator/prometheus", false).body();
		Set<String> scraped = scrape.lines()
			.filter(line -> !line.startsWith("#") && !line.isBlank())
			.map(line -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toSet());

		Set<String> used = new TreeSet<>();
		Path monitoring = Path.of("deploy", "kubernetes", "monitoring");
		for (Object document : new Yaml().loadAll(Files.readString(monitoring.resolve("monitoring.yaml")))) {
			expressions(document, used);
		}
		expressions(new Yaml().load(Files.readString(monitoring.resolve("waymark-dashboard.json"))), used);
		assertThat(used).contains("waymark_alerts_urgent_unacknowledged", "waymark_outbound_oldest_age_seconds",
				"waymark_scheduled_passes_total", "http_server_requests_seconds_count");
		// counted only once a message finally fails; the name is checked in the source
		// instead
		assertThat(Files.readString(Path.of("src/main/java/app/waymark/channel/OutboundDispatcher.java")))
			.contains("\"waymark.outbound.failures\"");
		used.remove("waymark_outbound_failures_total");
		used.removeIf(name -> name.equals("up") || name.startsWith("kube_"));
		assertThat(used).allSatisfy(name -> assertThat(scraped).as("scraped metric names").contains(name));
	}

	/** The metric names in every {@code expr} in this YAML or JSON tree. */
	private static void expressions(Object node, Set<String> names) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if ("expr".equals(key) && value instanceof String expr) {
					// label values and label names aside, names have these prefixes
					Matcher name = METRIC.matcher(expr.replaceAll("\"[^\"]*\"", ""));
					while (name.find()) {
						names.add(name.group());
					}
				}
				else {
					expressions(value, names);
				}
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach(item -> expressions(item, names));
		}
	}

	private static final Pattern METRIC = Pattern
		.compile("\\b(?:waymark_|http_server_|jvm_|process_|r2dbc_|kube_)[a-zA-Z0-9_]+|\\bup\\b");

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
	void staffSeeHealthDetailsOnTheManagementPort() throws Exception {
		HttpResponse<String> health = get(this.managementPort, "/actuator/health", true);
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"r2dbc\"").contains("\"channels\"");
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
