package app.waymark.workerapp;

import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every timeline, notes, canned-reply and alert-card case of
 * {@link TimelineIntegrationTests} again on PostgreSQL, the production database: its
 * timestamps, ordering and paging differ from H2's. Skipped where PostgreSQL is absent,
 * except under CI, where it fails.
 */
class TimelinePostgresIntegrationTests extends TimelineIntegrationTests {

	/**
	 * Null where PostgreSQL is absent: the class is then skipped before its application
	 * starts (an assumption failing while the class loads would be an error, not a skip).
	 */
	static final TestDatabase database = postgres();

	private static TestDatabase postgres() {
		try {
			return TestDatabase.create(TestDatabase.Kind.POSTGRES);
		}
		catch (TestAbortedException ex) {
			return null;
		}
	}

	// same name as the parent's: Spring takes this one in its place
	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		properties(registry, database);
	}

	@BeforeAll
	static void needPostgres() {
		TestDatabase.requirePostgres();
	}

	@AfterAll
	static void dropSchema() {
		if (database != null) {
			database.close();
		}
	}

	/** Guards the set-up: the cases above really ran on PostgreSQL, not on H2. */
	@Test
	void theseCasesRunOnPostgres() {
		String product = this.db.sql("select version() as v").map(row -> row.get("v", String.class)).one().block();
		assertThat(product).startsWith("PostgreSQL");
	}

}
