package app.waymark.workerapp;

import java.net.URI;
import java.security.Principal;

import app.waymark.people.CaseloadAccess;
import app.waymark.people.Role;
import app.waymark.people.Worker;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where an admin keeps the canned replies workers pick from: list, add, change, delete,
 * all on one page. Everyone else gets 403.
 */
@Controller
@RequestMapping("/app/canned-replies")
class CannedReplyController {

	private final CaseloadAccess access;

	private final CannedReplies canned;

	CannedReplyController(CaseloadAccess access, CannedReplies canned) {
		this.access = access;
		this.canned = canned;
	}

	@ModelAttribute("csrf")
	Mono<CsrfToken> csrf(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
		return token == null ? Mono.empty() : token;
	}

	@GetMapping
	Mono<Rendering> list(Principal principal) {
		return admin(principal).flatMap(admin -> this.canned.all()
			.collectList()
			.map(replies -> Rendering.view("app/canned-replies")
				.modelAttribute("worker", admin)
				.modelAttribute("replies", replies)
				.modelAttribute("maxTitle", CannedReplies.MAX_TITLE)
				.modelAttribute("maxBody", CannedReplies.MAX_BODY)
				.build()));
	}

	@PostMapping
	Mono<ResponseEntity<Void>> add(Principal principal, ServerWebExchange exchange) {
		return admin(principal)
			.flatMap(admin -> exchange.getFormData()
				.flatMap(form -> this.canned.add(first(form, "title"), first(form, "body"), admin.id()))
				.then(this.access.auditAdminChange(admin.id(), "ADD_CANNED_REPLY", "CANNED_REPLY", null)))
			.thenReturn(seeOther());
	}

	@PostMapping("/{id}")
	Mono<ResponseEntity<Void>> change(@PathVariable long id, Principal principal, ServerWebExchange exchange) {
		return admin(principal)
			.flatMap(admin -> exchange.getFormData()
				.flatMap(form -> this.canned.change(id, first(form, "title"), first(form, "body"), admin.id()))
				.then(this.access.auditAdminChange(admin.id(), "CHANGE_CANNED_REPLY", "CANNED_REPLY", "id " + id)))
			.thenReturn(seeOther());
	}

	@PostMapping("/{id}/delete")
	Mono<ResponseEntity<Void>> delete(@PathVariable long id, Principal principal) {
		return admin(principal)
			.flatMap(admin -> this.canned.delete(id)
				.then(this.access.auditAdminChange(admin.id(), "DELETE_CANNED_REPLY", "CANNED_REPLY", "id " + id)))
			.thenReturn(seeOther());
	}

	private Mono<Worker> admin(Principal principal) {
		return this.access.caller(principal)
			.filter(worker -> worker.role() == Role.ADMIN)
			.switchIfEmpty(Mono.error(
					new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an admin can change the canned replies.")));
	}

	private static String first(MultiValueMap<String, String> form, String key) {
		String value = form.getFirst(key);
		return value == null ? "" : value;
	}

	private static ResponseEntity<Void> seeOther() {
		return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/app/canned-replies")).build();
	}

}
