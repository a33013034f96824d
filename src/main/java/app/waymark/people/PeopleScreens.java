package app.waymark.people;

import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.waymark.system.BadRequestException;
import app.waymark.system.Uploads;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * The admin screens for staff and caseloads: workers and their absences, and the caseload
 * CSV import with each refused row shown. Changes go through {@link WorkerController} and
 * {@link ImportController}, so their role checks and audit apply: admins add workers and
 * import, managers read and record absences in their own team.
 */
@Controller
@RequestMapping("/admin")
class PeopleScreens {

	/** Where an upload's outcome waits for the page the browser is sent to next. */
	static final String CASELOAD_RESULT = "admin.caseload.result";

	/** The largest caseload file taken: about 50,000 rows. */
	static final int MAX_CSV_BYTES = 10 * 1024 * 1024;

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

	private final WorkerController workerApi;

	private final ImportController importApi;

	private final Workers workers;

	private final Callers callers;

	private final Clock clock;

	PeopleScreens(WorkerController workerApi, ImportController importApi, Workers workers, Callers callers,
			Clock clock) {
		this.workerApi = workerApi;
		this.importApi = importApi;
		this.workers = workers;
		this.callers = callers;
		this.clock = clock;
	}

	public record AbsenceRow(String worker, String from, String to, String reason) {
	}

	public record Problem(int line, String field, String reason) {
	}

	@ModelAttribute("csrf")
	Mono<CsrfToken> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return token == null ? Mono.empty() : token;
	}

	@GetMapping("/workers")
	Mono<Rendering> workers(Principal principal, @RequestParam(required = false) String done) {
		return page(principal, Map.of(), Map.of(), HttpStatus.OK, done);
	}

	private Mono<Rendering> page(Principal principal, Map<String, String> typed, Map<String, String> errors,
			HttpStatus status, String done) {
		LocalDate today = LocalDate.now(this.clock);
		return this.workerApi.all(principal)
			.collectList()
			.zipWith(this.callers.of(principal))
			.flatMap(both -> this.workers.absencesFrom(today).collectList().map(absences -> {
				List<Worker> all = both.getT1();
				Map<Long, String> names = new HashMap<>();
				all.forEach(w -> names.put(w.id(), w.name()));
				Worker caller = both.getT2();
				return Rendering.view("admin/workers")
					.status(status)
					.modelAttribute("workers", all)
					.modelAttribute("absent",
							absences.stream()
								.filter(a -> !a.startsOn().isAfter(today))
								.map(Workers.Absence::workerId)
								.toList())
					.modelAttribute("absences", absences.stream()
						.map(a -> new AbsenceRow(names.getOrDefault(a.workerId(), "?"), DAY.format(a.startsOn()),
								DAY.format(a.endsOn()), a.reason() == null ? "" : a.reason()))
						.toList())
					.modelAttribute("absenceWorkers", all.stream()
						.filter(w -> caller.role() == Role.ADMIN || java.util.Objects.equals(caller.team(), w.team()))
						.toList())
					.modelAttribute("canChange", caller.role() == Role.ADMIN)
					.modelAttribute("typed", typed)
					.modelAttribute("errors", errors)
					.modelAttribute("done", done == null ? "" : done)
					.modelAttribute("today", today.toString())
					.build();
			}));
	}

	@PostMapping("/workers")
	Mono<Rendering> addWorker(Principal principal, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(data -> {
			Map<String, String> typed = new HashMap<>(data.toSingleValueMap());
			typed.remove("_csrf");
			String password = blank(typed.get("password")) ? null : typed.get("password");
			typed.remove("password");
			WorkerController.WorkerRequest request = new WorkerController.WorkerRequest(typed.get("name"),
					typed.get("email"), typed.get("role"), typed.get("team"), null, null, null, null, password);
			return this.workerApi.create(request, principal)
				.thenReturn(Rendering.redirectTo("/admin/workers?done=added").build())
				.onErrorResume(BadRequestException.class, ex -> page(principal, typed,
						Map.of(field(ex.field()), ex.getMessage()), HttpStatus.BAD_REQUEST, null));
		});
	}

	/**
	 * One worker's page: change their name, team and role, or whether they may sign in.
	 */
	@GetMapping("/workers/{id}")
	Mono<Rendering> worker(@PathVariable long id, Principal principal, @RequestParam(required = false) String done) {
		return workerPage(id, principal, Map.of(), Map.of(), HttpStatus.OK, done);
	}

	private Mono<Rendering> workerPage(long id, Principal principal, Map<String, String> typed,
			Map<String, String> errors, HttpStatus status, String done) {
		return this.callers.withRole(principal, Role.ADMIN)
			.flatMap(caller -> this.workerApi.one(id, principal)
				.map(worker -> Rendering.view("admin/worker")
					.status(status)
					.modelAttribute("worker", worker)
					.modelAttribute("self", caller.id() == worker.id())
					.modelAttribute("typed", typed)
					.modelAttribute("errors", errors)
					.modelAttribute("done", done == null ? "" : done)
					.build()));
	}

	@PostMapping("/workers/{id}")
	Mono<Rendering> editWorker(@PathVariable long id, Principal principal, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(data -> {
			Map<String, String> typed = new HashMap<>(data.toSingleValueMap());
			typed.remove("_csrf");
			// an empty team clears it; the e-mail is who they are and is not changed here
			WorkerController.WorkerRequest request = new WorkerController.WorkerRequest(typed.getOrDefault("name", ""),
					null, typed.get("role"), typed.getOrDefault("team", ""), null, null, null, null, null);
			return this.workerApi.patch(id, request, principal)
				.thenReturn(Rendering.redirectTo("/admin/workers/" + id + "?done=saved").build())
				.onErrorResume(BadRequestException.class, ex -> workerPage(id, principal, typed,
						Map.of(field(ex.field()), message(ex)), HttpStatus.BAD_REQUEST, null));
		});
	}

	/** Deactivates ({@code active=false}) or reactivates a worker. */
	@PostMapping("/workers/{id}/active")
	Mono<Rendering> activate(@PathVariable long id, Principal principal, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(data -> {
			String active = data.getFirst("active");
			if (!"true".equals(active) && !"false".equals(active)) {
				return Mono.error(new BadRequestException("active", "Choose to deactivate or reactivate."));
			}
			boolean on = Boolean.parseBoolean(active);
			return this.workerApi
				.patch(id, new WorkerController.WorkerRequest(null, null, null, null, null, null, null, on, null),
						principal)
				.thenReturn(
						Rendering.redirectTo("/admin/workers/" + id + "?done=" + (on ? "reactivated" : "deactivated"))
							.build())
				.onErrorResume(BadRequestException.class, ex -> workerPage(id, principal, Map.of(),
						Map.of(field(ex.field()), message(ex)), HttpStatus.BAD_REQUEST, null));
		});
	}

	@PostMapping("/workers/absences")
	Mono<Rendering> addAbsence(Principal principal, ServerWebExchange exchange) {
		return exchange.getFormData().flatMap(data -> {
			Map<String, String> typed = new HashMap<>(data.toSingleValueMap());
			typed.remove("_csrf");
			long workerId;
			try {
				workerId = Long.parseLong(typed.getOrDefault("workerId", ""));
			}
			catch (NumberFormatException ex) {
				return page(principal, typed, Map.of("workerId", "Choose the worker who is away."),
						HttpStatus.BAD_REQUEST, null);
			}
			return this.workerApi
				.absence(workerId,
						new WorkerController.AbsenceRequest(empty(typed.get("startsOn")), empty(typed.get("endsOn")),
								typed.get("reason")),
						principal)
				.thenReturn(Rendering.redirectTo("/admin/workers?done=absence").build())
				.onErrorResume(BadRequestException.class, ex -> page(principal, typed,
						Map.of(field(ex.field()), message(ex)), HttpStatus.BAD_REQUEST, null));
		});
	}

	@GetMapping("/caseload-import")
	Mono<Rendering> caseloadPage(Principal principal, ServerWebExchange exchange) {
		return this.callers.withRole(principal, Role.ADMIN, Role.MANAGER)
			.zipWith(exchange.getSession())
			.map(both -> Rendering.view("admin/caseload-import")
				.modelAttribute("canChange", both.getT1().role() == Role.ADMIN)
				.modelAttribute("header", String.join(",", CaseloadImport.HEADER))
				.modelAttribute("result", both.getT2().getAttributes().getOrDefault(CASELOAD_RESULT, Map.of()))
				.build());
	}

	/**
	 * The CSV as the request body (sent by the page's script, the CSRF token in a header)
	 * or as the {@code file} part of the form posted without JavaScript; the outcome
	 * waits in the session for the page the browser is sent to next.
	 */
	@PostMapping("/caseload-import")
	Mono<ResponseEntity<Void>> caseloadUpload(Principal principal, ServerWebExchange exchange) {
		return this.callers.withRole(principal, Role.ADMIN)
			.then(DataBufferUtils.join(Uploads.content(exchange, "file"), MAX_CSV_BYTES).map(buffer -> {
				String text = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
				DataBufferUtils.release(buffer);
				return text;
			}).defaultIfEmpty(""))
			.flatMap(csv -> this.importApi.caseload(csv, principal))
			.map(result -> Map.<String, Object>of("rows", result.rows(), "accepted",
					result.rows() - result.errors().size(), "created", result.created(), "updated", result.updated(),
					"unchanged", result.unchanged(), "workersCreated", result.workersCreated(), "problems",
					result.errors().stream().map(p -> new Problem(p.line(), p.field(), p.reason())).toList()))
			.onErrorResume(BadRequestException.class,
					ex -> Mono.just(Map.<String, Object>of("refused", ex.getMessage())))
			.onErrorResume(DataBufferLimitException.class,
					ex -> Mono.just(Map.<String, Object>of("refused", "The file is larger than 10 MB.")))
			.flatMap(result -> exchange.getSession().doOnNext(s -> s.getAttributes().put(CASELOAD_RESULT, result)))
			.thenReturn(ResponseEntity.status(303).header("Location", "/admin/caseload-import#result").<Void>build());
	}

	@ExceptionHandler(ResponseStatusException.class)
	Rendering refused(ResponseStatusException ex) {
		return error(ex.getStatusCode(), ex.getReason() == null ? "That did not work." : ex.getReason());
	}

	@ExceptionHandler(BadRequestException.class)
	Rendering bad(BadRequestException ex) {
		return error(HttpStatus.BAD_REQUEST, ex.getMessage());
	}

	private static Rendering error(HttpStatusCode status, String message) {
		return Rendering.view("admin/error")
			.status(status)
			.modelAttribute("status", status.value())
			.modelAttribute("message", message)
			.build();
	}

	// The API names fields as JSON does; the form uses the same names.
	private static String field(String field) {
		return field == null ? "form" : field;
	}

	private static String message(BadRequestException ex) {
		String m = ex.getMessage();
		return switch (m) {
			case "startsOn is required." -> "Give the first day of the absence.";
			case "endsOn is before startsOn." -> "The last day is before the first day.";
			case "name is required." -> "Give the worker's name.";
			default -> m;
		};
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static String empty(String value) {
		return blank(value) ? null : value.strip();
	}

}
