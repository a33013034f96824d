package app.waymark.checkin;

import java.security.Principal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import app.waymark.people.Callers;
import app.waymark.channel.Channels;
import app.waymark.system.BadRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A young person's check-in plan and history, for a worker who may see them.
 */
@RestController
@RequestMapping("/api/v1/young-people/{id}")
class CheckInController {

	private final Callers callers;

	private final DatabaseClient db;

	private final CheckInPlans plans;

	private final Channels channels;

	CheckInController(Callers callers, DatabaseClient db, CheckInPlans plans, Channels channels) {
		this.channels = channels;
		this.callers = callers;
		this.db = db;
		this.plans = plans;
	}

	/**
	 * @param frequency WEEKLY, FORTNIGHTLY, FOUR_WEEKLY, MONTHLY or PAUSED
	 * @param channelOrder channels to try, first first
	 * @param nextDueAt when the next check-in is due, or null before the first plan
	 */
	record PlanView(String frequency, List<String> channelOrder, OffsetDateTime nextDueAt) {
	}

	record PlanRequest(String frequency, List<String> channelOrder) {
	}

	record CheckInView(long id, String channel, String status, String answer, OffsetDateTime sentAt,
			OffsetDateTime remindedAt, OffsetDateTime answeredAt, OffsetDateTime closedAt) {
	}

	@GetMapping("/check-in-plan")
	Mono<PlanView> plan(@PathVariable long id, Principal principal) {
		return visible(id, principal).then(find(id))
			.defaultIfEmpty(
					new PlanView(Frequency.FOUR_WEEKLY.name(), List.of(this.channels.defaultOrder().split(",")), null));
	}

	@PutMapping("/check-in-plan")
	Mono<PlanView> update(@PathVariable long id, @RequestBody PlanRequest request, Principal principal) {
		Frequency frequency = frequency(request == null ? null : request.frequency());
		String order = order(request.channelOrder());
		return visible(id, principal).then(this.plans.change(id, frequency, order)).then(find(id));
	}

	@GetMapping("/check-ins")
	Flux<CheckInView> history(@PathVariable long id, Principal principal) {
		return visible(id, principal).thenMany(this.db
			.sql("select id, channel, status, answer, sent_at, reminded_at, answered_at, closed_at from check_in "
					+ "where young_person_id = :id order by sent_at desc, id desc limit 200")
			.bind("id", id)
			.map(row -> new CheckInView(row.get("id", Long.class), row.get("channel", String.class),
					row.get("status", String.class), row.get("answer", String.class),
					row.get("sent_at", OffsetDateTime.class), row.get("reminded_at", OffsetDateTime.class),
					row.get("answered_at", OffsetDateTime.class), row.get("closed_at", OffsetDateTime.class)))
			.all());
	}

	private Mono<Void> visible(long id, Principal principal) {
		return this.callers.of(principal).flatMap(caller -> this.callers.youngPerson(caller, id)).then();
	}

	private Mono<PlanView> find(long id) {
		return this.db
			.sql("select frequency, channel_order, next_due_at from check_in_plan where young_person_id = :id")
			.bind("id", id)
			.map(row -> new PlanView(row.get("frequency", String.class),
					List.of(row.get("channel_order", String.class).split(",")),
					row.get("next_due_at", OffsetDateTime.class)))
			.one();
	}

	static Frequency frequency(String value) {
		if (value == null || value.isBlank()) {
			throw new BadRequestException("frequency",
					"Give a frequency: WEEKLY, FORTNIGHTLY, FOUR_WEEKLY, MONTHLY " + "or PAUSED.");
		}
		try {
			return Frequency.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new BadRequestException("frequency",
					"Unknown frequency; use WEEKLY, FORTNIGHTLY, FOUR_WEEKLY, MONTHLY or PAUSED.");
		}
	}

	String order(List<String> channels) {
		if (channels == null || channels.isEmpty()) {
			return this.channels.defaultOrder();
		}
		Set<String> order = new LinkedHashSet<>();
		for (String channel : channels) {
			String normal = channel == null ? "" : channel.strip().toLowerCase(Locale.ROOT);
			if (!this.channels.reachesLater(normal)) {
				throw new BadRequestException("channelOrder",
						"Channels may be " + String.join(", ", this.channels.reachingLater()) + ".");
			}
			order.add(normal);
		}
		return String.join(",", new ArrayList<>(order));
	}

}
