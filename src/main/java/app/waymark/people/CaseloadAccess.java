package app.waymark.people;

import java.security.Principal;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The people feature's access rules for other features' pages: who is signed in, whose
 * young people they may see, and the audit trail of what they looked at. A thin public
 * face over {@link Callers}, {@link YoungPeople} and {@link Audit}, so the rule is
 * written once.
 */
@Component
public class CaseloadAccess {

	private final Callers callers;

	private final YoungPeople youngPeople;

	private final Audit audit;

	CaseloadAccess(Callers callers, YoungPeople youngPeople, Audit audit) {
		this.callers = callers;
		this.youngPeople = youngPeople;
		this.audit = audit;
	}

	/** The signed-in, active worker; 401 or 403 otherwise. */
	public Mono<Worker> caller(Principal principal) {
		return this.callers.of(principal);
	}

	/** Every young person the worker may see. */
	public Flux<YoungPerson> caseload(Worker caller) {
		return this.youngPeople.caseload(caller);
	}

	/** The young person if the worker may see them; 404 if none, 403 if not theirs. */
	public Mono<YoungPerson> youngPerson(Worker caller, long id) {
		return this.callers.youngPerson(caller, id);
	}

	/** Records that the worker did something to a record (never the content). */
	public Mono<Void> audit(Worker actor, String action, String subjectType, Long subjectId) {
		return this.audit.byWorker(actor, action, subjectType, subjectId);
	}

	/**
	 * Records an admin's change to something that is not a person's record (an article):
	 * {@code detail} names it (scope/id/version), never its content.
	 */
	public Mono<Void> auditAdminChange(Long adminId, String action, String subjectType, String detail) {
		return this.audit.record("ADMIN", adminId, action, subjectType, null, detail);
	}

}
