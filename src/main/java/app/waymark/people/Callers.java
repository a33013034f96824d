package app.waymark.people;

import java.security.Principal;
import java.util.Set;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The signed-in worker behind a request, and the checks the API makes on them. A young
 * person who exists but is not the caller's is answered 403; one who does not exist 404.
 */
@Component
public class Callers {

	private final Workers workers;

	private final YoungPeople youngPeople;

	Callers(Workers workers, YoungPeople youngPeople) {
		this.workers = workers;
		this.youngPeople = youngPeople;
	}

	public Mono<Worker> of(Principal principal) {
		if (principal == null) {
			return Mono.error(new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Sign in first."));
		}
		return this.workers.byEmail(principal.getName())
			.filter(Worker::active)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "No active worker account.")));
	}

	Mono<Worker> withRole(Principal principal, Role... roles) {
		Set<Role> allowed = Set.of(roles);
		return of(principal).flatMap(caller -> allowed.contains(caller.role()) ? Mono.just(caller)
				: Mono.error(forbidden("Your role may not do this.")));
	}

	/** The young person, if the caller may see them. */
	public Mono<YoungPerson> youngPerson(Worker caller, long id) {
		return this.youngPeople.byId(id)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such young person.")))
			.flatMap(person -> this.youngPeople.visible(caller, id)
				.flatMap(visible -> visible ? Mono.just(person)
						: Mono.error(forbidden("This young person is not on your caseload."))));
	}

	static ResponseStatusException forbidden(String reason) {
		return new ResponseStatusException(HttpStatus.FORBIDDEN, reason);
	}

	static ResponseStatusException notFound(String reason) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, reason);
	}

}
