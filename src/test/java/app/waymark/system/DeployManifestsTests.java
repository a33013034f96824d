package app.waymark.system;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static app.waymark.system.Yamls.at;
import static app.waymark.system.Yamls.list;
import static app.waymark.system.Yamls.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks everything in deploy/ without a cluster, in every build:
 * <ul>
 * <li>each Kubernetes manifest against Kubernetes' own API types (fields unknown to the
 * API, required fields missing, objects and lists where the API wants them), and the
 * Prometheus Operator's resources against their essential shape;</li>
 * <li>each pod (Waymark's, the backup job's) against Pod Security "restricted", and our
 * own rules: no service-account token, read-only root filesystem, resources, pinned
 * image;</li>
 * <li>probes, the management port, the required settings, and that every reference
 * between manifests (selectors, ports, ConfigMaps, Secrets, claims, the autoscaler's
 * target, the ServiceMonitor's port) resolves;</li>
 * <li>the kustomizations list every manifest, the alert rules and the dashboard are
 * complete;</li>
 * <li>compose.yaml publishes only Caddy, and .env.example lists every setting in the
 * README and no secret.</li>
 * </ul>
 * Each check is also shown to fail on a broken copy of a manifest.
 */
class DeployManifestsTests {

	static final Path DEPLOY = Path.of("deploy");

	static final Path KUBERNETES = DEPLOY.resolve("kubernetes");

	/** Kubernetes' API type for each apiVersion and kind used. */
	static final Map<String, String> API_TYPES = Map.ofEntries(Map.entry("v1/ServiceAccount", "V1ServiceAccount"),
			Map.entry("v1/ConfigMap", "V1ConfigMap"), Map.entry("v1/Service", "V1Service"),
			Map.entry("v1/PersistentVolumeClaim", "V1PersistentVolumeClaim"),
			Map.entry("apps/v1/Deployment", "V1Deployment"), Map.entry("batch/v1/CronJob", "V1CronJob"),
			Map.entry("networking.k8s.io/v1/Ingress", "V1Ingress"),
			Map.entry("networking.k8s.io/v1/NetworkPolicy", "V1NetworkPolicy"),
			Map.entry("policy/v1/PodDisruptionBudget", "V1PodDisruptionBudget"),
			Map.entry("autoscaling/v2/HorizontalPodAutoscaler", "V2HorizontalPodAutoscaler"));

	/**
	 * Secrets the platform creates (deploy/README.md says how); every other reference is
	 * here.
	 */
	static final Set<String> EXTERNAL_SECRETS = Set.of("waymark-secrets", "waymark-backup", "waymark-tls");

	private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

	/** One document of a manifest file. */
	record Manifest(Path file, Map<?, ?> body) {

		String kind() {
			return String.valueOf(this.body.get("kind"));
		}

		String name() {
			return String.valueOf(at(this.body, "metadata", "name"));
		}

		String type() {
			return this.body.get("apiVersion") + "/" + kind();
		}

		@Override
		public String toString() {
			return kind() + "/" + name() + " in " + KUBERNETES.relativize(this.file);
		}

	}

	/** A pod template and what holds it. */
	record Pod(Manifest owner, Map<?, ?> labels, Map<?, ?> spec) {

		@Override
		public String toString() {
			return "pod of " + this.owner;
		}

	}

	static List<Manifest> manifests() throws IOException {
		try (Stream<Path> files = Files.walk(KUBERNETES)) {
			return files.filter(file -> file.toString().endsWith(".yaml"))
				.filter(file -> !file.getFileName().toString().equals("kustomization.yaml"))
				.sorted()
				.flatMap(file -> Yamls.documents(file).stream().map(body -> new Manifest(file, body)))
				.toList();
		}
	}

	static List<Pod> pods() throws IOException {
		List<Pod> pods = new ArrayList<>();
		for (Manifest manifest : manifests()) {
			Object template = switch (manifest.kind()) {
				case "Deployment" -> at(manifest.body(), "spec", "template");
				case "CronJob" -> at(manifest.body(), "spec", "jobTemplate", "spec", "template");
				default -> null;
			};
			if (template != null) {
				pods.add(new Pod(manifest, map(at(template, "metadata", "labels")), map(at(template, "spec"))));
			}
		}
		return pods;
	}

	static Manifest find(List<Manifest> manifests, String kind, String name) {
		return manifests.stream()
			.filter(manifest -> manifest.kind().equals(kind) && manifest.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + "/" + name + " in " + KUBERNETES));
	}

	// ---- schema

	@ParameterizedTest(name = "{0}")
	@MethodSource("manifests")
	void eachManifestFitsItsApiSchema(Manifest manifest) {
		assertThat(schemaProblems(manifest.body())).isEmpty();
	}

	@Test
	void namesAreUniqueWithinEachKind() throws IOException {
		Set<String> seen = new HashSet<>();
		for (Manifest manifest : manifests()) {
			assertThat(seen.add(manifest.kind() + "/" + manifest.name())).as("%s twice", manifest).isTrue();
		}
	}

	static List<String> schemaProblems(Map<?, ?> body) {
		List<String> problems = new ArrayList<>();
		String type = body.get("apiVersion") + "/" + body.get("kind");
		Object name = at(body, "metadata", "name");
		if (!(name instanceof String text) || text.length() > 63 || !DNS_NAME.matcher(text).matches()) {
			problems.add("metadata.name " + name + " is not a DNS label");
		}
		if (API_TYPES.containsKey(type)) {
			JsonElement json = new Gson().toJsonTree(body);
			try {
				Class.forName("io.kubernetes.client.openapi.models." + API_TYPES.get(type))
					.getMethod("validateJsonElement", JsonElement.class)
					.invoke(null, json);
			}
			catch (InvocationTargetException ex) {
				String shape = ex.getCause() instanceof ClassCastException
						? "an object where the API wants a list, " + "or the other way round: " : "";
				problems.add(type + ": " + shape + ex.getCause().getMessage().replaceAll(" JSON: .*", ""));
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
		else if (type.equals("monitoring.coreos.com/v1/ServiceMonitor")) {
			serviceMonitorProblems(body, problems);
		}
		else if (type.equals("monitoring.coreos.com/v1/PrometheusRule")) {
			prometheusRuleProblems(body, problems);
		}
		else {
			problems.add("unknown apiVersion and kind " + type + ": add its API type to this test");
		}
		// The API wants strings here; a YAML number or boolean is refused at apply time.
		if ("ConfigMap".equals(body.get("kind"))) {
			map(body.get("data")).forEach((key, value) -> {
				if (!(value instanceof String)) {
					problems.add("ConfigMap data " + key + " is not a string (quote it)");
				}
			});
		}
		allContainers(body).forEach(container -> list(container.get("env")).forEach(variable -> {
			Object value = map(variable).get("value");
			if (value != null && !(value instanceof String)) {
				problems.add("env " + map(variable).get("name") + " is not a string (quote it)");
			}
		}));
		return problems;
	}

	private static void serviceMonitorProblems(Map<?, ?> body, List<String> problems) {
		if (map(at(body, "spec", "selector", "matchLabels")).isEmpty()) {
			problems.add("ServiceMonitor without spec.selector.matchLabels");
		}
		List<?> endpoints = list(at(body, "spec", "endpoints"));
		if (endpoints.isEmpty()) {
			problems.add("ServiceMonitor without endpoints");
		}
		for (Object endpoint : endpoints) {
			if (!(map(endpoint).get("port") instanceof String)) {
				problems.add("ServiceMonitor endpoint without a port name");
			}
		}
	}

	private static void prometheusRuleProblems(Map<?, ?> body, List<String> problems) {
		Set<String> alerts = new HashSet<>();
		for (Object group : list(at(body, "spec", "groups"))) {
			if (!(map(group).get("name") instanceof String)) {
				problems.add("rule group without a name");
			}
			for (Object each : list(map(group).get("rules"))) {
				Map<?, ?> rule = map(each);
				Object alert = rule.get("alert");
				if (!(alert instanceof String name) || !alerts.add(name)) {
					problems.add("alert without a name, or named twice: " + alert);
				}
				if (!(rule.get("expr") instanceof String expr) || expr.isBlank() || !balanced(expr)) {
					problems.add(alert + ": expr missing or brackets unbalanced");
				}
				if (rule.containsKey("for") && !String.valueOf(rule.get("for")).matches("\\d+[smhd]")) {
					problems.add(alert + ": for is not a duration");
				}
				Object severity = at(rule, "labels", "severity");
				if (!"critical".equals(severity) && !"warning".equals(severity)) {
					problems.add(alert + ": severity is not critical or warning");
				}
				if (!(at(rule, "annotations", "summary") instanceof String)) {
					problems.add(alert + ": no summary");
				}
			}
		}
		if (alerts.isEmpty()) {
			problems.add("PrometheusRule without alerts");
		}
	}

	private static boolean balanced(String expr) {
		int depth = 0;
		String brackets = expr.replaceAll("\"[^\"]*\"", "");
		for (char c : brackets.toCharArray()) {
			depth += (c == '(' || c == '{' || c == '[') ? 1 : (c == ')' || c == '}' || c == ']') ? -1 : 0;
			if (depth < 0) {
				return false;
			}
		}
		return depth == 0;
	}

	static Stream<Arguments> brokenManifests() {
		return Stream.of(
				Arguments.of("a misspelt field deep in a container", "Deployment", "waymark",
						(Consumer<Map<String, Object>>) body -> containerOf(body).put("imagePullPolicyy", "Always"),
						"imagePullPolicyy"),
				Arguments.of("a pod without containers", "Deployment", "waymark",
						(Consumer<Map<String, Object>>) body -> podSpecOf(body).remove("containers"), "containers"),
				Arguments.of("an object where a list belongs", "Service", "waymark",
						(Consumer<Map<String, Object>>) body -> editable(body.get("spec")).put("ports",
								Map.of("port", 80)),
						"an object where the API wants a list"),
				Arguments.of("an unquoted number in a ConfigMap", "ConfigMap", "waymark-config",
						(Consumer<Map<String, Object>>) body -> editable(body.get("data")).put("WAYMARK_SMTP_PORT", 25),
						"WAYMARK_SMTP_PORT"),
				Arguments.of("a name with capitals", "Ingress", "waymark",
						(Consumer<Map<String, Object>>) body -> editable(body.get("metadata")).put("name", "Waymark"),
						"DNS label"),
				Arguments.of("an alert without severity", "PrometheusRule", "waymark",
						(Consumer<Map<String, Object>>) body -> editable(
								at(list(map(list(at(body, "spec", "groups")).get(0)).get("rules")).get(0), "labels"))
							.remove("severity"),
						"severity"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("brokenManifests")
	void theSchemaCheckFinds(String label, String kind, String name, Consumer<Map<String, Object>> breakIt,
			String expected) throws IOException {
		Map<String, Object> body = editable(Yamls.copy(find(manifests(), kind, name).body()));
		assertThat(schemaProblems(body)).as("before breaking it").isEmpty();
		breakIt.accept(body);
		assertThat(schemaProblems(body)).anySatisfy(problem -> assertThat(problem).contains(expected));
	}

	// ---- pods

	@ParameterizedTest(name = "{0}")
	@MethodSource("pods")
	void eachPodPassesPodSecurityRestricted(Pod pod) {
		assertThat(PodSecurity.restrictedViolations(pod.spec())).isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("pods")
	void eachPodIsHardenedSizedAndPinned(Pod pod) throws IOException {
		assertThat(hardeningProblems(pod.spec())).isEmpty();
	}

	static List<String> hardeningProblems(Map<?, ?> pod) throws IOException {
		List<String> problems = new ArrayList<>();
		if (!Boolean.FALSE.equals(pod.get("automountServiceAccountToken"))) {
			problems.add("automountServiceAccountToken is not false");
		}
		Set<Object> volumes = new HashSet<>();
		list(pod.get("volumes")).forEach(volume -> volumes.add(map(volume).get("name")));
		String version = releaseVersion();
		for (Object each : list(pod.get("containers"))) {
			Map<?, ?> container = map(each);
			String name = "container " + container.get("name");
			if (!Boolean.TRUE.equals(at(container, "securityContext", "readOnlyRootFilesystem"))) {
				problems.add(name + ": root filesystem not read-only");
			}
			for (String[] resource : new String[][] { { "requests", "cpu" }, { "requests", "memory" },
					{ "limits", "memory" } }) {
				if (at(container, "resources", resource[0], resource[1]) == null) {
					problems.add(name + ": no " + resource[0] + "." + resource[1]);
				}
			}
			String image = String.valueOf(container.get("image"));
			String tag = image.contains(":") ? image.substring(image.lastIndexOf(':') + 1) : "";
			if (!tag.equals(version)) {
				problems.add(name + ": image " + image + " is not tagged with the release " + version);
			}
			Set<Object> mounted = new HashSet<>();
			for (Object mount : list(container.get("volumeMounts"))) {
				if (!volumes.contains(map(mount).get("name"))) {
					problems.add(name + " mounts undeclared volume " + map(mount).get("name"));
				}
				mounted.add(map(mount).get("mountPath"));
			}
			if (!mounted.contains("/tmp")) {
				problems.add(name + ": no writable /tmp");
			}
		}
		return problems;
	}

	/** The project's version without -SNAPSHOT: what manifests pin images to. */
	static String releaseVersion() throws IOException {
		Matcher version = Pattern.compile("<artifactId>waymark</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(Files.readString(Path.of("pom.xml")));
		assertThat(version.find()).isTrue();
		return version.group(1).replace("-SNAPSHOT", "");
	}

	static Stream<Arguments> insecurePods() {
		return Stream.of(Arguments.of("seccomp left out", (Consumer<Map<String, Object>>) pod -> {
			editable(pod.get("securityContext")).remove("seccompProfile");
			editable(containerOf(pod).get("securityContext")).remove("seccompProfile");
		}, "seccompProfile is null"), Arguments.of("a capability added",
				(Consumer<Map<String, Object>>) pod -> editable(at(containerOf(pod), "securityContext", "capabilities"))
					.put("add", List.of("SYS_ADMIN")),
				"adds capability SYS_ADMIN"),
				Arguments.of("capabilities kept",
						(Consumer<Map<String, Object>>) pod -> editable(containerOf(pod).get("securityContext"))
							.remove("capabilities"),
						"do not drop ALL"),
				Arguments.of("root",
						(Consumer<Map<String, Object>>) pod -> editable(pod.get("securityContext")).put("runAsUser", 0),
						"runAsUser is 0"),
				Arguments.of("non-root not required", (Consumer<Map<String, Object>>) pod -> {
					editable(pod.get("securityContext")).remove("runAsNonRoot");
					editable(containerOf(pod).get("securityContext")).remove("runAsNonRoot");
				}, "runAsNonRoot is not true"),
				Arguments.of("privilege escalation",
						(Consumer<Map<String, Object>>) pod -> editable(containerOf(pod).get("securityContext"))
							.put("allowPrivilegeEscalation", true),
						"allowPrivilegeEscalation"),
				Arguments.of("privileged",
						(Consumer<Map<String, Object>>) pod -> editable(containerOf(pod).get("securityContext"))
							.put("privileged", true),
						"is privileged"),
				Arguments.of("host network", (Consumer<Map<String, Object>>) pod -> pod.put("hostNetwork", true),
						"hostNetwork"),
				Arguments.of("a hostPath volume",
						(Consumer<Map<String, Object>>) pod -> editableList(pod.get("volumes"))
							.add(Map.of("name", "host", "hostPath", Map.of("path", "/"))),
						"type hostPath"),
				Arguments.of("a host port",
						(Consumer<Map<String, Object>>) pod -> editableList(containerOf(pod).get("ports"))
							.add(Map.of("containerPort", 22, "hostPort", 22)),
						"host port 22"),
				Arguments.of("the service-account token",
						(Consumer<Map<String, Object>>) pod -> pod.remove("automountServiceAccountToken"),
						"automountServiceAccountToken"),
				Arguments.of("a writable root filesystem",
						(Consumer<Map<String, Object>>) pod -> editable(containerOf(pod).get("securityContext"))
							.put("readOnlyRootFilesystem", false),
						"not read-only"),
				Arguments.of("no memory limit",
						(Consumer<Map<String, Object>>) pod -> editable(at(containerOf(pod), "resources"))
							.remove("limits"),
						"no limits.memory"),
				Arguments.of("the latest image",
						(Consumer<Map<String, Object>>) pod -> containerOf(pod).put("image", "waymark:latest"),
						"not tagged with the release"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("insecurePods")
	void thePodChecksFind(String label, Consumer<Map<String, Object>> breakIt, String expected) throws IOException {
		Map<String, Object> pod = editable(
				Yamls.copy(map(at(find(manifests(), "Deployment", "waymark").body(), "spec", "template", "spec"))));
		breakIt.accept(pod);
		List<String> problems = new ArrayList<>(PodSecurity.restrictedViolations(pod));
		problems.addAll(hardeningProblems(pod));
		assertThat(problems).anySatisfy(problem -> assertThat(problem).contains(expected));
	}

	// ---- Waymark's Deployment

	@Test
	void waymarkStartsPatientlyProbesTheMainPortAndServesMetricsOnTheManagementPort() throws IOException {
		List<Manifest> manifests = manifests();
		Map<?, ?> deployment = find(manifests, "Deployment", "waymark").body();
		Map<?, ?> container = map(list(at(deployment, "spec", "template", "spec", "containers")).get(0));
		Map<Object, Object> ports = new LinkedHashMap<>();
		list(container.get("ports")).forEach(port -> ports.put(map(port).get("name"), map(port).get("containerPort")));
		assertThat(ports).containsEntry("http", 8080).containsEntry("management", 9090);

		Map<String, Object> env = environment(container, manifests);
		assertThat(env).containsEntry("MANAGEMENT_SERVER_PORT", "9090")
			.containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ADD_ADDITIONAL_PATHS", "true");
		assertThat(String.valueOf(env.get("WAYMARK_OUT_OF_HOURS_NUMBER"))).as("out-of-hours number")
			.matches("0[0-9 ]{9,}");
		assertThat(env.get("WAYMARK_TRUSTED_PROXIES")).as("trusted proxies").isNotNull();
		// the key comes from the Secret by name, not optional: a missing key stops the
		// pod
		assertThat(container.get("env")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
			.anySatisfy(variable -> {
				assertThat(at(variable, "name")).isEqualTo("WAYMARK_ENCRYPTION_KEY");
				assertThat(at(variable, "valueFrom", "secretKeyRef", "name")).isEqualTo("waymark-secrets");
				assertThat(at(variable, "valueFrom", "secretKeyRef", "optional")).isNotEqualTo(true);
			});

		for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
			assertThat(at(container, probe, "httpGet", "port")).as(probe + " port").isEqualTo("http");
			assertThat(at(container, probe, "httpGet", "path")).as(probe + " path").isIn("/livez", "/readyz");
		}
		assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/readyz");
		// starts of 58 s were measured on busy cores; liveness waits for the start-up
		// probe
		int startup = number(at(container, "startupProbe", "initialDelaySeconds"), 0)
				+ number(at(container, "startupProbe", "periodSeconds"), 10)
						* number(at(container, "startupProbe", "failureThreshold"), 3);
		assertThat(startup).as("seconds a start may take").isGreaterThanOrEqualTo(120);

		boolean autoscaled = manifests.stream()
			.anyMatch(manifest -> manifest.kind().equals("HorizontalPodAutoscaler")
					&& "waymark".equals(at(manifest.body(), "spec", "scaleTargetRef", "name")));
		assertThat(autoscaled).isTrue();
		assertThat(map(deployment.get("spec"))).as("replicas are the autoscaler's").doesNotContainKey("replicas");
		assertThat(at(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable")).isEqualTo(0);
	}

	/** A container's settings as the pod would see them: env, then envFrom ConfigMaps. */
	private static Map<String, Object> environment(Map<?, ?> container, List<Manifest> manifests) {
		Map<String, Object> env = new LinkedHashMap<>();
		for (Object from : list(container.get("envFrom"))) {
			Object configMap = at(from, "configMapRef", "name");
			if (configMap != null) {
				map(at(find(manifests, "ConfigMap", configMap.toString()).body(), "data"))
					.forEach((key, value) -> env.put(key.toString(), value));
			}
		}
		for (Object variable : list(container.get("env"))) {
			Object name = at(variable, "name");
			Object reference = at(variable, "valueFrom", "configMapKeyRef");
			env.put(name.toString(),
					reference == null ? at(variable, "value")
							: at(find(manifests, "ConfigMap", at(reference, "name").toString()).body(), "data",
									at(reference, "key").toString()));
		}
		return env;
	}

	private static int number(Object value, int otherwise) {
		return value == null ? otherwise : ((Number) value).intValue();
	}

	// ---- references between manifests

	@Test
	void everyReferenceBetweenManifestsResolves() throws IOException {
		List<Manifest> manifests = manifests();
		List<Pod> pods = pods();
		List<String> problems = new ArrayList<>();
		for (Manifest manifest : manifests) {
			Map<?, ?> body = manifest.body();
			switch (manifest.kind()) {
				case "Deployment" -> {
					if (!map(at(body, "spec", "template", "metadata", "labels")).entrySet()
						.containsAll(map(at(body, "spec", "selector", "matchLabels")).entrySet())) {
						problems.add(manifest + ": selector does not match its pods");
					}
				}
				case "Service" -> {
					List<Pod> selected = selected(pods, map(at(body, "spec", "selector")));
					if (selected.isEmpty()) {
						problems.add(manifest + " selects no pods");
					}
					for (Object port : list(at(body, "spec", "ports"))) {
						Object target = map(port).get("targetPort");
						selected.stream()
							.filter(pod -> target instanceof String name && !portNames(pod).contains(name))
							.forEach(pod -> problems.add(manifest + ": targetPort " + target + " not on " + pod));
					}
				}
				case "Ingress" -> {
					Set<Object> hosts = new HashSet<>();
					list(at(body, "spec", "tls")).forEach(tls -> {
						hosts.addAll(list(map(tls).get("hosts")));
						if (map(tls).get("secretName") == null) {
							problems.add(manifest + ": TLS without a secretName");
						}
					});
					if (!map(at(body, "metadata", "annotations")).containsKey("cert-manager.io/cluster-issuer")) {
						problems.add(manifest + ": no cert-manager issuer");
					}
					for (Object rule : list(at(body, "spec", "rules"))) {
						if (!hosts.contains(map(rule).get("host"))) {
							problems.add(manifest + ": host " + map(rule).get("host") + " without TLS");
						}
						for (Object path : list(at(rule, "http", "paths"))) {
							Object service = at(path, "backend", "service", "name");
							Object port = at(path, "backend", "service", "port", "name");
							if ("management".equals(port)) {
								problems.add(manifest + " exposes the management port");
							}
							if (!servicePortNames(manifests, service).contains(port)) {
								problems.add(manifest + ": backend " + service + ":" + port + " does not exist");
							}
						}
					}
				}
				case "PodDisruptionBudget", "NetworkPolicy" -> {
					Map<?, ?> selector = map(at(body, "spec",
							manifest.kind().equals("NetworkPolicy") ? "podSelector" : "selector", "matchLabels"));
					List<Pod> selected = selected(pods, selector);
					if (selected.isEmpty()) {
						problems.add(manifest + " selects no pods");
					}
					for (Object rule : list(at(body, "spec", "ingress"))) {
						for (Object port : list(map(rule).get("ports"))) {
							Object name = map(port).get("port");
							selected.stream()
								.filter(pod -> name instanceof String text && !portNames(pod).contains(text))
								.forEach(pod -> problems.add(manifest + ": port " + name + " not on " + pod));
						}
					}
				}
				case "HorizontalPodAutoscaler" -> {
					Object target = at(body, "spec", "scaleTargetRef", "name");
					if (manifests.stream()
						.noneMatch(other -> other.kind().equals(at(body, "spec", "scaleTargetRef", "kind"))
								&& other.name().equals(target))) {
						problems.add(manifest + ": no target " + target);
					}
				}
				case "ServiceMonitor" -> {
					List<Manifest> services = manifests.stream()
						.filter(other -> other.kind().equals("Service"))
						.filter(other -> map(at(other.body(), "metadata", "labels")).entrySet()
							.containsAll(map(at(body, "spec", "selector", "matchLabels")).entrySet()))
						.toList();
					if (services.isEmpty()) {
						problems.add(manifest + " selects no Service");
					}
					for (Object endpoint : list(at(body, "spec", "endpoints"))) {
						Object port = map(endpoint).get("port");
						if (!"management".equals(port)) {
							problems.add(manifest + " scrapes port " + port + ", not the management port");
						}
						services.stream()
							.filter(service -> !servicePortNames(manifests, service.name()).contains(port))
							.forEach(service -> problems.add(manifest + ": no port " + port + " on " + service));
					}
				}
				default -> {
				}
			}
		}
		for (Pod pod : pods) {
			for (Object volume : list(pod.spec().get("volumes"))) {
				Object claim = at(volume, "persistentVolumeClaim", "claimName");
				if (claim != null && manifests.stream()
					.noneMatch(other -> other.kind().equals("PersistentVolumeClaim") && other.name().equals(claim))) {
					problems.add(pod + ": no claim " + claim);
				}
			}
			for (Map<?, ?> container : allContainers(pod.spec())) {
				List<Object> references = new ArrayList<>();
				list(container.get("env")).forEach(variable -> {
					references.add(at(variable, "valueFrom", "configMapKeyRef"));
					references.add(at(variable, "valueFrom", "secretKeyRef"));
				});
				list(container.get("envFrom")).forEach(from -> {
					references.add(map(from).get("configMapRef"));
					references.add(map(from).get("secretRef"));
				});
				for (Object reference : references) {
					if (reference == null) {
						continue;
					}
					Object name = at(reference, "name");
					Object key = at(reference, "key");
					boolean secret = references.indexOf(reference) % 2 == 1;
					if (secret) {
						if (!EXTERNAL_SECRETS.contains(name)) {
							problems.add(pod + ": Secret " + name + " is neither here nor documented");
						}
					}
					else {
						Manifest configMap = manifests.stream()
							.filter(other -> other.kind().equals("ConfigMap") && other.name().equals(name))
							.findFirst()
							.orElse(null);
						if (configMap == null || (key != null && !map(at(configMap.body(), "data")).containsKey(key))) {
							problems.add(pod + ": no ConfigMap " + name + (key == null ? "" : " with " + key));
						}
					}
				}
			}
		}
		String operatorGuide = Files.readString(DEPLOY.resolve("README.md"));
		EXTERNAL_SECRETS.stream()
			.filter(secret -> !operatorGuide.contains(secret))
			.forEach(secret -> problems.add("Secret " + secret + " is not explained in deploy/README.md"));
		assertThat(problems).isEmpty();
	}

	private static List<Pod> selected(List<Pod> pods, Map<?, ?> selector) {
		return pods.stream()
			.filter(pod -> !selector.isEmpty() && pod.labels().entrySet().containsAll(selector.entrySet()))
			.toList();
	}

	private static Set<String> portNames(Pod pod) {
		Set<String> names = new HashSet<>();
		allContainers(pod.spec()).forEach(container -> list(container.get("ports"))
			.forEach(port -> names.add(String.valueOf(map(port).get("name")))));
		return names;
	}

	private static Set<Object> servicePortNames(List<Manifest> manifests, Object service) {
		Set<Object> names = new HashSet<>();
		manifests.stream()
			.filter(manifest -> manifest.kind().equals("Service") && manifest.name().equals(service))
			.forEach(manifest -> list(at(manifest.body(), "spec", "ports"))
				.forEach(port -> names.add(map(port).get("name"))));
		return names;
	}

	/** Every container of a pod spec, or of the pod template inside a workload. */
	private static List<Map<?, ?>> allContainers(Map<?, ?> node) {
		List<Map<?, ?>> containers = new ArrayList<>();
		Object pod = node.containsKey("containers") ? node : Stream
			.of(at(node, "spec", "template", "spec"), at(node, "spec", "jobTemplate", "spec", "template", "spec"))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		for (String group : List.of("initContainers", "containers", "ephemeralContainers")) {
			list(at(pod, group)).forEach(container -> containers.add(map(container)));
		}
		return containers;
	}

	// ---- kustomizations, alerts, dashboard

	@Test
	void eachKustomizationListsEveryManifestBesideIt() throws IOException {
		try (Stream<Path> found = Files.walk(KUBERNETES)) {
			List<Path> kustomizations = found.filter(file -> file.getFileName().toString().equals("kustomization.yaml"))
				.toList();
			assertThat(kustomizations).hasSize(2);
			for (Path kustomization : kustomizations) {
				Path dir = kustomization.getParent();
				Map<?, ?> body = Yamls.documents(kustomization).get(0);
				Set<String> listed = new TreeSet<>();
				list(body.get("resources")).forEach(resource -> listed.add(resource.toString()));
				Set<String> present = new TreeSet<>();
				try (Stream<Path> files = Files.list(dir)) {
					files.map(file -> file.getFileName().toString())
						.filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
						.forEach(present::add);
				}
				assertThat(listed).as("resources of " + kustomization).isEqualTo(present);
				for (Object generator : list(body.get("configMapGenerator"))) {
					for (Object file : list(map(generator).get("files"))) {
						assertThat(dir.resolve(file.toString())).as("generated from").isRegularFile();
					}
				}
			}
		}
	}

	@Test
	void alertsCoverTheQueueUrgentAlertsCheckInsAndErrors() throws IOException {
		String expressions = manifests().stream()
			.filter(manifest -> manifest.kind().equals("PrometheusRule"))
			.flatMap(manifest -> list(at(manifest.body(), "spec", "groups")).stream())
			.flatMap(group -> list(map(group).get("rules")).stream())
			.map(rule -> String.valueOf(map(rule).get("expr")))
			.reduce("", String::concat);
		assertThat(expressions).contains("waymark_outbound_oldest_age_seconds")
			.contains("waymark_alerts_urgent_unacknowledged")
			.contains("waymark_scheduled_passes_total{task=\"CheckInScheduler\"")
			.contains("http_server_requests_seconds_count{status=~\"5..\"}");
	}

	@Test
	void theDashboardHasPanelsWithQueries() {
		Map<?, ?> dashboard = Yamls.documents(KUBERNETES.resolve("monitoring").resolve("waymark-dashboard.json"))
			.get(0);
		assertThat(dashboard.get("uid")).isEqualTo("waymark");
		assertThat(list(dashboard.get("panels"))).hasSizeGreaterThanOrEqualTo(8).allSatisfy(panel -> {
			assertThat(map(panel).get("title")).isInstanceOf(String.class);
			assertThat(list(map(panel).get("targets"))).isNotEmpty()
				.allSatisfy(target -> assertThat(String.valueOf(map(target).get("expr"))).isNotBlank());
		});
		assertThat(list(at(dashboard, "templating", "list")))
			.anySatisfy(variable -> assertThat(map(variable)).containsEntry("name", "datasource")
				.containsEntry("type", "datasource"));
	}

	// ---- compose and .env.example

	@Test
	void composePublishesOnlyCaddyAndGivesWaymarkItsRequiredSettings() throws IOException {
		Map<?, ?> compose = Yamls.documents(DEPLOY.resolve("compose.yaml")).get(0);
		Map<?, ?> services = map(compose.get("services"));
		services.forEach((name, service) -> {
			if (!"caddy".equals(name)) {
				assertThat(map(service)).as(name + " publishes ports").doesNotContainKey("ports");
			}
		});
		assertThat(list(at(services, "caddy", "ports"))).containsExactlyInAnyOrder("80:80", "443:443", "443:443/udp");
		Map<?, ?> waymark = map(services.get("waymark"));
		Map<?, ?> env = map(waymark.get("environment"));
		assertThat(String.valueOf(env.get("WAYMARK_ENCRYPTION_KEY"))).contains(":?");
		assertThat(String.valueOf(env.get("WAYMARK_OUT_OF_HOURS_NUMBER"))).contains(":?");
		assertThat(env.get("MANAGEMENT_SERVER_PORT")).isEqualTo("9090");
		assertThat(String.valueOf(env.get("WAYMARK_PUBLIC_BASE_URL"))).startsWith("https://");
		Object front = at(compose, "networks", "front", "ipam", "config");
		assertThat(env.get("WAYMARK_TRUSTED_PROXIES")).as("Caddy's network")
			.isEqualTo(at(list(front).get(0), "subnet"));
		assertThat(list(at(services, "caddy", "networks"))).containsExactly("front");
		assertThat(list(at(services, "db", "networks"))).containsExactly("back");
		assertThat(at(compose, "networks", "back", "internal")).isEqualTo(true);
		assertThat(waymark.get("read_only")).isEqualTo(true);
		assertThat(list(waymark.get("cap_drop"))).contains("ALL");
		String version = releaseVersion();
		services.values()
			.stream()
			.map(service -> map(service).get("image"))
			.filter(image -> String.valueOf(image).startsWith("waymark"))
			.forEach(image -> assertThat(String.valueOf(image)).endsWith(":" + version));

		String caddyfile = Files.readString(DEPLOY.resolve("Caddyfile"));
		assertThat(caddyfile).contains("reverse_proxy waymark:8080");
		assertThat(caddyfile.lines().filter(text -> !text.startsWith("#"))).noneMatch(text -> text.contains("9090"));
		assertThat(Files.readString(DEPLOY.resolve("smoke-test.sh"))).contains("WAYMARK_OUT_OF_HOURS_NUMBER");
	}

	/**
	 * The image's JVM options as its Dockerfile sets them are ones a JVM accepts: inside
	 * JAVA_TOOL_OPTIONS "--add-modules jdk.incubator.vector" (a space, not "=") stops
	 * every JVM in the image, the AOT training run and the service alike.
	 */
	@Test
	void theImagesJvmOptionsStartAJvm() throws Exception {
		String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
		Matcher options = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
		assertThat(options.find()).as("the Dockerfile sets JAVA_TOOL_OPTIONS").isTrue();
		assertThat(jvmExitCode(options.group(1))).as("java -version with %s", options.group(1)).isZero();
		assertThat(jvmExitCode("--add-modules jdk.incubator.vector")).as("the check itself: the spaced form is refused")
			.isNotZero();
	}

	private static int jvmExitCode(String toolOptions) throws Exception {
		String java = ProcessHandle.current().info().command().orElse("java");
		ProcessBuilder builder = new ProcessBuilder(java, "-version").redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("JAVA_TOOL_OPTIONS", toolOptions);
		Process jvm = builder.start();
		assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return jvm.exitValue();
	}

	/**
	 * Everything the Dockerfile copies from the build context gets past .dockerignore.
	 */
	@Test
	void theImageBuildSeesWhatTheDockerfileCopies() throws IOException {
		List<String> ignore = Files.readAllLines(Path.of(".dockerignore"))
			.stream()
			.map(String::strip)
			.filter(line -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
		assertThat(ignore).first().as("everything is left out unless let in").isEqualTo("*");
		Matcher copy = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s")
			.matcher(Files.readString(DEPLOY.resolve("Dockerfile")));
		List<String> copied = new ArrayList<>();
		while (copy.find()) {
			copied.add(copy.group(1));
		}
		assertThat(copied).contains("target/waymark-*.jar", "deploy/aot-train.sh");
		assertThat(copied).allSatisfy(source -> assertThat(ignore).contains("!" + source));
		assertThat(DEPLOY.resolve("aot-train.sh")).isExecutable();
	}

	@Test
	void envExampleListsEverySettingInTheReadmeAndNoSecret() throws IOException {
		Map<String, String> example = new LinkedHashMap<>();
		Pattern line = Pattern.compile("^(?:# )?([A-Z][A-Z0-9_]+)=(.*)$");
		for (String text : Files.readAllLines(DEPLOY.resolve(".env.example"))) {
			Matcher setting = line.matcher(text);
			if (setting.matches()) {
				assertThat(example.put(setting.group(1), setting.group(2))).as(setting.group(1) + " twice").isNull();
			}
		}
		assertThat(example.keySet()).containsAll(readmeSettings());
		example.forEach((name, value) -> {
			if (name.matches(".*(PASSWORD|TOKEN|SECRET|_KEY|_SID).*")) {
				assertThat(value).as(name + " must be left empty in the example").isEmpty();
			}
		});
		// what compose.yaml requires (${NAME:?...}) is there to fill in, not commented
		// out
		Matcher required = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?")
			.matcher(Files.readString(DEPLOY.resolve("compose.yaml")));
		Set<String> uncommented = new HashSet<>();
		Files.readAllLines(DEPLOY.resolve(".env.example"))
			.stream()
			.filter(text -> text.matches("[A-Z][A-Z0-9_]+=.*"))
			.forEach(text -> uncommented.add(text.substring(0, text.indexOf('='))));
		while (required.find()) {
			assertThat(uncommented).as("required by compose.yaml").contains(required.group(1));
		}
	}

	/** The variables in the README's configuration table. */
	static Set<String> readmeSettings() throws IOException {
		String readme = Files.readString(Path.of("README.md"));
		int start = readme.indexOf("\n## Configuration");
		String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
		Set<String> names = new TreeSet<>();
		section.lines().filter(text -> text.startsWith("| `")).forEach(row -> {
			Matcher name = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher(row.split("\\|")[1]);
			while (name.find()) {
				names.add(name.group(1));
			}
		});
		assertThat(names).hasSizeGreaterThan(30).contains("WAYMARK_OUT_OF_HOURS_NUMBER", "MANAGEMENT_SERVER_PORT");
		return names;
	}

	// ---- helpers for breaking copies

	@SuppressWarnings("unchecked")
	private static Map<String, Object> editable(Object node) {
		return (Map<String, Object>) node;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> editableList(Object node) {
		return (List<Object>) node;
	}

	private static Map<String, Object> podSpecOf(Map<String, Object> deployment) {
		return editable(at(deployment, "spec", "template", "spec"));
	}

	private static Map<String, Object> containerOf(Map<String, Object> deploymentOrPod) {
		Object pod = deploymentOrPod.containsKey("containers") ? deploymentOrPod : podSpecOf(deploymentOrPod);
		return editable(list(at(pod, "containers")).get(0));
	}

}
