package app.waymark.channel.telegram;

import app.waymark.channel.ChatUnreachable;
import app.waymark.channel.DeliveryFailures;

import app.waymark.people.Identities;
import app.waymark.people.Sender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.reactive.TransactionalOperator;

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

	private final Identities identities;

	private final DeliveryFailures outbox;

	private final TransactionalOperator transaction;

	private final ApplicationEventPublisher events;

	TelegramReachability(Identities identities, DeliveryFailures outbox, TransactionalOperator transaction,
			ApplicationEventPublisher events) {
		this.identities = identities;
		this.outbox = outbox;
		this.transaction = transaction;
		this.events = events;
	}

	/**
	 * The mark, the opt-out and the outbox row for a person's alert commit together, so
	 * the alert cannot be lost once the chat is marked.
	 */
	Mono<Void> unreachable(String chatId, String reason) {
		return this.identities.identify(TelegramChannel.NAME, chatId)
			.flatMap(sender -> this.transaction
				.transactional(this.identities.markUnreachable(TelegramChannel.NAME, chatId, reason)
					.then(sender.optedOut() ? Mono.empty()
							: this.identities.recordConsent(TelegramChannel.NAME, chatId, false, BLOCKED))
					.then(sender.known() ? this.outbox.record(unreachable(sender, reason)) : Mono.empty()))
				.then(Mono.fromRunnable(() -> tell(sender, reason))));
	}

	private static ChatUnreachable unreachable(Sender sender, String reason) {
		return new ChatUnreachable(TelegramChannel.NAME, sender.youngPersonId(), sender.workerId(), reason);
	}

	/**
	 * Only an opt-out that blocking made is undone by unblocking; one the user asked for
	 * with /stop stays until /start.
	 */
	Mono<Void> reachable(String chatId) {
		return this.identities.identify(TelegramChannel.NAME, chatId)
			.flatMap(sender -> this.identities.markReachable(TelegramChannel.NAME, chatId)
				.then(this.identities.latestConsentSource(TelegramChannel.NAME, chatId))
				.flatMap(source -> BLOCKED.equals(source)
						? this.identities.recordConsent(TelegramChannel.NAME, chatId, true, UNBLOCKED) : Mono.empty()));
	}

	private void tell(Sender sender, String reason) {
		if (sender.known()) {
			log.info("Telegram chat of young person {} / worker {} is unreachable: {}", sender.youngPersonId(),
					sender.workerId(), reason);
			this.events.publishEvent(unreachable(sender, reason));
		}
		else {
			log.info("An unlinked Telegram chat is unreachable: {}", reason);
		}
	}

}
