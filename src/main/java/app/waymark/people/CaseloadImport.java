package app.waymark.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import app.waymark.system.BadRequestException;
import app.waymark.system.Csv;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Imports a caseload export. Rows are checked first: bad rows are reported by line and
 * skipped, good rows are applied in one transaction (a database failure leaves nothing
 * applied). Upserts by case reference and worker e-mail, so importing the same file twice
 * changes nothing; an allocation changes only when the named worker differs. A new worker
 * gets the row's role and no password; an existing worker's role is never changed by an
 * import.
 */
@Component
class CaseloadImport {

	static final List<String> HEADER = List.of("case_reference", "name", "preferred_name", "date_of_birth",
			"preferred_language", "left_care_on", "team", "worker_email", "worker_name", "worker_role");

	record Problem(int line, String field, String reason) {
	}

	record Result(int rows, int created, int updated, int unchanged, int workersCreated, int allocationsChanged,
			List<Problem> errors) {
	}

	private record Line(int line, YoungPerson person, String workerEmail, String workerName, Role workerRole) {
	}

	private final YoungPeople youngPeople;

	private final Workers workers;

	private final Allocations allocations;

	private final TransactionalOperator transaction;

	CaseloadImport(YoungPeople youngPeople, Workers workers, Allocations allocations,
			TransactionalOperator transaction) {
		this.youngPeople = youngPeople;
		this.workers = workers;
		this.allocations = allocations;
		this.transaction = transaction;
	}

	Mono<Result> run(String csv) {
		List<Csv.Row> rows;
		try {
			rows = Csv.parse(csv == null ? "" : csv);
		}
		catch (IllegalArgumentException ex) {
			return Mono.error(new BadRequestException("csv", ex.getMessage()));
		}
		if (rows.isEmpty() || !rows.get(0).fields().stream().map(String::strip).toList().equals(HEADER)) {
			return Mono.error(
					new BadRequestException("csv", "The first line must be the header: " + String.join(",", HEADER)));
		}
		List<Problem> problems = new ArrayList<>();
		List<Line> lines = new ArrayList<>();
		List<String> seen = new ArrayList<>();
		for (Csv.Row row : rows.subList(1, rows.size())) {
			try {
				Line line = parse(row);
				if (seen.contains(line.person().caseReference())) {
					throw new BadRequestException("case_reference", "case_reference appears twice in this file");
				}
				seen.add(line.person().caseReference());
				lines.add(line);
			}
			catch (BadRequestException ex) {
				problems.add(new Problem(row.line(), ex.field(), ex.getMessage()));
			}
		}
		int[] counts = new int[5];
		return Flux.fromIterable(lines)
			.concatMap(line -> apply(line, counts).onErrorMap(ex -> !(ex instanceof BadRequestException),
					ex -> new BadRequestException("csv",
							"Line " + line.line() + " could not be stored; nothing was imported.")))
			.then()
			.as(this.transaction::transactional)
			.then(Mono.fromSupplier(() -> new Result(rows.size() - 1, counts[0], counts[1], counts[2], counts[3],
					counts[4], List.copyOf(problems))));
	}

	private static Line parse(Csv.Row row) {
		if (row.fields().size() != HEADER.size()) {
			throw new BadRequestException("csv", "expected " + HEADER.size() + " fields, found " + row.fields().size());
		}
		YoungPerson person = new YoungPerson(0, Fields.required("case_reference", row.get(0), 50),
				Fields.required("name", row.get(1), 200), Fields.optional("preferred_name", row.get(2), 100),
				Fields.date("date_of_birth", row.get(3)),
				Fields.or(Fields.language("preferred_language", row.get(4)), "en"), "ACTIVE", null, null,
				Fields.date("left_care_on", row.get(5)), Fields.optional("team", row.get(6), 100), null);
		return new Line(row.line(), person, Fields.email("worker_email", row.get(7)),
				Fields.required("worker_name", row.get(8), 200),
				Fields.or(Fields.role("worker_role", row.get(9)), Role.WORKER));
	}

	private Mono<Void> apply(Line line, int[] counts) {
		YoungPerson wanted = line.person();
		Mono<Long> worker = this.workers.byEmail(line.workerEmail())
			.flatMap(
					existing -> same(existing.name(), line.workerName()) && same(existing.team(), wanted.team())
							? Mono.just(existing.id())
							: this.workers.update(new Worker(existing.id(), line.workerName(), existing.email(),
									existing.role(), wanted.team(), existing.alertChannels(), existing.workingHours(),
									existing.onDuty(), existing.active()))
								.thenReturn(existing.id()))
			.switchIfEmpty(Mono.defer(() -> {
				counts[3]++;
				return this.workers.create(line.workerName(), line.workerEmail(), line.workerRole(), wanted.team(),
						null);
			}));
		Mono<Long> person = this.youngPeople.byCaseReference(wanted.caseReference()).flatMap(existing -> {
			YoungPerson merged = new YoungPerson(existing.id(), existing.caseReference(), wanted.name(),
					wanted.preferredName(), wanted.dateOfBirth(), wanted.preferredLanguage(), existing.status(),
					existing.quietStart(), existing.quietEnd(), wanted.leftCareOn(), wanted.team(),
					existing.workerId());
			if (merged.equals(existing)) {
				counts[2]++;
				return Mono.just(existing.id());
			}
			counts[1]++;
			return this.youngPeople.update(merged).thenReturn(existing.id());
		}).switchIfEmpty(Mono.defer(() -> {
			counts[0]++;
			return this.youngPeople.create(wanted);
		}));
		return worker.zipWith(person)
			.flatMap(ids -> this.allocations.allocate(ids.getT2(), ids.getT1()))
			.doOnNext(changed -> {
				if (changed) {
					counts[4]++;
				}
			})
			.then();
	}

	private static boolean same(String a, String b) {
		return Objects.equals(a, b);
	}

}
