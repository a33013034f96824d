package app.waymark.people;

import java.time.Duration;
import java.util.List;

import app.waymark.system.BadRequestException;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Importing a caseload export on both databases. */
class CaseloadImportTests {

	static final String HEADER = "case_reference,name,preferred_name,date_of_birth,preferred_language,left_care_on,"
			+ "team,worker_email,worker_name,worker_role\n";

	static final String GOOD = HEADER + "C-1,Joanne Smith,Jo,2006-03-01,en,2024-03-01,North,ann@example.org,Ann Lee,\n"
			+ "C-2,\"Ali, Hassan\",,2005-07-12,ar,,North,ann@example.org,Ann Lee,WORKER\n"
			+ "C-3,Sam Green,Sammy,,,,South,bob@example.org,Bob King,MANAGER\n";

	private PeopleDatabase people;

	private CaseloadImport importer;

	private void open(TestDatabase.Kind kind) {
		this.people = new PeopleDatabase(kind);
		this.importer = new CaseloadImport(this.people.youngPeople, this.people.workers, this.people.allocations,
				this.people.database.transactions());
	}

	@AfterEach
	void close() {
		if (this.people != null) {
			this.people.close();
		}
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void goodFileIsImportedAndReimportChangesNothing(TestDatabase.Kind kind) {
		open(kind);
		CaseloadImport.Result first = this.importer.run(GOOD).block();
		assertThat(first).isEqualTo(new CaseloadImport.Result(3, 3, 0, 0, 2, 3, List.of()));
		YoungPerson ali = this.people.youngPeople.byCaseReference("C-2").block();
		assertThat(ali.name()).isEqualTo("Ali, Hassan");
		assertThat(ali.preferredLanguage()).isEqualTo("ar");
		assertThat(this.people.workers.byEmail("bob@example.org").block().role()).isEqualTo(Role.MANAGER);
		long allocations = count("allocation");
		this.people.clock.advance(Duration.ofDays(1));
		CaseloadImport.Result second = this.importer.run(GOOD).block();
		assertThat(second).isEqualTo(new CaseloadImport.Result(3, 0, 0, 3, 0, 0, List.of()));
		assertThat(count("allocation")).isEqualTo(allocations);
		assertThat(count("young_person")).isEqualTo(3);
		assertThat(count("worker")).isEqualTo(2);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void changedWorkerMovesTheAllocationAndKeepsHistory(TestDatabase.Kind kind) {
		open(kind);
		this.importer.run(GOOD).block();
		CaseloadImport.Result moved = this.importer
			.run(GOOD.replace("C-1,Joanne Smith,Jo,2006-03-01,en,2024-03-01," + "North,ann@example.org,Ann Lee,",
					"C-1,Joanne Smith,Jo,2006-03-01,en,2024-03-01,North," + "cat@example.org,Cat Day,"))
			.block();
		assertThat(moved.allocationsChanged()).isEqualTo(1);
		assertThat(moved.workersCreated()).isEqualTo(1);
		long c1 = this.people.youngPeople.byCaseReference("C-1").block().id();
		assertThat(this.people.allocations.history(c1).collectList().block()).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void badRowsAreReportedByLineAndGoodRowsApplied(TestDatabase.Kind kind) {
		open(kind);
		String csv = HEADER + "C-1,Jo Smith,Jo,2006-03-01,en,,North,ann@example.org,Ann Lee,\n"
				+ "C-2,Al Jones,,31/12/2005,en,,North,ann@example.org,Ann Lee,\n"
				+ "C-3,,,,,,North,ann@example.org,Ann Lee,\n" + "C-4,Bo,,,,,North,not-an-email,Ann Lee,\n"
				+ "C-5,Cy,,,,,North,ann@example.org,Ann Lee,BOSS\n" + "C-6,too,few\n"
				+ "C-1,Jo Again,,,,,North,ann@example.org,Ann Lee,\n";
		CaseloadImport.Result result = this.importer.run(csv).block();
		assertThat(result.created()).isEqualTo(1);
		assertThat(result.errors()).extracting(CaseloadImport.Problem::line, CaseloadImport.Problem::field)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(3, "date_of_birth"),
					org.assertj.core.groups.Tuple.tuple(4, "name"),
					org.assertj.core.groups.Tuple.tuple(5, "worker_email"),
					org.assertj.core.groups.Tuple.tuple(6, "worker_role"),
					org.assertj.core.groups.Tuple.tuple(7, "csv"),
					org.assertj.core.groups.Tuple.tuple(8, "case_reference"));
		assertThat(count("young_person")).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aDatabaseFailureLeavesNothingImported(TestDatabase.Kind kind) {
		open(kind);
		String csv = HEADER + "C-1,Jo Smith,Jo,,,,North,ann@example.org,Ann Lee,\n"
				+ "C-2,Al Jones,,,,,North,zed@example.org,Zed Ray,\n";
		// a failure the import's checks cannot foresee, on the second row
		this.people.database.client()
			.sql("alter table worker add constraint no_zed check (email <> 'zed@example.org')")
			.then()
			.block();
		assertThatThrownBy(() -> this.importer.run(csv).block()).isInstanceOf(BadRequestException.class)
			.hasMessageContaining("Line 3")
			.hasMessageContaining("nothing was imported");
		assertThat(count("young_person")).isZero();
		assertThat(count("worker")).isZero();
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void aWrongHeaderIsRefused(TestDatabase.Kind kind) {
		open(kind);
		assertThatThrownBy(() -> this.importer.run("ref,name\nC-1,Jo\n").block())
			.isInstanceOf(BadRequestException.class)
			.hasMessageContaining("case_reference,name,preferred_name");
	}

	private long count(String table) {
		return this.people.database.client()
			.sql("select count(*) as n from " + table)
			.map(row -> row.get("n", Long.class))
			.one()
			.block();
	}

}
