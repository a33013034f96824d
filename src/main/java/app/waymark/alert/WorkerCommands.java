package app.waymark.alert;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import app.waymark.channel.WorkerCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * What a worker can text or tap back to Waymark from their linked phone or Telegram chat:
 * {@code ACK 1234} (or the Telegram button {@code ack:1234}) acknowledges alert 1234 if
 * the worker may see it. The inbox asks here first for every message from a linked
 * worker.
 */
@Component
public class WorkerCommands implements WorkerCommand {

	private static final Logger log = LoggerFactory.getLogger(WorkerCommands.class);

	private static final Pattern ACK = Pattern.compile("^\\s*ack\\s*[:#]?\\s*(\\d{1,18})\\s*[.!]?\\s*$",
			Pattern.CASE_INSENSITIVE);

	private final Alerts alerts;

	private final AlertDirectory directory;

	private final AlertQueries queries;

	WorkerCommands(Alerts alerts, AlertDirectory directory, AlertQueries queries) {
		this.alerts = alerts;
		this.directory = directory;
		this.queries = queries;
	}

	/** Whether the text is a worker command at all. */
	public static boolean isCommand(String text) {
		return text != null && ACK.matcher(text).matches();
	}

	@Override
	public boolean recognises(String text) {
		return isCommand(text);
	}

	/**
	 * Carries out a worker's command.
	 * @return the reply to send back, or empty when the text is no command
	 */
	@Override
	public Mono<String> carryOut(long workerId, String channel, String text) {
		Matcher ack = text == null ? null : ACK.matcher(text);
		if (ack == null || !ack.matches()) {
			return Mono.empty();
		}
		long alertId = Long.parseLong(ack.group(1));
		String notYours = "There is no alert " + alertId + " for you.";
		return this.directory.worker(workerId)
			.filter(worker -> worker.active())
			.flatMap(worker -> this.queries.maySee(worker, alertId))
			.defaultIfEmpty(false)
			.flatMap(mayAcknowledge -> {
				if (!mayAcknowledge) {
					return Mono.just(notYours);
				}
				return this.alerts.acknowledge(alertId, workerId, channel.toLowerCase(Locale.ROOT)).map(done -> {
					log.info("Alert {} acknowledgement by worker {} via {}: {}", alertId, workerId, channel,
							done ? "accepted" : "already acknowledged");
					return done ? "Alert " + alertId + " acknowledged. Thank you."
							: "Alert " + alertId + " was already acknowledged.";
				});
			});
	}

}
