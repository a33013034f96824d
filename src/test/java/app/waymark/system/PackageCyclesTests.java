package app.waymark.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages under {@code app.waymark} must not depend on each other in a
 * cycle, so any one can be read, tested and changed knowing only what it uses. Read from
 * the main sources: every {@code app.waymark.x.Type} mentioned (imports, fully qualified
 * names, javadoc links) is an edge from the file's package to {@code x}. Each package is
 * its own node, so {@code channel.sms} depending on {@code channel} is fine but the
 * channel core depending back on one of its channels is a cycle: the core must work with
 * any channel.
 */
class PackageCyclesTests {

	private static final Path SOURCES = Path.of("src/main/java/app/waymark");

	private static final Pattern PACKAGE = Pattern.compile("^package app\\.waymark\\.([a-z0-9.]+);", Pattern.MULTILINE);

	private static final Pattern REFERENCE = Pattern
		.compile("\\bapp\\.waymark\\.([a-z][a-z0-9]*(?:\\.[a-z][a-z0-9]*)*)\\.[A-Z]");

	/**
	 * Dependencies left in a cycle on purpose, as "from -> to". None: add one only with a
	 * comment saying why it cannot be broken yet.
	 */
	private static final Set<String> ALLOWED = Set.of();

	@Test
	void featurePackagesHaveNoCycles() throws IOException {
		SortedMap<String, SortedSet<String>> graph = graph();
		assertThat(graph).as("packages found under %s", SOURCES).containsKeys("channel", "alert", "system");
		List<String> cycles = cycles(graph);
		assertThat(cycles)
			.as("package cycles (a -> b -> ... -> a); break one edge, e.g. with an interface "
					+ "the used package owns and the other implements")
			.isEmpty();
	}

	@Test
	void aCycleIsFound() {
		SortedMap<String, SortedSet<String>> graph = new TreeMap<>();
		graph.put("a", new TreeSet<>(Set.of("b")));
		graph.put("b", new TreeSet<>(Set.of("c")));
		graph.put("c", new TreeSet<>(Set.of("a", "d")));
		graph.put("d", new TreeSet<>());
		assertThat(cycles(graph)).containsExactly("a -> b -> c -> a");
		graph.get("c").remove("a");
		assertThat(cycles(graph)).isEmpty();
	}

	private static SortedMap<String, SortedSet<String>> graph() throws IOException {
		SortedMap<String, SortedSet<String>> graph = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
				String source = Files.readString(file);
				Matcher declared = PACKAGE.matcher(source);
				if (!declared.find()) {
					continue; // the application class in the root package
				}
				String from = declared.group(1);
				SortedSet<String> uses = graph.computeIfAbsent(from, key -> new TreeSet<>());
				Matcher reference = REFERENCE.matcher(source.substring(declared.end()));
				while (reference.find()) {
					String to = reference.group(1);
					if (!to.equals(from) && !ALLOWED.contains(from + " -> " + to)) {
						uses.add(to);
					}
				}
			}
		}
		return graph;
	}

	/** One cycle per strongly connected group of packages, each as a readable path. */
	static List<String> cycles(SortedMap<String, SortedSet<String>> graph) {
		List<String> cycles = new ArrayList<>();
		Set<String> reported = new TreeSet<>();
		for (String start : graph.keySet()) {
			if (reported.contains(start)) {
				continue;
			}
			List<String> path = pathBack(graph, start, start, new ArrayList<>(List.of(start)), new TreeSet<>());
			if (path != null) {
				reported.addAll(path);
				cycles.add(String.join(" -> ", path));
			}
		}
		return cycles;
	}

	/** A path from {@code at} back to {@code start}, depth first, or null. */
	private static List<String> pathBack(Map<String, SortedSet<String>> graph, String start, String at,
			List<String> path, Set<String> visited) {
		for (String next : graph.getOrDefault(at, new TreeSet<>())) {
			if (next.equals(start)) {
				List<String> cycle = new ArrayList<>(path);
				cycle.add(start);
				return cycle;
			}
			if (visited.add(next)) {
				path.add(next);
				List<String> found = pathBack(graph, start, next, path, visited);
				if (found != null) {
					return found;
				}
				path.remove(path.size() - 1);
			}
		}
		return null;
	}

}
