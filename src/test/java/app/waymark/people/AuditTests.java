package app.waymark.people;

import java.time.Instant;

import app.waymark.system.MutableClock;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Audit rows with and without a detail, on both databases. */
class AuditTests {

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void anAdminChangeIsRecordedWithItsDetail(TestDatabase.Kind kind) {
		try (TestDatabase database = TestDatabase.create(kind)) {
			MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
			CaseloadAccess access = new CaseloadAccess(null, null, new Audit(database.client(), clock));
			access.auditAdminChange(null, "ARTICLE_PUBLISH", "ARTICLE", "national/railcard/3").block();
			access.auditAdminChange(null, "ARTICLE_IMPORT", "ARTICLE", "x".repeat(600)).block();
			assertThat(database.client()
				.sql("select actor_type, action, subject_type, subject_id, detail from audit_event order by id")
				.map(row -> row.get("actor_type", String.class) + " " + row.get("action", String.class) + " "
						+ row.get("subject_type", String.class) + " " + row.get("subject_id") + " "
						+ row.get("detail", String.class).length() + " " + row.get("detail", String.class).charAt(0))
				.all()
				.collectList()
				.block())
				.containsExactly("ADMIN ARTICLE_PUBLISH ARTICLE null 19 n", "ADMIN ARTICLE_IMPORT ARTICLE null 500 x");
		}
	}

}
