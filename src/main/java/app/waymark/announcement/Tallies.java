package app.waymark.announcement;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.TreeMap;

import app.waymark.channel.Channel;
import app.waymark.channel.Channels;
import app.waymark.channel.SendWindows;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * What became of one send, counted per recipient from their row, the message it became
 * (its status, updated by the providers' delivery reports) and the queue's last error.
 */
@Component
class Tallies {

	/** A reply counts when it comes within this long of the announcement. */
	static final Duration REPLY_WINDOW = Duration.ofDays(7);

	private final DatabaseClient db;

	private final Channels channels;

	Tallies(DatabaseClient db, Channels channels) {
		this.db = db;
		this.channels = channels;
	}

	/**
	 * @param recipients young people the audience held when it was sent
	 * @param waiting due later (their quiet hours), or not yet sent
	 * @param queued in the outbound queue, not yet taken by the provider
	 * @param sent taken by the provider, no delivery report yet
	 * @param delivered delivered (or taken by a channel with no reports)
	 * @param failed not delivered, with reasons in {@code failures}
	 * @param notSent left out, with reasons in {@code exclusions} (opted out, no channel,
	 * cancelled)
	 * @param replied recipients who wrote in within 7 days of it
	 * @param failures failure reasons and how many
	 * @param exclusions reasons for leaving out and how many
	 */
	record Tally(int recipients, int waiting, int queued, int sent, int delivered, int failed, int notSent, int replied,
			Map<String, Integer> failures, Map<String, Integer> exclusions) {

		static Tally none() {
			return new Tally(0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of());
		}

	}

	private record Row(long youngPersonId, String status, String reason, String channel, String messageStatus,
			OffsetDateTime queuedAt, String lastError) {
	}

	Mono<Tally> of(long sendId) {
		return this.db
			.sql("select r.young_person_id, r.status, r.reason, r.channel, m.status as message_status, "
					+ "m.created_at as queued_at, o.last_error from announcement_recipient r "
					+ "left join message m on m.id = r.message_id left join outbound o on o.message_id = r.message_id "
					+ "where r.send_id = :id")
			.bind("id", sendId)
			.map(row -> new Row(row.get("young_person_id", Long.class), row.get("status", String.class),
					row.get("reason", String.class), row.get("channel", String.class),
					row.get("message_status", String.class), row.get("queued_at", OffsetDateTime.class),
					row.get("last_error", String.class)))
			.all()
			.collectList()
			.flatMap(rows -> replies(sendId, rows).map(replied -> tally(rows, replied, this::reportsDelivery)));
	}

	/** Who wrote in within the window after their own message, by young person. */
	private Mono<Map<Long, List<OffsetDateTime>>> replies(long sendId, List<Row> rows) {
		OffsetDateTime first = rows.stream()
			.map(Row::queuedAt)
			.filter(at -> at != null)
			.min(OffsetDateTime::compareTo)
			.orElse(null);
		OffsetDateTime last = rows.stream()
			.map(Row::queuedAt)
			.filter(at -> at != null)
			.max(OffsetDateTime::compareTo)
			.orElse(null);
		if (first == null) {
			return Mono.just(Map.of());
		}
		return this.db
			.sql("select m.young_person_id, m.created_at from message m where m.direction = 'IN' "
					+ "and m.created_at >= :from and m.created_at < :to and m.young_person_id in "
					+ "(select r.young_person_id from announcement_recipient r where r.send_id = :id "
					+ "and r.message_id is not null)")
			.bind("from", first)
			.bind("to", last.plus(REPLY_WINDOW))
			.bind("id", sendId)
			.map(row -> Map.entry(row.get("young_person_id", Long.class), row.get("created_at", OffsetDateTime.class)))
			.all()
			.collectList()
			.map(entries -> {
				Map<Long, List<OffsetDateTime>> byPerson = new HashMap<>();
				entries.forEach(entry -> byPerson.computeIfAbsent(entry.getKey(), id -> new ArrayList<>())
					.add(entry.getValue()));
				return byPerson;
			});
	}

	/**
	 * Whether "sent" on this channel still waits for a delivery report; on a channel
	 * without reports a message it took has arrived, so it counts as delivered.
	 */
	private boolean reportsDelivery(String channel) {
		return this.channels.find(channel).map(Channel::reportsDelivery).orElse(false);
	}

	static Tally tally(List<Row> rows, Map<Long, List<OffsetDateTime>> inbound, Predicate<String> reportsDelivery) {
		int waiting = 0;
		int queued = 0;
		int sent = 0;
		int delivered = 0;
		int failed = 0;
		int notSent = 0;
		int replied = 0;
		Map<String, Integer> failures = new TreeMap<>();
		Map<String, Integer> exclusions = new TreeMap<>();
		for (Row row : rows) {
			switch (row.status()) {
				case "WAITING" -> waiting++;
				case "SKIPPED" -> {
					if (SendWindows.NEEDS_TEMPLATE.equals(row.reason())) {
						failed++;
						failures.merge(Previews.label(row.channel()) + ": " + row.reason(), 1, Integer::sum);
					}
					else {
						notSent++;
						exclusions.merge(row.reason() == null ? "not sent" : row.reason(), 1, Integer::sum);
					}
				}
				default -> {
					String status = row.messageStatus() == null ? "QUEUED" : row.messageStatus();
					switch (status) {
						case "DELIVERED", "READ" -> delivered++;
						case "SENT" -> {
							if (reportsDelivery.test(row.channel())) {
								sent++;
							}
							else {
								delivered++;
							}
						}
						case "FAILED", "UNDELIVERED", "CANCELED" -> {
							failed++;
							String reason = row.lastError() == null ? status.toLowerCase(java.util.Locale.ROOT)
									: row.lastError();
							failures.merge(Previews.label(row.channel()) + ": " + reason, 1, Integer::sum);
						}
						default -> queued++;
					}
					OffsetDateTime at = row.queuedAt();
					if (at != null && inbound.getOrDefault(row.youngPersonId(), List.of())
						.stream()
						.anyMatch(in -> !in.isBefore(at) && in.isBefore(at.plus(REPLY_WINDOW)))) {
						replied++;
					}
				}
			}
		}
		return new Tally(rows.size(), waiting, queued, sent, delivered, failed, notSent, replied, failures, exclusions);
	}

}
