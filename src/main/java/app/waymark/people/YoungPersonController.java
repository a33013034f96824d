package app.waymark.people;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import app.waymark.system.BadRequestException;
import app.waymark.system.Sealer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Young people for workers: the caller's caseload, one record, its allocations, link
 * codes and message log. Every read of a record or its messages is audited.
 */
@RestController
@RequestMapping("/api/v1/young-people")
class YoungPersonController {

	private final Callers callers;

	private final YoungPeople youngPeople;

	private final Allocations allocations;

	private final LinkCodes linkCodes;

	private final Audit audit;

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Workers workers;

	private final TransactionalOperator transaction;

	YoungPersonController(Callers callers, YoungPeople youngPeople, Allocations allocations, LinkCodes linkCodes,
			Audit audit, DatabaseClient db, Sealer sealer, Workers workers, TransactionalOperator transaction) {
		this.workers = workers;
		this.transaction = transaction;
		this.callers = callers;
		this.youngPeople = youngPeople;
		this.allocations = allocations;
		this.linkCodes = linkCodes;
		this.audit = audit;
		this.db = db;
		this.sealer = sealer;
	}

	record CreateRequest(String caseReference, String name, String preferredName, String dateOfBirth,
			String preferredLanguage, String leftCareOn, String team, Long workerId) {
	}

	record PatchRequest(String preferredName, String preferredLanguage, String quietStart, String quietEnd,
			String status) {
	}

	record MessageView(long id, String channel, String direction, String text, String kind, String status,
			OffsetDateTime createdAt) {
	}

	@GetMapping
	Flux<YoungPerson> caseload(Principal principal) {
		return this.callers.of(principal)
			.flatMap(caller -> this.audit.byWorker(caller, "READ_CASELOAD", "WORKER", caller.id()).thenReturn(caller))
			.flatMapMany(this.youngPeople::caseload);
	}

	@GetMapping("/{id}")
	Mono<YoungPerson> one(@PathVariable long id, Principal principal) {
		return this.callers.of(principal)
			.flatMap(caller -> this.callers.youngPerson(caller, id)
				.flatMap(person -> this.audit.byWorker(caller, "READ_YOUNG_PERSON", "YOUNG_PERSON", id)
					.thenReturn(person)));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<YoungPerson> create(@RequestBody(required = false) CreateRequest request, Principal principal) {
		return this.callers.withRole(principal, Role.ADMIN, Role.MANAGER).flatMap(caller -> {
			if (request == null) {
				return Mono.error(new BadRequestException("caseReference", "Send the young person as JSON."));
			}
			String team = caller.role() == Role.MANAGER ? caller.team() : Fields.optional("team", request.team(), 100);
			YoungPerson person = new YoungPerson(0, Fields.required("caseReference", request.caseReference(), 50),
					Fields.required("name", request.name(), 200),
					Fields.optional("preferredName", request.preferredName(), 100),
					Fields.date("dateOfBirth", request.dateOfBirth()),
					Fields.or(Fields.language("preferredLanguage", request.preferredLanguage()), "en"), "ACTIVE", null,
					null, Fields.date("leftCareOn", request.leftCareOn()), team, null);
			// the worker is checked first: a bad reference stores nothing
			Mono<Long> worker = request.workerId() == null ? Mono.just(-1L)
					: AllocationController.allocatable(caller, this.workers, request.workerId()).map(Worker::id);
			return worker.flatMap(workerId -> this.transaction.transactional(this.youngPeople
				.byCaseReference(person.caseReference())
				.flatMap(existing -> Mono.<Long>error(
						new BadRequestException("caseReference", "A young person with this case reference exists.")))
				.switchIfEmpty(this.youngPeople.create(person))
				.flatMap(id -> (workerId != -1L ? this.allocations.allocate(id, workerId) : Mono.just(false))
					.then(this.audit.byWorker(caller, "CREATE_YOUNG_PERSON", "YOUNG_PERSON", id))
					.thenReturn(id))))
				.flatMap(this.youngPeople::byId);
		});
	}

	@PatchMapping("/{id}")
	Mono<YoungPerson> patch(@PathVariable long id, @RequestBody(required = false) PatchRequest request,
			Principal principal) {
		return this.callers.of(principal).flatMap(caller -> this.callers.youngPerson(caller, id).flatMap(person -> {
			if (request == null) {
				return Mono.error(new BadRequestException("preferredName", "Send the changes as JSON."));
			}
			String status = person.status();
			if (request.status() != null) {
				status = request.status().strip().toUpperCase(Locale.ROOT);
				if (!List.of("ACTIVE", "CLOSED").contains(status)) {
					return Mono.error(new BadRequestException("status", "status must be ACTIVE or CLOSED."));
				}
			}
			String preferredName = request.preferredName() == null ? person.preferredName()
					: Fields.optional("preferredName", request.preferredName(), 100);
			YoungPerson changed = new YoungPerson(id, person.caseReference(), person.name(), preferredName,
					person.dateOfBirth(),
					Fields.or(Fields.language("preferredLanguage", request.preferredLanguage()),
							person.preferredLanguage()),
					status, Fields.or(Fields.time("quietStart", request.quietStart()), person.quietStart()),
					Fields.or(Fields.time("quietEnd", request.quietEnd()), person.quietEnd()), person.leftCareOn(),
					person.team(), person.workerId());
			return this.youngPeople.update(changed)
				.then(this.audit.byWorker(caller, "UPDATE_YOUNG_PERSON", "YOUNG_PERSON", id))
				.then(this.youngPeople.byId(id));
		}));
	}

	@GetMapping("/{id}/allocations")
	Flux<Allocations.Allocation> allocations(@PathVariable long id, Principal principal) {
		return this.callers.of(principal)
			.flatMap(caller -> this.callers.youngPerson(caller, id)
				.then(this.audit.byWorker(caller, "READ_ALLOCATIONS", "YOUNG_PERSON", id)))
			.thenMany(this.allocations.history(id));
	}

	@PostMapping("/{id}/link-codes")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<LinkCodes.Issued> linkCode(@PathVariable long id, Principal principal) {
		return this.callers.of(principal)
			.flatMap(caller -> this.callers.youngPerson(caller, id)
				.then(this.linkCodes.forYoungPerson(id, caller.id()))
				.flatMap(issued -> this.audit.byWorker(caller, "ISSUE_LINK_CODE", "YOUNG_PERSON", id)
					.thenReturn(issued)));
	}

	@GetMapping("/{id}/messages")
	Flux<MessageView> messages(@PathVariable long id, Principal principal) {
		return this.callers.of(principal)
			.flatMap(caller -> this.callers.youngPerson(caller, id)
				.then(this.audit.byWorker(caller, "READ_MESSAGES", "YOUNG_PERSON", id))
				.thenReturn(caller))
			.flatMapMany(caller -> this.db
				.sql("select id, channel, direction, body_sealed, kind, status, created_at from message "
						+ "where young_person_id = :id order by created_at desc, id desc limit 500")
				.bind("id", id)
				.map(row -> new MessageView(row.get("id", Long.class), row.get("channel", String.class),
						row.get("direction", String.class), this.sealer.open(row.get("body_sealed", String.class)),
						row.get("kind", String.class), row.get("status", String.class),
						row.get("created_at", OffsetDateTime.class)))
				.all());
	}

}
