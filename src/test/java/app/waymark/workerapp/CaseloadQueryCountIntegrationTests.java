package app.waymark.workerapp;

import java.util.ArrayList;
import java.util.List;

import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caseload page reads each kind of fact for the whole caseload at once: the number of
 * statements one page view costs does not grow with the number of young people.
 */
class CaseloadQueryCountIntegrationTests extends CaseloadPageViews {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registerQuiet(registry, database);
	}

	@Autowired
	PasswordEncoder encoder;

	@Test
	void statementsPerPageDoNotGrowWithTheCaseload() {
		Fixtures fx = new Fixtures(this.db, this.sealer);
		String hash = this.encoder.encode(PASSWORD);
		long one = fx.worker("one@example.org", "WORKER", "One", hash);
		long many = fx.worker("many@example.org", "WORKER", "Many", hash);
		caseload(fx, one, "One", 1);
		List<String> names = caseload(fx, many, "Many", 30);

		int forOne = statementsFor("one@example.org", 1);
		int forThirty = statementsFor("many@example.org", 30);

		System.out.printf("caseload page statements: 1 young person = %d, 30 young people = %d%n", forOne, forThirty);
		assertThat(forOne).isPositive().isLessThanOrEqualTo(15);
		assertThat(forThirty).isEqualTo(forOne);
		String page = page("many@example.org");
		assertThat(names).allSatisfy(name -> assertThat(page).contains(name));
	}

	/**
	 * Statements for one view of the page, after a first view has warmed everything up.
	 * The fewest over a few views: the service's own periodic work (escalations,
	 * retention) may run a statement during any one of them, never fewer.
	 */
	private int statementsFor(String email, int expectedRows) {
		page(email);
		int fewest = Integer.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			int before = StatementCounter.count();
			String page = page(email);
			fewest = Math.min(fewest, StatementCounter.count() - before);
			assertThat(page.split("href=\"/app/young-people/", -1)).hasSize(expectedRows + 1);
		}
		return fewest;
	}

	/**
	 * Young people with a bit of everything the page shows: alerts, check-ins, messages,
	 * channels, plans.
	 */
	static List<String> caseload(Fixtures fx, long workerId, String team, int size) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			String name = team + " Person " + i;
			long yp = fx.youngPerson(team + "-" + i, name, team, workerId);
			names.add(name);
			switch (i % 4) {
				case 0 -> fx.alert(yp, "URGENT", workerId, "2026-11-20T10:00:00Z");
				case 1 -> fx.checkIn(yp, "NO_REPLY", null, "2026-11-10T10:00:00Z");
				case 2 -> fx.message(yp, "sms", "OUT", "hello", "FAILED", "2026-11-11T09:00:00Z");
				default -> fx.checkIn(yp, "ANSWERED", "GOOD", "2026-11-10T10:00:00Z");
			}
			fx.message(yp, "sms", "IN", "hi", "REPLIED", "2026-11-12T09:00:00Z");
			fx.identity(yp, "sms", "+4470000" + workerId + "0" + i, true, i % 5 == 0);
			fx.db
				.sql("insert into check_in_plan (young_person_id, frequency, channel_order, next_due_at, updated_at) "
						+ "values (:yp, 'WEEKLY', 'sms', :due, :due)")
				.bind("yp", yp)
				.bind("due", Fixtures.at("2026-12-01T10:00:00Z"))
				.then()
				.block();
		}
		return names;
	}

}
