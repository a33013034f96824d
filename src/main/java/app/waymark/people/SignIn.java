package app.waymark.people;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Locale;
import java.util.Optional;

import app.waymark.system.ClientAddress;
import app.waymark.system.RateLimitSettings;
import app.waymark.system.RateLimiter;
import app.waymark.system.SessionVersions;
import app.waymark.system.SignInLocked;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Checks a worker's e-mail and password, for the sign-in form and HTTP Basic alike.
 *
 * <ul>
 * <li>Failed attempts are limited per account and per client address (shared by every
 * instance); past either limit the account or address is locked for the rest of the
 * period (429 with {@code Retry-After}) without the password being checked, and a lock on
 * a real account is written to {@code audit_event}.</li>
 * <li>Every failure is logged with the account id only (never the e-mail, address or
 * password).</li>
 * <li>An unknown e-mail (or an account without a password) costs one bcrypt check against
 * a dummy hash, so it answers as slowly as a wrong password: the time does not tell
 * whether an account exists.</li>
 * </ul>
 */
@Component
class SignIn implements ReactiveAuthenticationManager, SessionVersions {

	private static final Logger log = LoggerFactory.getLogger(SignIn.class);

	private final Workers workers;

	private final PasswordEncoder passwords;

	private final RateLimiter limiter;

	private final RateLimitSettings limits;

	private final Audit audit;

	/** A hash of nothing anyone knows, to spend the same time on unknown accounts. */
	private final CompletableFuture<String> dummyHash;

	SignIn(Workers workers, PasswordEncoder passwords, RateLimiter limiter, RateLimitSettings limits, Audit audit) {
		this.workers = workers;
		this.passwords = passwords;
		this.limiter = limiter;
		this.limits = limits;
		this.audit = audit;
		byte[] random = new byte[24];
		new SecureRandom().nextBytes(random);
		// bcrypt's fifth of a second of CPU, off the start-up's main thread
		this.dummyHash = CompletableFuture
			.supplyAsync(() -> passwords.encode(Base64.getEncoder().encodeToString(random)));
	}

	private record Account(Worker worker, String hash) {
	}

	@Override
	public Mono<Authentication> authenticate(Authentication attempt) {
		if (!(attempt instanceof UsernamePasswordAuthenticationToken) || attempt.getName() == null) {
			return Mono.empty();
		}
		String email = attempt.getName().strip().toLowerCase(Locale.ROOT);
		String password = attempt.getCredentials() == null ? "" : attempt.getCredentials().toString();
		return Mono
			.deferContextual(context -> Mono.just(context.<ServerWebExchange>getOrEmpty(ServerWebExchange.class)
				.map(ClientAddress::of)
				.orElse(ClientAddress.UNKNOWN)))
			.flatMap(address -> notLocked(email, address).then(check(email, password, address)));
	}

	private Mono<Void> notLocked(String email, String address) {
		return this.limiter.peek(this.limits.signInAccountLimit(), email)
			.zipWith(this.limiter.peek(this.limits.signInAddressLimit(), address))
			.flatMap(both -> {
				RateLimiter.Verdict account = both.getT1();
				RateLimiter.Verdict from = both.getT2();
				if (account.allowed() && from.allowed()) {
					return Mono.empty();
				}
				long wait = Math.max(account.allowed() ? 0 : account.retryAfterSeconds(),
						from.allowed() ? 0 : from.retryAfterSeconds());
				log.info("Sign-in refused: too many failures {}",
						account.allowed() ? "from one address" : "for one account");
				return Mono.error(new SignInLocked(wait));
			});
	}

	private Mono<Authentication> check(String email, String password, String address) {
		Mono<Optional<Account>> account = this.workers.byEmail(email)
			.filter(Worker::active)
			.flatMap(worker -> this.workers.passwordHash(email).map(hash -> new Account(worker, hash)))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
		// bcrypt takes tens of milliseconds of CPU: not on the event loop
		return account.publishOn(Schedulers.boundedElastic()).flatMap(found -> {
			if (found.isEmpty()) {
				// the same bcrypt work as a real account, and the same answer as a wrong
				// password
				this.passwords.matches(password, this.dummyHash.join());
			}
			if (found.isPresent() && this.passwords.matches(password, found.get().hash())) {
				Worker worker = found.get().worker();
				return Mono.<Authentication>just(UsernamePasswordAuthenticationToken.authenticated(worker.email(), null,
						List.of(new SimpleGrantedAuthority("ROLE_" + worker.role().name()))));
			}
			return failed(email, address, found.map(Account::worker).orElse(null))
				.then(Mono.error(new BadCredentialsException("Invalid credentials")));
		});
	}

	private Mono<Void> failed(String email, String address, Worker worker) {
		log.info("Sign-in failed for {}", worker != null ? "account " + worker.id() : "an unknown account");
		Mono<Void> account = this.limiter.take(this.limits.signInAccountLimit(), email).flatMap(verdict -> {
			if (verdict.remaining() > 0 || worker == null) {
				return Mono.empty();
			}
			log.warn("Sign-in locked for account {} after repeated failures", worker.id());
			RateLimiter.Limit limit = this.limits.signInAccountLimit();
			return this.audit.record("SYSTEM", null, "SIGN_IN_LOCKED", "WORKER", worker.id(),
					limit.capacity() + " failed sign-ins within " + limit.period());
		});
		Mono<Void> from = this.limiter.take(this.limits.signInAddressLimit(), address).flatMap(verdict -> {
			if (verdict.remaining() == 0 && verdict.allowed()) {
				log.warn("Sign-ins from one client address locked after repeated failures");
			}
			return Mono.empty();
		});
		return account.then(from);
	}

	@Override
	public Mono<Integer> current(String username) {
		return this.workers.sessionVersion(username);
	}

}
