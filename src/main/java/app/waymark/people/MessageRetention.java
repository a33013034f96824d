package app.waymark.people;

import java.time.Clock;

import app.waymark.system.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Forgets message text past {@code WAYMARK_MESSAGE_RETENTION} (12 months by default): the
 * row stays for figures and the audit trail stays whole, the words go, and so does the
 * sender's sealed address on an inbound message never answered (it is kept only to reply,
 * and cleared as soon as a reply is queued).
 */
@Component
class MessageRetention {

	private static final Logger log = LoggerFactory.getLogger(MessageRetention.class);

	private final DatabaseClient db;

	private final Clock clock;

	private final PeopleSettings settings;

	MessageRetention(DatabaseClient db, Clock clock, PeopleSettings settings) {
		this.db = db;
		this.clock = clock;
		this.settings = settings;
	}

	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT6H")
	void scheduled() {
		purge().subscribe(count -> {
		}, ex -> log.warn("Message retention run failed: {}", ex.getClass().getName()));
	}

	/**
	 * Clears the text and address of messages older than the retention period; returns
	 * how many.
	 */
	Mono<Long> purge() {
		return this.db
			.sql("update message set body_sealed = null, address_sealed = null "
					+ "where (body_sealed is not null or address_sealed is not null) and created_at < :cutoff")
			.bind("cutoff", Sql.now(this.clock).minus(this.settings.messageRetention()))
			.fetch()
			.rowsUpdated()
			.doOnNext(count -> {
				if (count > 0) {
					log.info("Message retention: cleared the text of {} messages", count);
				}
			});
	}

}
