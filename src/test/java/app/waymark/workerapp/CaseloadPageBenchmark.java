package app.waymark.workerapp;

import java.util.Arrays;

import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caseload page of a worker with 200 young people on PostgreSQL: prints the response
 * time (median, 90th percentile) and the statements per view. The password is stored
 * unhashed ({noop}) so signing in on each request costs nothing next to the page. Not
 * part of the normal build; run with
 *
 * <pre>
 * ./mvnw test -Dtest=CaseloadPageBenchmark -Dsurefire.excludedGroups= -Dcaseload.benchmark.people=200
 * </pre>
 */
@Tag("benchmark")
class CaseloadPageBenchmark extends CaseloadPageViews {

	static final int PEOPLE = Integer.getInteger("caseload.benchmark.people", 200);

	static final int VIEWS = Integer.getInteger("caseload.benchmark.views", 50);

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.POSTGRES);

	@BeforeAll
	static void postgres() {
		TestDatabase.requirePostgres();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registerQuiet(registry, database);
	}

	@Test
	void caseloadPage() {
		Fixtures fx = new Fixtures(this.db, this.sealer);
		long worker = fx.worker("bench@example.org", "WORKER", "Bench", "{noop}" + PASSWORD);
		CaseloadQueryCountIntegrationTests.caseload(fx, worker, "Bench", PEOPLE);
		for (int i = 0; i < 20; i++) {
			view();
		}
		long[] nanos = new long[VIEWS];
		int before = StatementCounter.count();
		for (int i = 0; i < VIEWS; i++) {
			long start = System.nanoTime();
			view();
			nanos[i] = System.nanoTime() - start;
		}
		int statements = (StatementCounter.count() - before) / VIEWS;
		Arrays.sort(nanos);
		System.out.printf(
				"caseload page, %d young people, PostgreSQL, %d views: median %.1f ms, p90 %.1f ms, "
						+ "min %.1f ms, %d statements per view%n",
				PEOPLE, VIEWS, nanos[VIEWS / 2] / 1e6, nanos[VIEWS * 9 / 10] / 1e6, nanos[0] / 1e6, statements);
	}

	private void view() {
		String page = page("bench@example.org");
		assertThat(page).contains("Bench Person " + (PEOPLE - 1));
	}

}
