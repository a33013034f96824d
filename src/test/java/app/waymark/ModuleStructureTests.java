package app.waymark;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Each top-level package under {@code app.waymark} is a module: others may use only the
 * types in its own package, never those in its sub-packages (a channel's provider code
 * stays inside {@code channel}), and no two modules depend on each other in a cycle. The
 * module documentation (a diagram per module and a canvas of what each exposes) is
 * written to {@code target/spring-modulith-docs} with every build.
 */
class ModuleStructureTests {

	static final ApplicationModules MODULES = ApplicationModules.of(WaymarkApplication.class);

	@Test
	void modulesUseEachOtherOnlyThroughTheirOwnPackageAndWithoutCycles() {
		MODULES.verify();
	}

	@Test
	void moduleDocumentationIsWritten() {
		new Documenter(MODULES).writeDocumentation();
	}

}
