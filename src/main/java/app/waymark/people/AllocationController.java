package app.waymark.people;

import java.security.Principal;

import app.waymark.system.BadRequestException;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Allocating a young person to a worker: admins anywhere, managers in their team. */
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
				.then(this.workers.byId(request.workerId()))
				.switchIfEmpty(Mono.error(new BadRequestException("workerId", "No such worker.")))
				.flatMap(worker -> this.allocations.allocate(youngPersonId, worker.id()))
				.then(this.audit.byWorker(caller, "ALLOCATE", "YOUNG_PERSON", youngPersonId))
				.then(this.allocations.current(youngPersonId));
		});
	}

}
