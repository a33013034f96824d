package app.waymark.channel.telegram;

import app.waymark.channel.ChatUnreachable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import app.waymark.people.Identities;
import app.waymark.people.Sender;
import app.waymark.system.Sealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Whether a chat can be written to. A user who blocks the bot makes every send fail with
 * 403; we learn it from {@code my_chat_member} (status {@code kicked}) or from that 403.
 * Either way the linked identity is marked unreachable and an opt-out is recorded, so the
 * inbox and check-ins stop writing there; unblocking ({@code member}) undoes both.
 */
class TelegramReachability {

	private static final Logger log = LoggerFactory.getLogger(TelegramReachability.class);

	static final String BLOCKED = "TELEGRAM_BLOCKED";

	static final String UNBLOCKED = "TELEGRAM_UNBLOCKED";

	private final DatabaseClient db;

	private final Sealer sealer;

	private final Identities identities;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	TelegramReachability(DatabaseClient db, Sealer sealer, Identities identities, ApplicationEventPublisher events,
			Clock clock) {
		this.db = db;
		this.sealer = sealer;
		this.identities = identities;
		this.events = events;
		this.clock = clock;
	}

	Mono<Void> unreachable(String chatId, String reason) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		return this.identities.identify(TelegramChannel.NAME, chatId)
			.flatMap(sender -> this.db
				.sql("update channel_identity set unreachable_at = :now, unreachable_reason = :reason "
						+ "where channel = :channel and address_hash = :hash")
				.bind("now", now)
				.bind("reason", reason)
				.bind("channel", TelegramChannel.NAME)
				.bind("hash", this.sealer.hash(chatId))
				.then()
				.then(sender.optedOut() ? Mono.empty()
						: this.identities.recordConsent(TelegramChannel.NAME, chatId, false, BLOCKED))
				.then(Mono.fromRunnable(() -> tell(sender, reason))));
	}

	Mono<Void> reachable(String chatId) {
		return this.identities.identify(TelegramChannel.NAME, chatId)
			.flatMap(sender -> this.db
				.sql("update channel_identity set unreachable_at = null, unreachable_reason = null "
						+ "where channel = :channel and address_hash = :hash")
				.bind("channel", TelegramChannel.NAME)
				.bind("hash", this.sealer.hash(chatId))
				.then()
				.then(latestConsentSource(chatId))
				.flatMap(source -> BLOCKED.equals(source)
						? this.identities.recordConsent(TelegramChannel.NAME, chatId, true, UNBLOCKED) : Mono.empty()));
	}

	/**
	 * Only an opt-out that blocking made is undone by unblocking; one the user asked for
	 * with /stop stays until /start.
	 */
	private Mono<String> latestConsentSource(String chatId) {
		return this.db
			.sql("select source from consent where channel = :channel and address_hash = :hash "
					+ "order by recorded_at desc, id desc limit 1")
			.bind("channel", TelegramChannel.NAME)
			.bind("hash", this.sealer.hash(chatId))
			.map(row -> row.get("source", String.class))
			.one();
	}

	private void tell(Sender sender, String reason) {
		if (sender.known()) {
			log.info("Telegram chat of young person {} / worker {} is unreachable: {}", sender.youngPersonId(),
					sender.workerId(), reason);
			this.events.publishEvent(
					new ChatUnreachable(TelegramChannel.NAME, sender.youngPersonId(), sender.workerId(), reason));
		}
		else {
			log.info("An unlinked Telegram chat is unreachable: {}", reason);
		}
	}

}
