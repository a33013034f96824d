package app.waymark.announcement;

import java.time.Clock;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.waymark.channel.OutboundMessage;
import app.waymark.channel.OutboundQueue;
import app.waymark.channel.SendWindows;
import app.waymark.checkin.QuietHours;
import app.waymark.system.Periodic;
import app.waymark.system.Sealer;
import app.waymark.system.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Sends announcements when they are due, in two steps that every instance may run at
 * once.
 *
 * <p>
 * <b>Expanding</b> a due send makes one recipient row per young person its audience holds
 * then, due when their quiet hours allow (postponed, never dropped), or skipped with the
 * reason (opted out, no linked channel). The rows are written in the same transaction as
 * the compare-and-set update that moves the send off SCHEDULED: only one instance's
 * update matches, and a second expansion would break the one-row-per-person constraint
 * and roll back, so each send is expanded exactly once.
 *
 * <p>
 * <b>Queueing</b> a due recipient hands the message to the outbound queue (which logs it
 * as an OUT message of kind ANNOUNCEMENT, in the young person's timeline, and paces it by
 * the shared send rates). The recipient row moves from WAITING to QUEUED, and takes the
 * message's id, in the queue's own transaction: a second instance's update matches
 * nothing, so each recipient is queued once. The channel is asked first whether it would
 * take the message now (WhatsApp outside its 24-hour window needs an approved template);
 * when no channel of theirs would, the recipient is skipped with that reason, counted as
 * failed.
 */
@Component
class AnnouncementSender {

	private static final Logger log = LoggerFactory.getLogger(AnnouncementSender.class);

	/** Sends expanded per pass at most; the rest next pass. */
	static final int SENDS_PER_PASS = 20;

	static final int ROWS_PER_STATEMENT = 500;

	static final String NO_LONGER_ACTIVE = "no longer active";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	private final OutboundQueue queue;

	private final SendWindows windows;

	private final Announcements announcements;

	private final Reach reach;

	private final Sealer sealer;

	private final AnnouncementSettings settings;

	private final Clock clock;

	private final Periodic loop;

	AnnouncementSender(DatabaseClient db, TransactionalOperator transaction, OutboundQueue queue, SendWindows windows,
			Announcements announcements, Reach reach, Sealer sealer, AnnouncementSettings settings, Clock clock) {
		this.db = db;
		this.transaction = transaction;
		this.queue = queue;
		this.windows = windows;
		this.announcements = announcements;
		this.reach = reach;
		this.sealer = sealer;
		this.settings = settings;
		this.clock = clock;
		this.loop = new Periodic(settings.pollInterval(), log, "Announcement pass failed",
				() -> runOnce().doOnNext(pass -> {
					if (pass.expanded() + pass.queued() + pass.skipped() > 0) {
						log.info("Announcements: {}", pass);
					}
				}));
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		if (this.settings.enabled()) {
			this.loop.start();
		}
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		this.loop.stop();
	}

	/**
	 * What one pass did.
	 *
	 * @param expanded sends expanded into recipients
	 * @param queued messages queued
	 * @param skipped recipients not sent to, with a reason
	 */
	record Pass(int expanded, int queued, int skipped) {
	}

	Mono<Pass> runOnce() {
		// milliseconds only: the database keeps fewer digits than the clock gives and may
		// round up, so a recipient due "now" would otherwise not be due in this same pass
		OffsetDateTime now = Sql.now(this.clock).truncatedTo(ChronoUnit.MILLIS);
		return expandDue(now)
			.flatMap(expanded -> queueDue(now).map(counts -> new Pass(expanded, counts[0], counts[1])));
	}

	private record DueSend(long id, long announcementId, OffsetDateTime sendAt) {
	}

	private Mono<Integer> expandDue(OffsetDateTime now) {
		return this.db
			.sql("select s.id, s.announcement_id, s.send_at from announcement_send s "
					+ "join announcement a on a.id = s.announcement_id where s.status = 'SCHEDULED' "
					+ "and s.send_at <= :now and a.cancelled_at is null order by s.send_at, s.id limit :max")
			.bind("now", now)
			.bind("max", SENDS_PER_PASS)
			.map(row -> new DueSend(row.get("id", Long.class), row.get("announcement_id", Long.class),
					row.get("send_at", OffsetDateTime.class)))
			.all()
			.concatMap(send -> expand(send, now).onErrorResume(ex -> {
				log.warn("Announcement send {} not expanded this pass: {}", send.id(), ex.getClass().getSimpleName());
				return Mono.just(false);
			}))
			.filter(Boolean::booleanValue)
			.count()
			.map(Long::intValue);
	}

	/** One recipient row to write: due when, or skipped and why. */
	record Recipient(long youngPersonId, OffsetDateTime dueAt, String status, String channel, String reason) {
	}

	/** True when this call expanded it; false when another instance had. */
	Mono<Boolean> expand(DueSend send, OffsetDateTime now) {
		return this.db
			.sql("select a.id, a.body, a.team, a.language, a.min_age, a.max_age, a.left_care_months, a.scope_team, "
					+ "a.event_at, a.created_by, a.created_at, a.cancelled_at from announcement a where a.id = :id")
			.bind("id", send.announcementId())
			.map(Announcements::announcement)
			.one()
			.flatMap(announcement -> this.announcements.candidates(announcement.audience().scopeTeam())
				.map(all -> announcement.audience().of(all, now.atZoneSameInstant(this.settings.zone()).toLocalDate())))
			.flatMap(people -> this.reach.of(people.stream().map(Audience.Candidate::id).toList())
				.map(ways -> recipients(people, ways, now)))
			.flatMap(recipients -> this.transaction.transactional(this.db
				.sql("update announcement_send set status = 'EXPANDED', expanded_at = :now where id = :id "
						+ "and status = 'SCHEDULED'")
				.bind("now", now)
				.bind("id", send.id())
				.fetch()
				.rowsUpdated()
				.flatMap(claimed -> claimed == 1 ? insert(send.id(), recipients).thenReturn(true) : Mono.just(false))))
			// the rows were there already: another instance expanded it first
			.onErrorResume(DataIntegrityViolationException.class, ex -> Mono.just(false));
	}

	private List<Recipient> recipients(List<Audience.Candidate> people, Map<Long, Reach.Way> ways, OffsetDateTime now) {
		ZonedDateTime local = now.atZoneSameInstant(this.settings.zone());
		List<Recipient> recipients = new ArrayList<>(people.size());
		for (Audience.Candidate person : people) {
			Reach.Way way = ways.get(person.id());
			if (way == null || way.excluded() != null) {
				recipients.add(new Recipient(person.id(), now, "SKIPPED", null,
						way == null ? Reach.NO_CHANNEL : way.excluded()));
				continue;
			}
			recipients.add(new Recipient(person.id(), dueAt(local, person.quietStart(), person.quietEnd()), "WAITING",
					way.channel(), null));
		}
		return recipients;
	}

	/** Now, or the end of their quiet hours when now is inside them. */
	static OffsetDateTime dueAt(ZonedDateTime now, LocalTime quietStart, LocalTime quietEnd) {
		if (quietStart == null || quietEnd == null) {
			return now.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
		}
		return QuietHours.nextAllowed(now, quietStart, quietEnd, day -> false)
			.toOffsetDateTime()
			.withOffsetSameInstant(ZoneOffset.UTC);
	}

	private Mono<Void> insert(long sendId, List<Recipient> recipients) {
		List<List<Recipient>> chunks = new ArrayList<>();
		for (int from = 0; from < recipients.size(); from += ROWS_PER_STATEMENT) {
			chunks.add(recipients.subList(from, Math.min(recipients.size(), from + ROWS_PER_STATEMENT)));
		}
		return Flux.fromIterable(chunks).concatMap(chunk -> {
			StringBuilder values = new StringBuilder();
			Map<String, Object> bound = new HashMap<>();
			bound.put("send", sendId);
			for (int i = 0; i < chunk.size(); i++) {
				Recipient recipient = chunk.get(i);
				values.append(i == 0 ? "" : ", ")
					.append("(:send, :person")
					.append(i)
					.append(", :due")
					.append(i)
					.append(", :status")
					.append(i)
					.append(", :channel")
					.append(i)
					.append(", :reason")
					.append(i)
					.append(")");
				bound.put("person" + i, recipient.youngPersonId());
				bound.put("due" + i, recipient.dueAt());
				bound.put("status" + i, recipient.status());
				bound.put("channel" + i, Parameter.fromOrEmpty(recipient.channel(), String.class));
				bound.put("reason" + i, Parameter.fromOrEmpty(recipient.reason(), String.class));
			}
			return this.db
				.sql("insert into announcement_recipient (send_id, young_person_id, due_at, status, channel, reason) "
						+ "values " + values)
				.bindValues(bound)
				.then();
		}).then();
	}

	private record DueRecipient(long id, long youngPersonId, String body, String personStatus) {
	}

	/** Queued and skipped counts. */
	private Mono<int[]> queueDue(OffsetDateTime now) {
		int[] counts = new int[2];
		return this.db
			.sql("select r.id, r.young_person_id, s.body, y.status as person_status from announcement_recipient r "
					+ "join announcement_send s on s.id = r.send_id join young_person y on y.id = r.young_person_id "
					+ "where r.status = 'WAITING' and r.due_at <= :now order by r.due_at, r.id limit :max")
			.bind("now", now)
			.bind("max", this.settings.batch())
			.map(row -> new DueRecipient(row.get("id", Long.class), row.get("young_person_id", Long.class),
					row.get("body", String.class), row.get("person_status", String.class)))
			.all()
			.concatMap(recipient -> queueOne(recipient, now).doOnNext(outcome -> {
				if (outcome == Outcome.QUEUED) {
					counts[0]++;
				}
				else if (outcome == Outcome.SKIPPED) {
					counts[1]++;
				}
			}).onErrorResume(ex -> {
				log.warn("Announcement recipient {} not queued this pass: {}", recipient.id(),
						ex.getClass().getSimpleName());
				return Mono.empty();
			}))
			.then(Mono.fromSupplier(() -> counts));
	}

	enum Outcome {

		QUEUED, SKIPPED, TAKEN

	}

	/** Where a message goes: a route the channel takes now, or why none does. */
	private record Choice(String channel, String address, String refusal, String refusedChannel) {
	}

	private Mono<Outcome> queueOne(DueRecipient recipient, OffsetDateTime now) {
		if (!"ACTIVE".equals(recipient.personStatus())) {
			return skip(recipient.id(), null, NO_LONGER_ACTIVE);
		}
		// asked again now: someone who opted out since the send was expanded gets nothing
		return this.reach.of(recipient.youngPersonId()).flatMap(way -> {
			if (way.excluded() != null) {
				return skip(recipient.id(), null, way.excluded());
			}
			return choose(way.routes(), 0, null, null).flatMap(choice -> {
				if (choice.channel() == null) {
					return skip(recipient.id(), choice.refusedChannel(), choice.refusal());
				}
				OutboundMessage message = new OutboundMessage(choice.channel(), choice.address(), recipient.body(),
						List.of(), OutboundMessage.Purpose.ANNOUNCEMENT, recipient.youngPersonId(), null,
						Previews.KIND);
				return this.transaction.transactional(this.db
					.sql("update announcement_recipient set status = 'QUEUED', channel = :channel, queued_at = :now "
							+ "where id = :id and status = 'WAITING'")
					.bind("channel", choice.channel())
					.bind("now", now)
					.bind("id", recipient.id())
					.fetch()
					.rowsUpdated()
					.flatMap(claimed -> claimed != 1 ? Mono.just(Outcome.TAKEN)
							: this.queue.enqueue(message)
								.flatMap(messageId -> this.db
									.sql("update announcement_recipient set message_id = :message "
											+ "where id = :id and message_id is null")
									.bind("message", messageId)
									.bind("id", recipient.id())
									.fetch()
									.rowsUpdated())
								// a second claim that slipped through: undo this one
								// whole
								.flatMap(updated -> updated == 1 ? Mono.just(Outcome.QUEUED)
										: Mono.error(new IllegalStateException("recipient queued twice")))));
			});
		});
	}

	/** The first route whose channel takes the message now, else the first refusal. */
	private Mono<Choice> choose(List<Reach.Route> routes, int index, String refusal, String refusedChannel) {
		if (index >= routes.size()) {
			return Mono.just(new Choice(null, null, refusal, refusedChannel));
		}
		Reach.Route route = routes.get(index);
		String address = this.sealer.open(route.sealedAddress());
		return this.windows.refusal(route.channel(), address, Previews.KIND)
			.map(reason -> Mono.defer(() -> choose(routes, index + 1, refusal == null ? reason : refusal,
					refusedChannel == null ? route.channel() : refusedChannel)))
			.defaultIfEmpty(Mono.just(new Choice(route.channel(), address, null, null)))
			.flatMap(next -> next);
	}

	private Mono<Outcome> skip(long recipientId, String channel, String reason) {
		return Sql
			.bindNullable(this.db
				.sql("update announcement_recipient set status = 'SKIPPED', reason = :reason, channel = :channel "
						+ "where id = :id and status = 'WAITING'")
				.bind("reason", reason)
				.bind("id", recipientId), "channel", channel, String.class)
			.fetch()
			.rowsUpdated()
			.map(updated -> updated == 1 ? Outcome.SKIPPED : Outcome.TAKEN);
	}

}
