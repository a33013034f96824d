package app.waymark.people;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.waymark.system.Sql;
import app.waymark.system.Sealer;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * One-time codes a worker gives a young person (or colleague) to link a phone or Telegram
 * chat. Eight characters from an alphabet without 0/O/1/I/L, shown as {@code ABCD-EFGH},
 * typed with or without the dash in any case. Only the keyed hash is stored. Every code
 * holds at least one digit, so an ordinary eight-letter word ("whatever") is never taken
 * for a code.
 */
@Component
public class LinkCodes {

	static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

	static final Duration LIFETIME = Duration.ofHours(72);

	private static final Pattern CODE = Pattern
		.compile("(?i)^(?:/start\\s+)?([A-HJKMNP-Z2-9]{4})-?([A-HJKMNP-Z2-9]{4})$");

	/**
	 * A code as shown to a worker.
	 *
	 * @param code {@code ABCD-EFGH}
	 * @param expiresAt when it stops working
	 */
	public record Issued(String code, OffsetDateTime expiresAt) {
	}

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	public LinkCodes(DatabaseClient db, Sealer sealer, Clock clock) {
		this.db = db;
		this.sealer = sealer;
		this.clock = clock;
	}

	/**
	 * The canonical code (upper case, no dash) if the whole message is one, else null.
	 */
	static String normalise(String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = CODE.matcher(text.strip());
		if (!matcher.matches()) {
			return null;
		}
		String code = (matcher.group(1) + matcher.group(2)).toUpperCase(Locale.ROOT);
		return code.chars().anyMatch(Character::isDigit) ? code : null;
	}

	/**
	 * Whether the whole message is a link code (the web chat limits how many it tries).
	 */
	public static boolean isCode(String text) {
		return normalise(text) != null;
	}

	static String display(String code) {
		return code.substring(0, 4) + "-" + code.substring(4);
	}

	String generate() {
		while (true) {
			StringBuilder code = new StringBuilder(8);
			for (int i = 0; i < 8; i++) {
				code.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
			}
			if (code.chars().anyMatch(Character::isDigit)) {
				return code.toString();
			}
		}
	}

	public Mono<Issued> forYoungPerson(long youngPersonId, Long createdBy) {
		return issue("young_person_id", youngPersonId, createdBy);
	}

	public Mono<Issued> forWorker(long workerId, Long createdBy) {
		return issue("worker_id", workerId, createdBy);
	}

	private Mono<Issued> issue(String column, long id, Long createdBy) {
		String code = generate();
		OffsetDateTime now = Sql.now(this.clock);
		OffsetDateTime expires = now.plus(LIFETIME);
		DatabaseClient.GenericExecuteSpec insert = this.db
			.sql("insert into link_code (code_hash, " + column + ", created_by, created_at, expires_at) "
					+ "values (:hash, :id, :createdBy, :now, :expires)")
			.bind("hash", this.sealer.hash(code))
			.bind("id", id)
			.bind("now", now)
			.bind("expires", expires);
		insert = Sql.bindNullable(insert, "createdBy", createdBy, Long.class);
		return insert.then().thenReturn(new Issued(display(code), expires));
	}

}
