package app.waymark.channel.whatsapp;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import app.waymark.system.Sealer;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * WhatsApp's 24-hour rule: a business may write freely to a person only within 24 hours
 * of that person's last message to it; after that only an approved template may start the
 * conversation again. The last message is the last inbound row in the message log, which
 * every instance shares, so the rule holds whichever instance took the message.
 *
 * @see <a href="https://www.twilio.com/docs/api/errors/63016">Twilio error 63016</a>
 */
class WhatsAppSession {

	static final Duration WINDOW = Duration.ofHours(24);

	/**
	 * Spare time before the window closes: a message queued at 23:59:59 may reach
	 * WhatsApp after it has.
	 */
	static final Duration MARGIN = Duration.ofMinutes(5);

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Clock clock;

	WhatsAppSession(DatabaseClient db, Sealer sealer, Clock clock) {
		this.db = db;
		this.sealer = sealer;
		this.clock = clock;
	}

	/** Whether free-form text may go to this address now. */
	Mono<Boolean> open(String address) {
		OffsetDateTime since = OffsetDateTime.now(this.clock)
			.withOffsetSameInstant(ZoneOffset.UTC)
			.minus(WINDOW.minus(MARGIN));
		// created_at first, so the message_created index bounds the search to a day.
		return this.db
			.sql("select count(*) from message where created_at >= :since and channel = :channel "
					+ "and direction = 'IN' and address_hash = :hash")
			.bind("since", since)
			.bind("channel", WhatsAppChannel.NAME)
			.bind("hash", this.sealer.hash(address))
			.map(row -> row.get(0, Long.class))
			.one()
			.map(count -> count > 0);
	}

}
