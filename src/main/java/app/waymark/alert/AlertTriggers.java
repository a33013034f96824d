package app.waymark.alert;

import app.waymark.channel.ChatUnreachable;
import app.waymark.channel.DangerSignalled;
import app.waymark.channel.DeliveryFailed;
import app.waymark.channel.DeliveryFailureHandler;
import app.waymark.channel.HandoverRequested;
import app.waymark.channel.IncidentHandler;
import app.waymark.channel.MessageMissed;
import app.waymark.people.Reallocated;
import app.waymark.safeguarding.RiskLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What raises an alert. A message in danger raises its URGENT alert inside the inbound
 * handling, before the provider hears back; failed deliveries and unreachable chats are
 * handed over from the delivery failure outbox.
 */
@Component
class AlertTriggers implements IncidentHandler, DeliveryFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(AlertTriggers.class);

	private final Alerts alerts;

	AlertTriggers(Alerts alerts) {
		this.alerts = alerts;
	}

	@Override
	public Mono<Void> on(DangerSignalled incident) {
		boolean crisis = incident.level() == RiskLevel.CRISIS;
		return this.alerts
			.raise(new NewAlert(incident.youngPersonId(), crisis ? AlertLevel.URGENT : AlertLevel.NORMAL,
					crisis ? "CRISIS" : "CONCERN", incident.category(), incident.messageId(), incident.client(),
					incident.detectedBy(), incident.evidence()))
			.then();
	}

	@Override
	public Mono<Void> on(HandoverRequested request) {
		return this.alerts
			.raise(new NewAlert(request.youngPersonId(), AlertLevel.NORMAL, "ASKED_FOR_WORKER", null,
					request.messageId()))
			.then();
	}

	@Override
	public Mono<Void> on(MessageMissed missed) {
		boolean crisis = missed.level() == RiskLevel.CRISIS;
		return this.alerts
			.raise(new NewAlert(missed.youngPersonId(), crisis ? AlertLevel.URGENT : AlertLevel.NORMAL, "UNANSWERED",
					missed.category(), missed.messageId()))
			.then();
	}

	/**
	 * Called from the delivery failure outbox until it succeeds; a second call for the
	 * same failure counts as a repeat of the open alert rather than a new one.
	 */
	@Override
	public Mono<Void> on(DeliveryFailed failed) {
		return this.alerts
			.raise(new NewAlert(failed.youngPersonId(), AlertLevel.NORMAL, "DELIVERY_FAILED",
					failed.purpose().name().toLowerCase(java.util.Locale.ROOT), failed.messageId()))
			.doOnNext(raised -> log.info("Alert {} raised: {}", raised.id(), raised.reason()))
			.then();
	}

	/**
	 * Called from the outbox like {@link #on(DeliveryFailed)}. Only a young person's chat
	 * raises one: an alert that cannot reach a worker raises DELIVERY_FAILED instead.
	 */
	@Override
	public Mono<Void> on(ChatUnreachable unreachable) {
		if (unreachable.youngPersonId() == null) {
			return Mono.empty();
		}
		return this.alerts
			.raise(new NewAlert(unreachable.youngPersonId(), AlertLevel.NORMAL, "UNREACHABLE", unreachable.channel(),
					null))
			.doOnNext(raised -> log.info("Alert {} raised: {}", raised.id(), raised.reason()))
			.then();
	}

	@EventListener
	void on(Reallocated moved) {
		this.alerts.followAllocation(moved.youngPersonId(), moved.workerId())
			.subscribe(id -> log.info("Alert {} follows its young person to worker {}", id, moved.workerId()),
					ex -> log.error("Could not move alerts to the new worker: {}", ex.getClass().getSimpleName()));
	}

}
