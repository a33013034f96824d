package app.waymark.workerapp;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Open alerts about one young person on one subject (a safeguarding category, or the
 * reason when there is none), shown as one card: three "self-harm" messages in an hour
 * are one thing to act on, acknowledged together. Public so the templates can read it.
 *
 * @param alerts the open alerts, newest first
 * @param deadline when the group escalates if nobody acknowledges it, or null
 */
public record AlertGroup(List<Views.AlertRow> alerts, OffsetDateTime deadline) {

	/**
	 * Groups alerts, most urgent then newest first. An urgent alert without its own
	 * escalation time escalates {@code escalateAfter} after it was raised, as the alert
	 * feature does.
	 */
	static List<AlertGroup> of(List<Views.AlertRow> rows, Duration escalateAfter) {
		Map<String, List<Views.AlertRow>> byKey = rows.stream()
			.collect(Collectors.groupingBy(Views.AlertRow::groupKey, LinkedHashMap::new, Collectors.toList()));
		List<AlertGroup> groups = new ArrayList<>();
		byKey.values().forEach(members -> {
			List<Views.AlertRow> newestFirst = members.stream()
				.sorted(Comparator.comparing(Views.AlertRow::raised).thenComparing(Views.AlertRow::id).reversed())
				.toList();
			OffsetDateTime deadline = members.stream()
				.filter(a -> a.escalatedAt() == null)
				.map(a -> a.escalateAt() != null ? a.escalateAt()
						: a.urgent() ? a.createdAt().plus(escalateAfter) : null)
				.filter(Objects::nonNull)
				.min(Comparator.naturalOrder())
				.orElse(null);
			groups.add(new AlertGroup(newestFirst, deadline));
		});
		groups.sort(Comparator.comparing((AlertGroup g) -> g.urgent() ? 0 : 1)
			.thenComparing(Comparator.comparing(AlertGroup::raised).reversed()));
		return groups;
	}

	/** The newest alert's id: the card's handle. */
	public long id() {
		return this.alerts.getFirst().id();
	}

	/** The other alerts acknowledged with it. */
	public List<Long> others() {
		return this.alerts.stream().skip(1).map(Views.AlertRow::id).toList();
	}

	public boolean urgent() {
		return this.alerts.stream().anyMatch(Views.AlertRow::urgent);
	}

	/** How many times it was raised, repeats counted on one alert included. */
	public int count() {
		return this.alerts.stream().mapToInt(a -> Math.max(1, a.repeats())).sum();
	}

	public Long youngPersonId() {
		return this.alerts.getFirst().youngPersonId();
	}

	public String youngPersonName() {
		return this.alerts.getFirst().youngPersonName();
	}

	/** "Self-harm", "Nowhere safe tonight", "No way to reach them"... */
	public String topic() {
		Views.AlertRow newest = this.alerts.getFirst();
		return Words.alertTopic(newest.reason(), newest.category());
	}

	/** The reasons in words when the topic is a category, e.g. "Crisis message". */
	public String reasons() {
		return this.alerts.stream().map(a -> Words.reason(a.reason())).distinct().collect(Collectors.joining(", "));
	}

	/** The newest words the excerpt policy lets the card show, or null. */
	public String words() {
		return this.alerts.stream().map(Views.AlertRow::words).filter(Objects::nonNull).findFirst().orElse(null);
	}

	/** When it was last raised. */
	public OffsetDateTime raised() {
		return this.alerts.stream().map(Views.AlertRow::raised).max(Comparator.naturalOrder()).orElseThrow();
	}

	/** When it was first raised. */
	public OffsetDateTime first() {
		return this.alerts.stream().map(Views.AlertRow::createdAt).min(Comparator.naturalOrder()).orElseThrow();
	}

	public boolean escalated() {
		return this.alerts.stream().anyMatch(a -> a.escalatedAt() != null || "ESCALATED".equals(a.status()));
	}

	/** The first escalation, for "escalated 5 min ago". */
	public OffsetDateTime escalatedAt() {
		return this.alerts.stream()
			.map(Views.AlertRow::escalatedAt)
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder())
			.orElse(null);
	}

	/** Every id, space-separated, for the page's tests and scripts. */
	public String ids() {
		return this.alerts.stream().map(a -> String.valueOf(a.id())).collect(Collectors.joining(" "));
	}

}
