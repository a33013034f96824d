package app.waymark.announcement;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.waymark.channel.Channels;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * How each young person can be reached by an announcement, from their linked channels:
 * nobody who has opted out on any of them (someone who texted STOP gets nothing, even on
 * another channel: a broadcast is the message they least asked for); otherwise their
 * reachable channels, the one they last wrote from first, then the channels' own order
 * (the web chat, which keeps it for their next visit, last).
 */
@Component
class Reach {

	/** Ids per query: a short IN list, well under every bind limit. */
	static final int IDS_PER_QUERY = 500;

	static final String OPTED_OUT = "opted out";

	static final String NO_CHANNEL = "no linked channel";

	private final DatabaseClient db;

	private final Channels channels;

	Reach(DatabaseClient db, Channels channels) {
		this.db = db;
		this.channels = channels;
	}

	/** One linked address that can take an announcement (sealed, as stored). */
	record Route(String channel, String sealedAddress) {

		@Override
		public String toString() {
			return "Route[" + this.channel + "]";
		}

	}

	/**
	 * How one young person can be reached: {@code excluded} says why not at all, else
	 * {@code routes} in order of preference.
	 */
	record Way(long youngPersonId, String excluded, List<Route> routes) {

		String channel() {
			return this.routes.isEmpty() ? null : this.routes.getFirst().channel();
		}

	}

	private record Identity(long youngPersonId, String channel, String sealed, boolean usable, boolean optedOut,
			OffsetDateTime lastIn) {
	}

	Mono<Map<Long, Way>> of(List<Long> youngPeople) {
		List<List<Long>> chunks = new ArrayList<>();
		for (int from = 0; from < youngPeople.size(); from += IDS_PER_QUERY) {
			chunks.add(youngPeople.subList(from, Math.min(youngPeople.size(), from + IDS_PER_QUERY)));
		}
		return Flux.fromIterable(chunks).concatMap(this::identities).collectList().map(all -> {
			Map<Long, List<Identity>> byPerson = new HashMap<>();
			all.forEach(identity -> byPerson.computeIfAbsent(identity.youngPersonId(), id -> new ArrayList<>())
				.add(identity));
			Map<Long, Way> ways = new HashMap<>();
			for (Long id : youngPeople) {
				ways.put(id, way(id, byPerson.getOrDefault(id, List.of())));
			}
			return ways;
		});
	}

	Mono<Way> of(long youngPersonId) {
		return of(List.of(youngPersonId)).map(ways -> ways.get(youngPersonId));
	}

	private Way way(long id, List<Identity> identities) {
		if (identities.stream().anyMatch(Identity::optedOut)) {
			return new Way(id, OPTED_OUT, List.of());
		}
		List<String> order = this.channels.holdingReplies();
		List<Route> routes = identities.stream()
			.filter(identity -> identity.usable() && order.contains(identity.channel()))
			.sorted(Comparator
				.comparing(Identity::lastIn, Comparator.nullsLast(Comparator.<OffsetDateTime>reverseOrder()))
				.thenComparing(identity -> order.indexOf(identity.channel())))
			.map(identity -> new Route(identity.channel(), identity.sealed()))
			.toList();
		return routes.isEmpty() ? new Way(id, NO_CHANNEL, routes) : new Way(id, null, routes);
	}

	private Flux<Identity> identities(List<Long> ids) {
		return this.db.sql("select i.young_person_id, i.channel, i.address_sealed, i.unreachable_at, "
				+ "(select c.opted_in from consent c where c.channel = i.channel and c.address_hash = i.address_hash "
				+ "order by c.recorded_at desc, c.id desc limit 1) as opted_in, "
				+ "(select max(m.created_at) from message m where m.direction = 'IN' "
				+ "and m.young_person_id = i.young_person_id and m.channel = i.channel) as last_in "
				+ "from channel_identity i where i.young_person_id in (:ids)")
			.bind("ids", ids)
			.map(row -> new Identity(row.get("young_person_id", Long.class), row.get("channel", String.class),
					row.get("address_sealed", String.class), row.get("unreachable_at", OffsetDateTime.class) == null,
					Boolean.FALSE.equals(row.get("opted_in", Boolean.class)), row.get("last_in", OffsetDateTime.class)))
			.all();
	}

}
