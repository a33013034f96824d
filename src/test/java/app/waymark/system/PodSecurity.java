package app.waymark.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Pod Security Standards' "restricted" profile (which includes "baseline"), as
 * Kubernetes' admission controller checks a pod spec
 * (kubernetes.io/docs/concepts/security/pod-security-standards): what a namespace
 * labelled {@code pod-security.kubernetes.io/enforce=restricted} would refuse. Works on
 * the parsed YAML of a pod spec; gives one line per rule broken.
 */
final class PodSecurity {

	/** Volume types the restricted profile allows. */
	static final Set<String> VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
			"persistentVolumeClaim", "projected", "secret");

	/** Sysctls the baseline profile allows. */
	static final Set<String> SAFE_SYSCTLS = Set.of("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range",
			"net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
			"net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
			"net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes");

	static final Set<String> SELINUX_TYPES = Set.of("", "container_t", "container_init_t", "container_kvm_t",
			"container_engine_t");

	private PodSecurity() {
	}

	static List<String> restrictedViolations(Map<?, ?> pod) {
		List<String> problems = new ArrayList<>();
		for (String namespace : List.of("hostNetwork", "hostPID", "hostIPC")) {
			if (Boolean.TRUE.equals(pod.get(namespace))) {
				problems.add(namespace + " is true");
			}
		}
		Map<?, ?> podContext = Yamls.map(pod.get("securityContext"));
		checkContext("pod", podContext, problems);
		for (Object sysctl : Yamls.list(podContext.get("sysctls"))) {
			Object name = Yamls.map(sysctl).get("name");
			if (!SAFE_SYSCTLS.contains(name)) {
				problems.add("sysctl " + name + " is not one of the safe set");
			}
		}
		for (Object volume : Yamls.list(pod.get("volumes"))) {
			Map<?, ?> fields = Yamls.map(volume);
			fields.keySet()
				.stream()
				.filter(key -> !"name".equals(key) && !VOLUME_TYPES.contains(key))
				.forEach(type -> problems.add("volume " + fields.get("name") + " is of type " + type));
		}
		boolean podNonRoot = Boolean.TRUE.equals(podContext.get("runAsNonRoot"));
		String podSeccomp = seccomp(podContext);
		for (String group : List.of("initContainers", "containers", "ephemeralContainers")) {
			for (Object each : Yamls.list(pod.get(group))) {
				Map<?, ?> container = Yamls.map(each);
				String name = "container " + container.get("name");
				Map<?, ?> context = Yamls.map(container.get("securityContext"));
				checkContext(name, context, problems);
				if (Boolean.TRUE.equals(context.get("privileged"))) {
					problems.add(name + " is privileged");
				}
				if (!Boolean.FALSE.equals(context.get("allowPrivilegeEscalation"))) {
					problems.add(name + ": allowPrivilegeEscalation is not false");
				}
				Object nonRoot = context.get("runAsNonRoot");
				if (Boolean.FALSE.equals(nonRoot) || (!podNonRoot && !Boolean.TRUE.equals(nonRoot))) {
					problems.add(name + ": runAsNonRoot is not true (on the pod or the container)");
				}
				String containerSeccomp = seccomp(context);
				String effective = containerSeccomp != null ? containerSeccomp : podSeccomp;
				if (!"RuntimeDefault".equals(effective) && !"Localhost".equals(effective)) {
					problems.add(name + ": seccompProfile is " + effective + ", not RuntimeDefault or Localhost");
				}
				Map<?, ?> capabilities = Yamls.map(context.get("capabilities"));
				if (!Yamls.list(capabilities.get("drop")).contains("ALL")) {
					problems.add(name + ": capabilities do not drop ALL");
				}
				Yamls.list(capabilities.get("add"))
					.stream()
					.filter(added -> !"NET_BIND_SERVICE".equals(added))
					.forEach(added -> problems.add(name + " adds capability " + added));
				Object procMount = context.get("procMount");
				if (procMount != null && !"Default".equals(procMount)) {
					problems.add(name + ": procMount is " + procMount);
				}
				for (Object port : Yamls.list(container.get("ports"))) {
					Object hostPort = Yamls.map(port).get("hostPort");
					if (hostPort != null && !Integer.valueOf(0).equals(hostPort)) {
						problems.add(name + " uses host port " + hostPort);
					}
				}
			}
		}
		return problems;
	}

	/** Rules that apply alike to the pod's and each container's security context. */
	private static void checkContext(String who, Map<?, ?> context, List<String> problems) {
		if (Integer.valueOf(0).equals(context.get("runAsUser"))) {
			problems.add(who + ": runAsUser is 0 (root)");
		}
		if ("Unconfined".equals(seccomp(context))) {
			problems.add(who + ": seccompProfile is Unconfined");
		}
		Object appArmor = Yamls.map(context.get("appArmorProfile")).get("type");
		if (appArmor != null && !"RuntimeDefault".equals(appArmor) && !"Localhost".equals(appArmor)) {
			problems.add(who + ": appArmorProfile is " + appArmor);
		}
		Map<?, ?> seLinux = Yamls.map(context.get("seLinuxOptions"));
		if (!SELINUX_TYPES.contains(seLinux.containsKey("type") ? seLinux.get("type") : "")
				|| seLinux.containsKey("user") || seLinux.containsKey("role")) {
			problems.add(who + ": seLinuxOptions " + seLinux + " not allowed");
		}
		if (Boolean.TRUE.equals(Yamls.map(context.get("windowsOptions")).get("hostProcess"))) {
			problems.add(who + " is a Windows HostProcess");
		}
	}

	private static String seccomp(Map<?, ?> context) {
		Object type = Yamls.map(context.get("seccompProfile")).get("type");
		return type == null ? null : type.toString();
	}

}
