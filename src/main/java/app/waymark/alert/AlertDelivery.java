package app.waymark.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.waymark.channel.Channels;
import app.waymark.channel.Choice;
import app.waymark.channel.OutboundMessage;
import app.waymark.channel.OutboundQueue;
import app.waymark.people.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends an alert to people by the channels each chose: any channel that reaches people
 * later (SMS, Telegram) through the outbound queue (so a provider outage is retried, and
 * a final failure raises its own alert), e-mail over SMTP. Each send is an
 * {@code alert_event} SENT step; a worker none of whose chosen channels is linked gets a
 * NOT_SENT step so the gap is visible.
 */
@Component
class AlertDelivery {

	private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);

	/** The one alert route that is no channel: it goes over SMTP, not the queue. */
	static final String EMAIL = "EMAIL";

	/** The out-of-hours contact is a phone number, reached by text message. */
	static final String OUT_OF_HOURS_CHANNEL = "sms";

	private final Alerts alerts;

	private final AlertDirectory directory;

	private final OutboundQueue queue;

	private final AlertMail mail;

	private final AlertSettings settings;

	private final Channels channels;

	AlertDelivery(Alerts alerts, AlertDirectory directory, OutboundQueue queue, AlertMail mail, AlertSettings settings,
			Channels channels) {
		this.channels = channels;
		this.alerts = alerts;
		this.directory = directory;
		this.queue = queue;
		this.mail = mail;
		this.settings = settings;
	}

	@EventListener
	void on(AlertRaised raised) {
		deliverFirst(raised.alertId()).subscribe(sent -> log.info("Alert {} sent {} time(s)", raised.alertId(), sent),
				ex -> log.error("Alert {} could not be delivered: {}", raised.alertId(),
						ex.getClass().getSimpleName()));
	}

	/**
	 * The first delivery: to the addressee, or when nobody holds the young person (or the
	 * sender is unknown) to every on-duty worker and the out-of-hours contact.
	 */
	Mono<Integer> deliverFirst(long alertId) {
		return this.alerts.find(alertId).flatMap(alert -> {
			if (alert.workerId() != null) {
				return this.directory.worker(alert.workerId())
					.flatMap(worker -> deliver(alert, List.of(worker), false, false));
			}
			return this.directory.onDuty().collectList().flatMap(duty -> deliver(alert, duty, true, false));
		});
	}

	/** Sends the alert to these workers, and to the out-of-hours contact if asked. */
	Mono<Integer> deliver(Alert alert, List<Worker> workers, boolean outOfHoursContact, boolean escalation) {
		return text(alert, escalation).flatMap(text -> Flux.fromIterable(workers)
			.concatMap(worker -> toWorker(alert, worker, text))
			.concatWith(outOfHoursContact ? toOutOfHours(alert, text) : Mono.empty())
			.reduce(0, Integer::sum));
	}

	private Mono<Integer> toWorker(Alert alert, Worker worker, AlertText text) {
		return this.directory.addresses(worker.id()).flatMap(addresses -> {
			List<Mono<Integer>> sends = new ArrayList<>();
			for (String choice : channels(worker)) {
				String channel = choice.toLowerCase(Locale.ROOT);
				if (choice.equals(EMAIL)) {
					if (this.mail.enabled() && worker.email() != null) {
						sends.add(email(alert, worker.email(), text, worker.id(), "email"));
					}
				}
				else if (this.channels.reachesLater(channel)) {
					String address = addresses.get(channel);
					if (address != null && queueable(alert)) {
						sends.add(queue(alert, channel, address, text, worker.id()));
					}
				}
			}
			return Flux.concat(sends)
				.reduce(0, Integer::sum)
				.flatMap(sent -> sent > 0 ? Mono.just(sent)
						: this.alerts.step(alert.id(), "NOT_SENT", worker.id(), "no linked alert channel")
							.thenReturn(0));
		});
	}

	/**
	 * An alert about an alert that could not be delivered is never queued itself: if the
	 * channel is down, its own failure would raise another alert, and so on for ever. It
	 * goes by e-mail and shows in the alert list.
	 */
	static boolean queueable(Alert alert) {
		return !("DELIVERY_FAILED".equals(alert.reason()) && "alert".equals(alert.category()));
	}

	private Mono<Integer> toOutOfHours(Alert alert, AlertText text) {
		List<Mono<Integer>> sends = new ArrayList<>();
		if (!this.settings.outOfHoursPhone().isBlank() && queueable(alert)) {
			sends.add(queue(alert, OUT_OF_HOURS_CHANNEL, this.settings.outOfHoursPhone(), text, null));
		}
		if (!this.settings.outOfHoursEmail().isBlank() && this.mail.enabled()) {
			sends.add(email(alert, this.settings.outOfHoursEmail(), text, null, "out-of-hours email"));
		}
		return Flux.concat(sends).reduce(0, Integer::sum);
	}

	private Mono<Integer> queue(Alert alert, String channel, String address, AlertText text, Long workerId) {
		OutboundMessage message = new OutboundMessage(channel, address, text.body(), List.of(text.acknowledge()),
				OutboundMessage.Purpose.ALERT, alert.youngPersonId(), workerId, "ALERT");
		String detail = (workerId == null ? "out-of-hours " : "") + channel;
		return this.queue.enqueue(message).then(this.alerts.step(alert.id(), "SENT", workerId, detail)).thenReturn(1);
	}

	private Mono<Integer> email(Alert alert, String to, AlertText text, Long workerId, String detail) {
		return this.mail.send(to, text.subject(), text.email())
			.then(this.alerts.step(alert.id(), "SENT", workerId, detail))
			.thenReturn(1)
			.onErrorResume(ex -> {
				log.warn("Alert {} e-mail failed: {}", alert.id(), ex.getClass().getSimpleName());
				return this.alerts.step(alert.id(), "SEND_FAILED", workerId, detail).thenReturn(0);
			});
	}

	private static List<String> channels(Worker worker) {
		String chosen = worker.alertChannels() == null ? EMAIL : worker.alertChannels();
		return java.util.Arrays.stream(chosen.split(","))
			.map(c -> c.strip().toUpperCase(Locale.ROOT))
			.filter(c -> !c.isEmpty())
			.distinct()
			.toList();
	}

	private Mono<AlertText> text(Alert alert, boolean escalation) {
		Mono<String> name = alert.youngPersonId() == null ? Mono.just("an unknown sender")
				: this.directory.subject(alert.youngPersonId()).map(AlertDirectory.Subject::name).defaultIfEmpty("?");
		Mono<String> message = alert.messageId() == null ? Mono.just("")
				: this.directory.messageText(alert.messageId()).defaultIfEmpty("");
		return Mono.zip(name, message)
			.map(both -> new AlertText(alert, escalation, both.getT1(), both.getT2(),
					this.settings.link(alert.youngPersonId())));
	}

	/** One alert's words for each channel. */
	record AlertText(Alert alert, boolean escalation, String name, String message, String link) {

		String headline() {
			String reason = this.alert.reason().toLowerCase(Locale.ROOT).replace('_', ' ');
			String category = this.alert.category() == null ? "" : " (" + this.alert.category() + ")";
			return "Waymark " + this.alert.level().name() + " alert " + this.alert.id()
					+ (this.escalation ? " (ESCALATED, not yet acknowledged)" : "") + ": " + this.name + " - " + reason
					+ category + ".";
		}

		String body() {
			String quoted = this.message.isBlank() ? "" : "\n\"" + this.message + "\"";
			return headline() + quoted + "\nOpen: " + this.link;
		}

		/** A button where the channel has them, "Reply ACK 12" where it has not. */
		Choice acknowledge() {
			return new Choice("Acknowledge", "ack:" + this.alert.id(), "ACK " + this.alert.id());
		}

		String subject() {
			return "Waymark " + this.alert.level().name() + " alert " + this.alert.id()
					+ (this.escalation ? " (escalated)" : "");
		}

		String email() {
			return body() + "\n\nAcknowledge it in Waymark, or reply ACK " + this.alert.id()
					+ " from your linked phone.";
		}

	}

}
