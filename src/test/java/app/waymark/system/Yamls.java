package app.waymark.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reading parsed YAML (maps, lists, scalars) without a cast at every step. */
final class Yamls {

	private Yamls() {
	}

	/** Every non-empty document in a YAML file (JSON is YAML too). */
	static List<Map<?, ?>> documents(Path file) {
		try {
			List<Map<?, ?>> documents = new ArrayList<>();
			for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file))) {
				if (document != null) {
					documents.add(map(document));
				}
			}
			return documents;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The map this is, or an empty one for null; anything else fails. */
	@SuppressWarnings("unchecked")
	static Map<Object, Object> map(Object node) {
		if (node == null) {
			return Map.of();
		}
		if (node instanceof Map<?, ?> map) {
			return (Map<Object, Object>) map;
		}
		throw new AssertionError("expected a mapping, found " + node);
	}

	/** The list this is, or an empty one for null; anything else fails. */
	@SuppressWarnings("unchecked")
	static List<Object> list(Object node) {
		if (node == null) {
			return List.of();
		}
		if (node instanceof List<?> list) {
			return (List<Object>) list;
		}
		throw new AssertionError("expected a list, found " + node);
	}

	/** The value at this path of keys, or null where any step is missing. */
	static Object at(Object node, String... path) {
		Object here = node;
		for (String key : path) {
			if (!(here instanceof Map<?, ?> map)) {
				return null;
			}
			here = map.get(key);
		}
		return here;
	}

	/** A deep copy that can be changed, for trying a check on a broken manifest. */
	@SuppressWarnings("unchecked")
	static <T> T copy(T node) {
		if (node instanceof Map<?, ?> map) {
			Map<Object, Object> copy = new LinkedHashMap<>();
			map.forEach((key, value) -> copy.put(key, copy(value)));
			return (T) copy;
		}
		if (node instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach(item -> copy.add(copy(item)));
			return (T) copy;
		}
		return node;
	}

}
