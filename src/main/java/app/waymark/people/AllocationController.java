package app.waymark.people;

import java.security.Principal;

import app.waymark.system.BadRequestException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Allocating a young person to a worker: admins anywhere, managers only their team's
 * young people to their team's active workers. An unknown or inactive worker is 400 and
 * nothing changes.
 */
@RestController
class AllocationController {

	private final Callers callers;

	private final Workers workers;

	private final Allocations allocations;

	private final Audit audit;

	AllocationController(Callers callers, Workers workers, Allocations allocations, Audit audit) {
		this.callers = callers;
		this.workers = workers;
		this.allocations = allocations;
		this.audit = audit;
	}

	record AllocationRequest(Long youngPersonId, Long workerId) {
	}

	/**
	 * The worker a young person may be allocated to by this caller: active, and for a
	 * manager in the manager's own team; 400 otherwise.
	 */
	static Mono<Worker> allocatable(Worker caller, Workers workers, long workerId) {
		return workers.byId(workerId)
			.filter(Worker::active)
			.switchIfEmpty(Mono.error(new BadRequestException("workerId", "No such active worker.")))
			.flatMap(worker -> caller.role() == Role.ADMIN || java.util.Objects.equals(caller.team(), worker.team())
					? Mono.just(worker) : Mono.error(new BadRequestException("workerId",
							"This worker is not in your team: only an admin may allocate across teams.")));
	}

	private Mono<Worker> allocatable(Worker caller, long workerId) {
		return allocatable(caller, this.workers, workerId);
	}

	@PostMapping("/api/v1/allocations")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Allocations.Allocation> allocate(@RequestBody(required = false) AllocationRequest request,
			Principal principal) {
		return this.callers.withRole(principal, Role.ADMIN, Role.MANAGER).flatMap(caller -> {
			if (request == null || request.youngPersonId() == null) {
				return Mono.error(new BadRequestException("youngPersonId", "youngPersonId is required."));
			}
			if (request.workerId() == null) {
				return Mono.error(new BadRequestException("workerId", "workerId is required."));
			}
			long youngPersonId = request.youngPersonId();
			return this.callers.youngPerson(caller, youngPersonId)
				.then(allocatable(caller, request.workerId()))
				.flatMap(worker -> this.allocations.allocate(youngPersonId, worker.id()))
				.then(this.audit.byWorker(caller, "ALLOCATE", "YOUNG_PERSON", youngPersonId))
				.then(this.allocations.current(youngPersonId));
		});
	}

}
