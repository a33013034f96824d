package app.waymark.alert;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import app.waymark.people.Access;
import app.waymark.system.BadRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Alerts for signed-in workers: the list they may see, one alert with its steps, and
 * acknowledging. An alert that exists but is not the caller's is 403, an unknown one 404.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertController {

	private static final Set<String> STATUSES = Set.of("OPEN", "ACKNOWLEDGED", "ESCALATED", "CLOSED");

	private final Alerts alerts;

	private final AlertQueries queries;

	private final Access access;

	AlertController(Alerts alerts, AlertQueries queries, Access access) {
		this.alerts = alerts;
		this.queries = queries;
		this.access = access;
	}

	record AlertView(long id, Long youngPersonId, String level, String reason, String category, String status,
			Long workerId, Long acknowledgedBy, OffsetDateTime createdAt, OffsetDateTime acknowledgedAt,
			OffsetDateTime escalateAt, OffsetDateTime escalatedAt, int repeatCount, OffsetDateTime lastRaisedAt,
			List<Alerts.AlertStep> steps) {

		static AlertView of(Alert alert, List<Alerts.AlertStep> steps) {
			return new AlertView(alert.id(), alert.youngPersonId(), alert.level().name(), alert.reason(),
					alert.category(), alert.status(), alert.workerId(), alert.acknowledgedBy(), alert.createdAt(),
					alert.acknowledgedAt(), alert.escalateAt(), alert.escalatedAt(), alert.repeatCount(),
					alert.lastRaisedAt(), steps);
		}

	}

	record Acknowledgement(long id, boolean acknowledged, String status, Long acknowledgedBy,
			OffsetDateTime acknowledgedAt) {
	}

	@GetMapping
	Flux<AlertView> list(Principal principal, @RequestParam(required = false) String status) {
		String wanted = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
		if (wanted != null && !STATUSES.contains(wanted)) {
			return Flux.error(new BadRequestException("status", "status must be one of " + STATUSES));
		}
		return this.access.caller(principal)
			.flatMapMany(caller -> this.queries.visible(caller, wanted))
			.map(alert -> AlertView.of(alert, null));
	}

	@GetMapping("/{id}")
	Mono<AlertView> one(Principal principal, @PathVariable long id) {
		return visible(principal, id)
			.flatMap(alert -> this.alerts.steps(id).collectList().map(steps -> AlertView.of(alert, steps)));
	}

	@PostMapping("/{id}/acknowledge")
	Mono<Acknowledgement> acknowledge(Principal principal, @PathVariable long id) {
		return this.access.caller(principal)
			.flatMap(caller -> visible(principal, id).flatMap(alert -> this.alerts.acknowledge(id, caller.id(), "api")))
			.flatMap(done -> this.alerts.find(id)
				.map(alert -> new Acknowledgement(id, done, alert.status(), alert.acknowledgedBy(),
						alert.acknowledgedAt())));
	}

	private Mono<Alert> visible(Principal principal, long id) {
		return this.access.caller(principal)
			.flatMap(caller -> this.alerts.find(id)
				.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such alert.")))
				.flatMap(alert -> this.queries.maySee(caller, id)
					.flatMap(visible -> visible ? Mono.just(alert) : Mono
						.error(new ResponseStatusException(HttpStatus.FORBIDDEN, "This alert is not yours to see.")))));
	}

}
