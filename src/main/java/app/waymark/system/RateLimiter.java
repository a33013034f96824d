package app.waymark.system;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Rate limits that hold across every instance: Bucket4j token buckets kept in the
 * database all instances share ({@code rate_limit_bucket}). On PostgreSQL Bucket4j's own
 * {@code SELECT ... FOR UPDATE} store; on the embedded H2 database the same algorithm
 * with H2's SQL ({@link H2Buckets}). Bucket4j talks JDBC, so each check runs on a
 * bounded-elastic thread over a small pool of its own.
 *
 * <p>
 * A subject (client address, account e-mail) is stored only as a keyed hash. If the
 * database cannot be reached the limit lets the request through: the request will most
 * likely fail on the database anyway, and a limit must never be what keeps a young person
 * from the crisis reply.
 */
@Component
public class RateLimiter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

	static final String TABLE = "rate_limit_bucket";

	/**
	 * How much of something one subject may do: {@code capacity} at once, refilled evenly
	 * over {@code period}.
	 */
	public record Limit(String name, long capacity, Duration period) {

		public Limit {
			if (capacity < 1 || period.isZero() || period.isNegative()) {
				throw new IllegalArgumentException("A rate limit needs a count of at least 1 and a positive period");
			}
		}

		/** "30/1m", "5/15m", "10/1h". */
		public static Limit parse(String name, String text) {
			String[] parts = text == null ? new String[0] : text.strip().split("/");
			if (parts.length != 2) {
				throw new IllegalArgumentException(
						"Rate limit '" + name + "' must look like 30/1m (count/period), not '" + text + "'");
			}
			try {
				return new Limit(name, Long.parseLong(parts[0].strip()),
						DurationStyle.detectAndParse(parts[1].strip()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"Rate limit '" + name + "' must look like 30/1m (count/period), not '" + text + "'");
			}
		}

		BucketConfiguration configuration() {
			return BucketConfiguration.builder()
				.addLimit(Bandwidth.builder().capacity(this.capacity).refillGreedy(this.capacity, this.period).build())
				.build();
		}

	}

	/**
	 * @param allowed whether the subject may go ahead
	 * @param remaining how many more it may do now
	 * @param retryAfter how long until one more is allowed (zero when allowed)
	 */
	public record Verdict(boolean allowed, long remaining, Duration retryAfter) {

		static final Verdict UNCHECKED = new Verdict(true, 1, Duration.ZERO);

		/** Whole seconds for a {@code Retry-After} header, at least 1. */
		public long retryAfterSeconds() {
			return Math.max(1, (this.retryAfter.toMillis() + 999) / 1000);
		}

	}

	private final HikariDataSource dataSource;

	private final ProxyManager<String> buckets;

	/** The same table on real elapsed time, for {@link #pace}. */
	private final ProxyManager<String> paces;

	private final Sealer sealer;

	private final DatabaseClient db;

	private final Periodic cleanup;

	private final AtomicBoolean failing = new AtomicBoolean();

	RateLimiter(@Value("${spring.flyway.url}") String jdbcUrl, @Value("${spring.flyway.user:}") String user,
			@Value("${spring.flyway.password:}") String password, Sealer sealer, Clock clock, DatabaseClient db,
			RateLimitSettings settings) {
		// a wrong setting stops the start-up here, not the first request
		settings.chatLimit();
		settings.linkCodeLimit();
		settings.signInAccountLimit();
		settings.signInAddressLimit();
		this.sealer = sealer;
		this.db = db;
		this.dataSource = dataSource(jdbcUrl, user, password);
		this.buckets = buckets(this.dataSource, jdbcUrl, time(clock));
		this.paces = buckets(this.dataSource, jdbcUrl, TimeMeter.SYSTEM_MILLISECONDS);
		this.cleanup = new Periodic(Duration.ofMinutes(10), log, "Removing expired rate limits failed",
				this::removeExpired);
	}

	/** Takes one from the subject's allowance, if there is one. */
	public Mono<Verdict> take(Limit limit, String subject) {
		return run(() -> {
			var probe = bucket(limit, subject).tryConsumeAndReturnRemaining(1);
			return new Verdict(probe.isConsumed(), probe.getRemainingTokens(),
					Duration.ofNanos(probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill()));
		});
	}

	/** Whether the subject could take one now, taking nothing. */
	public Mono<Verdict> peek(Limit limit, String subject) {
		return run(() -> {
			var probe = bucket(limit, subject).estimateAbilityToConsume(1);
			return new Verdict(probe.canBeConsumed(), probe.getRemainingTokens(),
					Duration.ofNanos(probe.canBeConsumed() ? 0 : probe.getNanosToWaitForRefill()));
		});
	}

	/**
	 * Takes one from the subject's allowance, counting real elapsed time rather than the
	 * application's clock: a provider's rate is in real seconds whatever the clock says
	 * (and a test that stops the application's clock must not stop sending).
	 */
	public Mono<Verdict> pace(Limit limit, String subject) {
		return run(() -> {
			var probe = bucket(this.paces, limit, subject).tryConsumeAndReturnRemaining(1);
			return new Verdict(probe.isConsumed(), probe.getRemainingTokens(),
					Duration.ofNanos(probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill()));
		});
	}

	private io.github.bucket4j.Bucket bucket(Limit limit, String subject) {
		return bucket(this.buckets, limit, subject);
	}

	private io.github.bucket4j.Bucket bucket(ProxyManager<String> store, Limit limit, String subject) {
		// the name and a keyed hash: no address or e-mail is ever stored
		String key = limit.name() + ":" + this.sealer.hash(subject == null ? "" : subject);
		return store.builder().build(key, limit::configuration);
	}

	private Mono<Verdict> run(Callable<Verdict> check) {
		return Mono.fromCallable(check).subscribeOn(Schedulers.boundedElastic()).doOnNext(verdict -> {
			if (this.failing.compareAndSet(true, false)) {
				log.info("Rate limits are checked again");
			}
		}).onErrorResume(ex -> {
			if (this.failing.compareAndSet(false, true)) {
				log.warn("Rate limits cannot be checked, letting requests through: {}", ex.getClass().getSimpleName());
			}
			return Mono.just(Verdict.UNCHECKED);
		});
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		this.cleanup.start();
	}

	Mono<Long> removeExpired() {
		// Bucket4j writes expires_at from the system clock, so it is compared with that
		return this.db.sql("delete from " + TABLE + " where expires_at < :now")
			.bind("now", System.currentTimeMillis())
			.fetch()
			.rowsUpdated();
	}

	@Override
	public void destroy() {
		this.cleanup.stop();
		this.dataSource.close();
	}

	private static HikariDataSource dataSource(String jdbcUrl, String user, String password) {
		HikariConfig config = new HikariConfig();
		config.setPoolName("waymark-rate-limits");
		config.setJdbcUrl(jdbcUrl);
		config.setUsername(user);
		config.setPassword(password);
		config.setMaximumPoolSize(4);
		config.setMinimumIdle(0);
		// a database that is away must not hold a request for long, nor stop the start-up
		config.setConnectionTimeout(3_000);
		config.setValidationTimeout(2_000);
		config.setInitializationFailTimeout(-1);
		return new HikariDataSource(config);
	}

	private static TimeMeter time(Clock clock) {
		return new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}

		};
	}

	private static ProxyManager<String> buckets(HikariDataSource dataSource, String jdbcUrl, TimeMeter time) {
		ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
			.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1));
		if (jdbcUrl.startsWith("jdbc:postgresql:")) {
			return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
				.primaryKeyMapper(PrimaryKeyMapper.STRING)
				.table(TABLE)
				.idColumn("id")
				.stateColumn("state")
				.expiresAtColumn("expires_at")
				.expirationAfterWrite(expiry)
				.requestTimeout(Duration.ofSeconds(3))
				.clientClock(time)
				.build();
		}
		if (jdbcUrl.startsWith("jdbc:h2:")) {
			return new H2Buckets(dataSource, TABLE, expiry, time);
		}
		throw new StartupRefused("Rate limits need PostgreSQL or the embedded H2 database.",
				"Set WAYMARK_DB_JDBC_URL to a jdbc:postgresql: URL.");
	}

}
