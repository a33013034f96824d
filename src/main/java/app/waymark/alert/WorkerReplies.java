package app.waymark.alert;

import java.security.Principal;
import app.waymark.channel.Channels;
import app.waymark.channel.OutboundMessage;
import app.waymark.channel.OutboundQueue;
import app.waymark.people.Access;
import app.waymark.system.BadRequestException;
import app.waymark.system.Sealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * A worker writing to a young person through Waymark, typically in answer to an alert.
 * The reply goes by the young person's own linked channel, preferring the one they last
 * wrote from, and never to an address that opted out or stopped being reachable.
 */
@RestController
class WorkerReplies {

	private static final Logger log = LoggerFactory.getLogger(WorkerReplies.class);

	static final int MAX_LENGTH = 1600;

	private final Access access;

	private final DatabaseClient db;

	private final Sealer sealer;

	private final OutboundQueue queue;

	private final Channels channels;

	WorkerReplies(Access access, DatabaseClient db, Sealer sealer, OutboundQueue queue, Channels channels) {
		this.channels = channels;
		this.access = access;
		this.db = db;
		this.sealer = sealer;
		this.queue = queue;
	}

	record ReplyRequest(String text) {
	}

	record Queued(long messageId, String channel) {
	}

	private record Route(String channel, String address) {
	}

	@PostMapping("/api/v1/young-people/{id}/replies")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Queued> reply(Principal principal, @PathVariable long id, @RequestBody(required = false) ReplyRequest body) {
		String text = body == null || body.text() == null ? "" : body.text().strip();
		if (text.isEmpty()) {
			return Mono.error(new BadRequestException("text", "Write something to send."));
		}
		if (text.length() > MAX_LENGTH) {
			return Mono.error(new BadRequestException("text", "Keep it under " + MAX_LENGTH + " characters."));
		}
		return this.access.caller(principal)
			.flatMap(caller -> this.access.youngPerson(caller, id)
				.flatMap(person -> route(id)
					.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.CONFLICT,
							"This young person has no linked channel that accepts messages.")))
					.flatMap(route -> this.queue
						.enqueue(new OutboundMessage(route.channel(), route.address(), text, null,
								OutboundMessage.Purpose.WORKER_REPLY, id, caller.id(), "WORKER_REPLY"))
						.map(messageId -> {
							log.info("Worker {} replied to young person {} by {} (message {})", caller.id(), id,
									route.channel(), messageId);
							return new Queued(messageId, route.channel());
						}))));
	}

	/**
	 * The young person's linked identity on a channel that reaches people later,
	 * reachable and not opted out, the channel of their last inbound message first.
	 */
	private Mono<Route> route(long youngPersonId) {
		return this.db
			.sql("select i.channel, i.address_sealed from channel_identity i where i.young_person_id = :id "
					+ "and i.unreachable_at is null and i.channel in (:channels) "
					+ "and coalesce((select c.opted_in from consent c where c.channel = i.channel "
					+ "and c.address_hash = i.address_hash order by c.recorded_at desc, c.id desc limit 1), true) "
					+ "order by (select max(m.created_at) from message m where m.direction = 'IN' "
					+ "and m.young_person_id = i.young_person_id and m.channel = i.channel) desc nulls last, "
					+ "i.verified_at desc, i.id desc")
			.bind("id", youngPersonId)
			.bind("channels", this.channels.reachingLater())
			.map(row -> new Route(row.get("channel", String.class),
					this.sealer.open(row.get("address_sealed", String.class))))
			.first();
	}

}
