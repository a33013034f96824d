package app.waymark.people;

import java.util.List;
import java.util.stream.Stream;

import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees whose record, as a table, on both databases; and who is responsible for a
 * young person when their worker is away.
 */
class AccessTests {

	private PeopleDatabase people;

	@AfterEach
	void close() {
		if (this.people != null) {
			this.people.close();
		}
	}

	/**
	 * The situation: team North has worker Ann (allocated Y1), worker Bob (allocated Y2),
	 * duty worker Dee (no allocations), manager Max; team South has worker Sam (allocated
	 * Y3); Y4 is North's with no allocation; an admin sees everything.
	 */
	static Stream<Arguments> matrix() {
		return Stream.of(
				// caller, Bob absent today, young person, sees
				Arguments.of("ann", false, "Y1", true), Arguments.of("ann", false, "Y2", false),
				Arguments.of("ann", false, "Y3", false), Arguments.of("ann", false, "Y4", false),
				Arguments.of("ann", true, "Y2", false), Arguments.of("bob", false, "Y2", true),
				Arguments.of("dee", false, "Y1", false), Arguments.of("dee", false, "Y2", false),
				Arguments.of("dee", true, "Y2", true), Arguments.of("dee", false, "Y4", true),
				Arguments.of("dee", false, "Y3", false), Arguments.of("max", false, "Y1", true),
				Arguments.of("max", false, "Y4", true), Arguments.of("max", false, "Y3", false),
				Arguments.of("sam", false, "Y3", true), Arguments.of("sam", true, "Y2", false),
				Arguments.of("admin", false, "Y1", true), Arguments.of("admin", false, "Y3", true),
				Arguments.of("admin", false, "Y4", true));
	}

	@ParameterizedTest(name = "[{index}] {0} (Bob absent: {1}) sees {2}: {3}")
	@MethodSource("matrix")
	void accessMatrixOnH2(String caller, boolean bobAbsent, String youngPerson, boolean sees) {
		check(TestDatabase.Kind.H2, caller, bobAbsent, youngPerson, sees);
	}

	@ParameterizedTest(name = "[{index}] {0} (Bob absent: {1}) sees {2}: {3}")
	@MethodSource("matrix")
	void accessMatrixOnPostgres(String caller, boolean bobAbsent, String youngPerson, boolean sees) {
		check(TestDatabase.Kind.POSTGRES, caller, bobAbsent, youngPerson, sees);
	}

	private void check(TestDatabase.Kind kind, String caller, boolean bobAbsent, String youngPerson, boolean sees) {
		this.people = new PeopleDatabase(kind);
		Scene scene = new Scene(this.people);
		if (bobAbsent) {
			this.people.absentToday(scene.bob);
		}
		Worker who = this.people.get(scene.worker(caller));
		long id = scene.youngPerson(youngPerson);
		assertThat(this.people.youngPeople.visible(who, id).block()).isEqualTo(sees);
		List<String> caseload = this.people.youngPeople.caseload(who)
			.map(YoungPerson::caseReference)
			.collectList()
			.block();
		assertThat(caseload.contains(youngPerson)).isEqualTo(sees);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void responsibleWorkerFallsToTheTeamsDutyWorker(TestDatabase.Kind kind) {
		this.people = new PeopleDatabase(kind);
		Scene scene = new Scene(this.people);
		assertThat(this.people.allocations.responsibleWorker(scene.y2).block().id()).isEqualTo(scene.bob);
		assertThat(this.people.allocations.responsibleWorker(scene.y4).block().id()).isEqualTo(scene.dee);
		this.people.absentToday(scene.bob);
		assertThat(this.people.allocations.responsibleWorker(scene.y2).block().id()).isEqualTo(scene.dee);
		this.people.absentToday(scene.dee);
		assertThat(this.people.allocations.responsibleWorker(scene.y2).blockOptional()).isEmpty();
		// South has nobody on duty: Y3 still has Sam
		assertThat(this.people.allocations.responsibleWorker(scene.y3).block().id()).isEqualTo(scene.sam);
	}

	@ParameterizedTest
	@EnumSource(TestDatabase.Kind.class)
	void reallocationClosesTheOpenAllocationAndKeepsHistory(TestDatabase.Kind kind) {
		this.people = new PeopleDatabase(kind);
		Scene scene = new Scene(this.people);
		assertThat(this.people.allocations.allocate(scene.y1, scene.ann).block()).isFalse();
		this.people.clock.advance(java.time.Duration.ofDays(1));
		assertThat(this.people.allocations.allocate(scene.y1, scene.bob).block()).isTrue();
		List<Allocations.Allocation> history = this.people.allocations.history(scene.y1).collectList().block();
		assertThat(history).extracting(Allocations.Allocation::workerId).containsExactly(scene.ann, scene.bob);
		assertThat(history.get(0).endsAt()).isNotNull();
		assertThat(history.get(1).endsAt()).isNull();
		assertThat(this.people.youngPeople.byId(scene.y1).block().workerId()).isEqualTo(scene.bob);
	}

	static final class Scene {

		final long ann;

		final long bob;

		final long dee;

		final long max;

		final long sam;

		final long admin;

		final long y1;

		final long y2;

		final long y3;

		final long y4;

		Scene(PeopleDatabase people) {
			this.ann = people.worker("ann@example.org", Role.WORKER, "North", false);
			this.bob = people.worker("bob@example.org", Role.WORKER, "North", false);
			this.dee = people.worker("dee@example.org", Role.WORKER, "North", true);
			this.max = people.worker("max@example.org", Role.MANAGER, "North", false);
			this.sam = people.worker("sam@example.org", Role.WORKER, "South", true);
			this.admin = people.worker("admin@example.org", Role.ADMIN, null, false);
			this.y1 = people.youngPerson("Y1", "North", this.ann);
			this.y2 = people.youngPerson("Y2", "North", this.bob);
			this.y3 = people.youngPerson("Y3", "South", this.sam);
			this.y4 = people.youngPerson("Y4", "North", null);
		}

		long worker(String name) {
			return switch (name) {
				case "ann" -> this.ann;
				case "bob" -> this.bob;
				case "dee" -> this.dee;
				case "max" -> this.max;
				case "sam" -> this.sam;
				default -> this.admin;
			};
		}

		long youngPerson(String reference) {
			return switch (reference) {
				case "Y1" -> this.y1;
				case "Y2" -> this.y2;
				case "Y3" -> this.y3;
				default -> this.y4;
			};
		}

	}

}
