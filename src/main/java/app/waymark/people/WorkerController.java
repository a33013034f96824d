package app.waymark.people;

import java.security.Principal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.List;

import app.waymark.system.BadRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workers: admins manage them; managers may read them and record absences; anyone may
 * read themselves and get a link code for their own phone or Telegram.
 */
@RestController
@RequestMapping("/api/v1/workers")
class WorkerController {

	private final Callers callers;

	private final Workers workers;

	private final LinkCodes linkCodes;

	private final Audit audit;

	private final PasswordEncoder passwords;

	private final AlertRoutes routes;

	WorkerController(Callers callers, Workers workers, LinkCodes linkCodes, Audit audit, PasswordEncoder passwords,
			AlertRoutes routes) {
		this.routes = routes;
		this.callers = callers;
		this.workers = workers;
		this.linkCodes = linkCodes;
		this.audit = audit;
		this.passwords = passwords;
	}

	record WorkerRequest(String name, String email, String role, String team, String alertChannels, String workingHours,
			Boolean onDuty, Boolean active, String password) {
	}

	record AbsenceRequest(String startsOn, String endsOn, String reason) {
	}

	record AbsenceCreated(long id, long workerId, LocalDate startsOn, LocalDate endsOn) {
	}

	@GetMapping
	Flux<Worker> all(Principal principal) {
		return this.callers.withRole(principal, Role.ADMIN, Role.MANAGER).flatMapMany(caller -> this.workers.all());
	}

	@GetMapping("/{id}")
	Mono<Worker> one(@PathVariable long id, Principal principal) {
		return this.callers.of(principal)
			.flatMap(caller -> caller.id() == id || caller.role() != Role.WORKER
					? this.workers.byId(id).switchIfEmpty(Mono.error(Callers.notFound("No such worker.")))
					: Mono.error(Callers.forbidden("You may only read your own account.")));
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Mono<Worker> create(@RequestBody(required = false) WorkerRequest request, Principal principal) {
		return this.callers.withRole(principal, Role.ADMIN).flatMap(caller -> {
			if (request == null) {
				return Mono.error(new BadRequestException("email", "Send the worker as JSON."));
			}
			String email = Fields.email("email", request.email());
			String name = Fields.required("name", request.name(), 200);
			Role role = Fields.or(Fields.role("role", request.role()), Role.WORKER);
			String team = Fields.optional("team", request.team(), 100);
			String hash = request.password() == null || request.password().isBlank() ? null
					: this.passwords.encode(password(request.password()));
			return this.workers.byEmail(email)
				.flatMap(existing -> Mono.<Long>error(new BadRequestException("email", "This e-mail is in use.")))
				.switchIfEmpty(this.workers.create(name, email, role, team, hash))
				.flatMap(this.workers::byId)
				.flatMap(created -> this.workers.update(merge(created, request)).then(this.workers.byId(created.id())))
				.flatMap(created -> this.audit.byWorker(caller, "CREATE_WORKER", "WORKER", created.id())
					.thenReturn(created));
		});
	}

	@PatchMapping("/{id}")
	Mono<Worker> patch(@PathVariable long id, @RequestBody(required = false) WorkerRequest request,
			Principal principal) {
		return this.callers.withRole(principal, Role.ADMIN)
			.flatMap(caller -> this.workers.byId(id)
				.switchIfEmpty(Mono.error(Callers.notFound("No such worker.")))
				.flatMap(worker -> {
					if (request == null) {
						return Mono.error(new BadRequestException("name", "Send the changes as JSON."));
					}
					if (request.email() != null) {
						return Mono.error(new BadRequestException("email", "The e-mail cannot be changed."));
					}
					// an admin who locked themselves out (or left no admin) could not
					// undo it
					if (caller.id() == id && Boolean.FALSE.equals(request.active())) {
						return Mono.error(new BadRequestException("active",
								"You cannot deactivate your own account: ask another admin."));
					}
					if (caller.id() == id && request.role() != null
							&& Fields.role("role", request.role()) != caller.role()) {
						return Mono.error(
								new BadRequestException("role", "You cannot change your own role: ask another admin."));
					}
					Mono<Void> password = request.password() == null ? Mono.empty()
							: this.workers.setPassword(id, this.passwords.encode(password(request.password())));
					return this.workers.update(merge(worker, request))
						.then(password)
						.then(this.audit.byWorker(caller, "UPDATE_WORKER", "WORKER", id))
						.then(this.workers.byId(id));
				}));
	}

	@PostMapping("/{id}/absences")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<AbsenceCreated> absence(@PathVariable long id, @RequestBody(required = false) AbsenceRequest request,
			Principal principal) {
		return this.callers.withRole(principal, Role.ADMIN, Role.MANAGER)
			.flatMap(caller -> this.workers.byId(id)
				.switchIfEmpty(Mono.error(Callers.notFound("No such worker.")))
				.flatMap(worker -> {
					if (caller.role() == Role.MANAGER && !java.util.Objects.equals(caller.team(), worker.team())) {
						return Mono.error(Callers.forbidden("This worker is not in your team."));
					}
					if (request == null || request.startsOn() == null) {
						return Mono.error(new BadRequestException("startsOn", "startsOn is required."));
					}
					LocalDate starts = Fields.date("startsOn", request.startsOn());
					LocalDate ends = Fields.or(Fields.date("endsOn", request.endsOn()), starts);
					if (ends.isBefore(starts)) {
						return Mono.error(new BadRequestException("endsOn", "endsOn is before startsOn."));
					}
					return this.workers.addAbsence(id, starts, ends, Fields.optional("reason", request.reason(), 100))
						.flatMap(absenceId -> this.audit.byWorker(caller, "RECORD_ABSENCE", "WORKER", id)
							.thenReturn(new AbsenceCreated(absenceId, id, starts, ends)));
				}));
	}

	@PostMapping("/{id}/link-codes")
	@ResponseStatus(HttpStatus.CREATED)
	Mono<LinkCodes.Issued> linkCode(@PathVariable long id, Principal principal) {
		return this.callers.of(principal)
			.flatMap(caller -> caller.id() == id || caller.role() == Role.ADMIN
					? this.workers.byId(id)
						.switchIfEmpty(Mono.error(Callers.notFound("No such worker.")))
						.flatMap(worker -> this.linkCodes.forWorker(id, caller.id()))
					: Mono.error(Callers.forbidden("You may only link your own account.")));
	}

	private static String password(String password) {
		if (password.length() < 12 || password.length() > 200) {
			throw new BadRequestException("password", "password must be 12 to 200 characters.");
		}
		return password;
	}

	private Worker merge(Worker worker, WorkerRequest request) {
		String channels = worker.alertChannels();
		if (request.alertChannels() != null) {
			String[] parts = request.alertChannels().toUpperCase(Locale.ROOT).split("\\s*,\\s*");
			List<String> routes = this.routes.names();
			if (parts.length == 0 || !Arrays.stream(parts).allMatch(routes::contains)) {
				throw new BadRequestException("alertChannels",
						"alertChannels is a list of " + String.join(", ", routes) + ".");
			}
			channels = String.join(",", parts);
		}
		String hours = worker.workingHours();
		if (request.workingHours() != null) {
			hours = request.workingHours().strip();
			if (!hours.matches("([01]\\d|2[0-3]):[0-5]\\d-([01]\\d|2[0-3]):[0-5]\\d")) {
				throw new BadRequestException("workingHours", "workingHours looks like 09:00-17:00.");
			}
		}
		return new Worker(worker.id(),
				request.name() == null ? worker.name() : Fields.required("name", request.name(), 200), worker.email(),
				Fields.or(Fields.role("role", request.role()), worker.role()),
				request.team() == null ? worker.team() : Fields.optional("team", request.team(), 100), channels, hours,
				Fields.or(request.onDuty(), worker.onDuty()), Fields.or(request.active(), worker.active()));
	}

}
