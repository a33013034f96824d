package app.waymark.people;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Caseload import from a case-management export (admins only). */
@RestController
class ImportController {

	private final Callers callers;

	private final CaseloadImport caseloadImport;

	private final Audit audit;

	ImportController(Callers callers, CaseloadImport caseloadImport, Audit audit) {
		this.callers = callers;
		this.caseloadImport = caseloadImport;
		this.audit = audit;
	}

	@PostMapping(path = "/api/v1/import/caseload", consumes = { "text/csv", "text/plain" })
	Mono<CaseloadImport.Result> caseload(@RequestBody(required = false) String csv, Principal principal) {
		return this.callers.withRole(principal, Role.ADMIN)
			.flatMap(caller -> this.caseloadImport.run(csv)
				.flatMap(result -> this.audit.byWorker(caller, "IMPORT_CASELOAD", "IMPORT", null).thenReturn(result)));
	}

}
