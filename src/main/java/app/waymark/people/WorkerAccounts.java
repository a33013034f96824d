package app.waymark.people;

import reactor.core.publisher.Mono;

import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * Sign-in for workers: the e-mail is the user name, the role in the worker table the
 * authority. A worker without a password (signs in by OpenID Connect, or not yet set up)
 * cannot use a password.
 */
@Component
class WorkerAccounts implements ReactiveUserDetailsService {

	private final Workers workers;

	WorkerAccounts(Workers workers) {
		this.workers = workers;
	}

	@Override
	public Mono<UserDetails> findByUsername(String username) {
		return this.workers.byEmail(username)
			.filter(Worker::active)
			.flatMap(worker -> this.workers.passwordHash(worker.email())
				.map(hash -> User.withUsername(worker.email()).password(hash).roles(worker.role().name()).build()));
	}

}
