package app.waymark.channel;

import java.time.OffsetDateTime;
import java.util.List;

import app.waymark.people.CaseloadAccess;
import app.waymark.people.Worker;
import app.waymark.system.BadRequestException;
import app.waymark.system.Sealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * A worker's reply to a young person, the one way it is sent whether it comes from the
 * API or the worker app: the same length limit, the same choice of channel, always
 * audited. The caller has already checked the worker may see this young person.
 *
 * <p>
 * The channel is the young person's own linked identity on a channel that holds replies,
 * reachable and not opted out: the one they last wrote from first (they are there now),
 * then their check-in plan's order, then the channels' own order (the web chat, which
 * waits for their next visit, last).
 */
@Component
public class Replies {

	private static final Logger log = LoggerFactory.getLogger(Replies.class);

	/** Longest reply: a few SMS segments, well inside every channel's own limit. */
	public static final int MAX_LENGTH = 1000;

	private final DatabaseClient db;

	private final Sealer sealer;

	private final OutboundQueue queue;

	private final Channels channels;

	private final CaseloadAccess access;

	public Replies(DatabaseClient db, Sealer sealer, OutboundQueue queue, Channels channels, CaseloadAccess access) {
		this.db = db;
		this.sealer = sealer;
		this.queue = queue;
		this.channels = channels;
		this.access = access;
	}

	/** A reply queued on {@code channel}, under message log id {@code messageId}. */
	public record Queued(long messageId, String channel) {
	}

	/** Where a reply to this young person would go now, if anywhere. */
	public record Address(String channel, String address) {

		@Override
		public String toString() {
			return "Address[" + this.channel + "]";
		}

	}

	/**
	 * Queues and audits the reply; 400 for an empty or too long text, 409 when the young
	 * person has no channel a reply can reach.
	 */
	public Mono<Queued> fromWorker(Worker worker, long youngPersonId, String text) {
		String reply = text == null ? "" : text.strip();
		if (reply.isEmpty()) {
			return Mono.error(new BadRequestException("text", "Write something to send."));
		}
		if (reply.length() > MAX_LENGTH) {
			return Mono.error(new BadRequestException("text", "Keep it under " + MAX_LENGTH + " characters."));
		}
		return address(youngPersonId)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
					"This young person has no linked channel that accepts messages.")))
			.flatMap(address -> this.queue
				.enqueue(new OutboundMessage(address.channel(), address.address(), reply, null,
						OutboundMessage.Purpose.WORKER_REPLY, youngPersonId, worker.id(), "WORKER_REPLY"))
				.flatMap(messageId -> this.access.audit(worker, "REPLY", "YOUNG_PERSON", youngPersonId)
					.thenReturn(new Queued(messageId, address.channel())))
				.doOnNext(queued -> log.info("Worker {} replied to young person {} by {} (message {})", worker.id(),
						youngPersonId, queued.channel(), queued.messageId())));
	}

	/** Where {@link #fromWorker} would send a reply now; empty when nowhere. */
	public Mono<Address> address(long youngPersonId) {
		return this.db.sql("select i.channel, i.address_sealed, "
				+ "(select max(m.created_at) from message m where m.direction = 'IN' "
				+ "and m.young_person_id = i.young_person_id and m.channel = i.channel) as last_in, "
				+ "(select p.channel_order from check_in_plan p where p.young_person_id = i.young_person_id) as plan "
				+ "from channel_identity i where i.young_person_id = :id and i.unreachable_at is null "
				+ "and i.channel in (:channels) "
				+ "and coalesce((select c.opted_in from consent c where c.channel = i.channel "
				+ "and c.address_hash = i.address_hash order by c.recorded_at desc, c.id desc limit 1), true) "
				+ "order by i.id")
			.bind("id", youngPersonId)
			.bind("channels", this.channels.holdingReplies())
			.map(row -> new Candidate(row.get("channel", String.class), row.get("address_sealed", String.class),
					row.get("last_in", OffsetDateTime.class), row.get("plan", String.class)))
			.all()
			.sort(this::preferred)
			.next()
			.map(candidate -> new Address(candidate.channel(), this.sealer.open(candidate.sealedAddress())));
	}

	private record Candidate(String channel, String sealedAddress, OffsetDateTime lastIn, String plan) {
	}

	private int preferred(Candidate a, Candidate b) {
		if (a.lastIn() != null || b.lastIn() != null) {
			if (a.lastIn() == null) {
				return 1;
			}
			if (b.lastIn() == null) {
				return -1;
			}
			int newer = b.lastIn().compareTo(a.lastIn());
			if (newer != 0) {
				return newer;
			}
		}
		return Integer.compare(rank(a), rank(b));
	}

	private int rank(Candidate candidate) {
		List<String> defaults = this.channels.holdingReplies();
		List<String> order = candidate.plan() == null ? defaults : List.of(candidate.plan().split(","));
		int index = order.indexOf(candidate.channel());
		int fallback = defaults.indexOf(candidate.channel());
		return index >= 0 ? index : 100 + Math.max(0, fallback);
	}

}
