package app.waymark.workerapp;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.function.Supplier;

import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worker's three busiest pages for a caseload of 50 young people, each with a history
 * (messages both ways, crisis replies, check-ins, alerts, notes), on PostgreSQL: prints
 * the median and 90th percentile time to serve the caseload, the alerts page and one
 * timeline, and the statements per view. Not part of the normal build; run with
 *
 * <pre>
 * ./mvnw test -Dtest=WorkerAppPagesBenchmark -Dsurefire.excludedGroups= -Dworkerapp.benchmark.people=50
 * </pre>
 */
@Tag("benchmark")
class WorkerAppPagesBenchmark extends CaseloadPageViews {

	static final int PEOPLE = Integer.getInteger("workerapp.benchmark.people", 50);

	static final int MESSAGES = Integer.getInteger("workerapp.benchmark.messages", 120);

	static final int VIEWS = Integer.getInteger("workerapp.benchmark.views", 40);

	static final String EMAIL = "pages.bench@example.org";

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
	void pagesForACaseloadOfFifty() {
		Fixtures fx = new Fixtures(this.db, this.sealer);
		long worker = fx.worker(EMAIL, "WORKER", "Bench", "{noop}" + PASSWORD);
		long first = 0;
		OffsetDateTime now = OffsetDateTime.now();
		for (int p = 0; p < PEOPLE; p++) {
			long yp = fx.youngPerson("PB" + p, "Bench Person " + p, "Bench", worker);
			first = first == 0 ? yp : first;
			history(fx, yp, worker, now);
		}
		long timeline = first;
		report("caseload /app", () -> get("/app"), "Bench Person " + (PEOPLE - 1));
		report("alerts /app/alerts", () -> get("/app/alerts"), "alerts");
		report("timeline /app/young-people/{id}", () -> get("/app/young-people/" + timeline), "Send reply");
	}

	/** A year of an active young person's history, compressed. */
	private void history(Fixtures fx, long yp, long worker, OffsetDateTime now) {
		for (int m = 0; m < MESSAGES; m++) {
			OffsetDateTime at = now.minusHours(3L * (MESSAGES - m));
			boolean in = m % 2 == 0;
			String kind = in ? null : m % 10 == 1 ? "WORKER_REPLY" : m % 17 == 3 ? "CRISIS" : "ANSWER";
			var insert = this.db
				.sql("insert into message (channel, direction, address_hash, young_person_id, worker_id, body_sealed, "
						+ "kind, status, created_at, updated_at) values ('sms', :dir, 'h', :yp, :worker, :body, :kind, "
						+ "'SENT', :at, :at)")
				.bind("dir", in ? "IN" : "OUT")
				.bind("yp", yp)
				.bind("body", this.sealer.seal((in ? "question " : "answer ") + m + " about money and housing"))
				.bind("at", at);
			insert = kind == null ? insert.bindNull("kind", String.class) : insert.bind("kind", kind);
			insert = "WORKER_REPLY".equals(kind) ? insert.bind("worker", worker)
					: insert.bindNull("worker", Long.class);
			insert.then().block();
		}
		for (int c = 0; c < 8; c++) {
			fx.checkIn(yp, c % 3 == 0 ? "NO_REPLY" : "ANSWERED", c % 3 == 0 ? null : "OK",
					now.minusDays(7L * (c + 1)).toInstant().toString());
		}
		for (int a = 0; a < 3; a++) {
			this.db.sql("insert into alert (young_person_id, level, reason, category, status, worker_id, created_at, "
					+ "last_raised_at, escalate_at) values (:yp, 'URGENT', 'CRISIS', 'self-harm', :status, :w, :at, "
					+ ":at, :esc)")
				.bind("yp", yp)
				.bind("status", a == 0 ? "ACKNOWLEDGED" : "OPEN")
				.bind("w", worker)
				.bind("at", now.minusMinutes(30L * (a + 1)))
				.bind("esc", now.plusMinutes(30))
				.then()
				.block();
		}
		for (int n = 0; n < 4; n++) {
			this.db
				.sql("insert into worker_note (young_person_id, worker_id, body_sealed, created_at) "
						+ "values (:yp, :w, :body, :at)")
				.bind("yp", yp)
				.bind("w", worker)
				.bind("body", this.sealer.seal("note " + n))
				.bind("at", now.minusDays(n * 5L))
				.then()
				.block();
		}
	}

	private String get(String path) {
		return this.web.get()
			.uri(path)
			.headers(headers -> headers.setBasicAuth(EMAIL, PASSWORD))
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static void report(String page, Supplier<String> view, String expected) {
		for (int i = 0; i < 10; i++) {
			assertThat(view.get()).contains(expected);
		}
		long[] nanos = new long[VIEWS];
		int before = StatementCounter.count();
		for (int i = 0; i < VIEWS; i++) {
			long start = System.nanoTime();
			view.get();
			nanos[i] = System.nanoTime() - start;
		}
		int statements = (StatementCounter.count() - before) / VIEWS;
		Arrays.sort(nanos);
		System.out.printf(
				"BENCHMARK %s: %d young people, %d messages each, PostgreSQL, %d views: median %.1f ms, p90 %.1f ms, "
						+ "%d statements per view%n",
				page, PEOPLE, MESSAGES, VIEWS, nanos[VIEWS / 2] / 1e6, nanos[VIEWS * 9 / 10] / 1e6, statements);
	}

}
