package app.waymark.channel;

import java.time.Clock;
import java.time.OffsetDateTime;

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
 * and cleared as soon as a reply is queued). Outbound queue rows hold a sealed copy of
 * the address and text; once sent or failed for good nothing reads them again, so they
 * are deleted past the same period. A row still queued is never touched: the dispatcher
 * may be about to send it.
 */
@Component
class MessageRetention {

	private static final Logger log = LoggerFactory.getLogger(MessageRetention.class);

	private final DatabaseClient db;

	private final Clock clock;

	private final RetentionSettings settings;

	MessageRetention(DatabaseClient db, Clock clock, RetentionSettings settings) {
		this.db = db;
		this.clock = clock;
		this.settings = settings;
	}

	@Scheduled(initialDelayString = "PT5M", fixedDelayString = "PT6H")
	void scheduled() {
		purge().subscribe(purged -> {
		}, ex -> log.warn("Message retention run failed: {}", ex.getClass().getName()));
	}

	/** How many messages lost their text and address, and outbound rows were deleted. */
	record Purged(long messages, long outbound) {
	}

	/**
	 * Clears the text and address of messages older than the retention period and deletes
	 * finished outbound rows as old.
	 */
	Mono<Purged> purge() {
		OffsetDateTime cutoff = Sql.now(this.clock).minus(this.settings.messages());
		Mono<Long> messages = this.db
			.sql("update message set body_sealed = null, address_sealed = null "
					+ "where (body_sealed is not null or address_sealed is not null) and created_at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
		Mono<Long> outbound = this.db
			.sql("delete from outbound where status in ('SENT', 'FAILED', 'PARKED') and created_at < :cutoff")
			.bind("cutoff", cutoff)
			.fetch()
			.rowsUpdated();
		return messages.flatMap(cleared -> outbound.map(deleted -> new Purged(cleared, deleted))).doOnNext(purged -> {
			if (purged.messages() > 0 || purged.outbound() > 0) {
				log.info("Message retention: cleared the text of {} messages, deleted {} sent or failed outbound rows",
						purged.messages(), purged.outbound());
			}
		});
	}

}
