package app.waymark.people;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * The people feature's access rules for other features (alerts, worker replies): who the
 * signed-in worker is, and which young people they may see. One rule, kept in
 * {@link YoungPeople}, so an alert list can never show more than the caseload does.
 */
@Component
public class Access {

	private final Callers callers;

	private final YoungPeople youngPeople;

	Access(Callers callers, YoungPeople youngPeople) {
		this.callers = callers;
		this.youngPeople = youngPeople;
	}

	/** The active worker signed in, or 401/403. */
	public Mono<Worker> caller(Principal principal) {
		return this.callers.of(principal);
	}

	/** The young person if the caller may see them; 404 if unknown, 403 if not theirs. */
	public Mono<YoungPerson> youngPerson(Worker caller, long youngPersonId) {
		return this.callers.youngPerson(caller, youngPersonId);
	}

	public Mono<Boolean> maySee(Worker caller, long youngPersonId) {
		return this.youngPeople.visible(caller, youngPersonId);
	}

	/**
	 * The SQL condition "the caller may see young person {@code y}", for a query that
	 * joins {@code young_person y} and {@code allocation a} (open allocation, left join)
	 * and binds it with {@link #bindVisibility}.
	 */
	public static String visibleCondition() {
		return YoungPeople.VISIBLE;
	}

	public DatabaseClient.GenericExecuteSpec bindVisibility(DatabaseClient.GenericExecuteSpec spec, Worker caller) {
		return this.youngPeople.visibility(spec, caller);
	}

}
