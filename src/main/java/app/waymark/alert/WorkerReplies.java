package app.waymark.alert;

import java.security.Principal;

import app.waymark.channel.Replies;
import app.waymark.people.Access;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A worker writing to a young person through the API, typically in answer to an alert.
 * The reply is sent, and audited, by {@link Replies}, as from the worker app.
 */
@RestController
class WorkerReplies {

	private final Access access;

	private final Replies replies;

	WorkerReplies(Access access, Replies replies) {
		this.access = access;
		this.replies = replies;
	}

	record ReplyRequest(String text) {
	}

	record Queued(long messageId, String channel) {
	}

	@PostMapping("/api/v1/young-people/{id}/replies")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Mono<Queued> reply(Principal principal, @PathVariable long id, @RequestBody(required = false) ReplyRequest body) {
		return this.access.caller(principal)
			.flatMap(caller -> this.access.youngPerson(caller, id)
				.then(this.replies.fromWorker(caller, id, body == null ? null : body.text())))
			.map(queued -> new Queued(queued.messageId(), queued.channel()));
	}

}
