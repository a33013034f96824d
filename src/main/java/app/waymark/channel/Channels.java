package app.waymark.channel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The channels Waymark has, from the {@link Channel} beans, in order of preference (bean
 * order). Every place that lists channels asks here, so a new channel package is all it
 * takes to add one.
 */
@Component("channelRegistry") // "channels" is the health indicator's name
public class Channels {

	private final Map<String, Channel> byName = new LinkedHashMap<>();

	public Channels(List<Channel> channels) {
		for (Channel channel : channels) {
			if (this.byName.putIfAbsent(channel.name(), channel) != null) {
				throw new IllegalStateException("Two channels are named " + channel.name());
			}
		}
	}

	public Optional<Channel> find(String name) {
		return Optional.ofNullable(name == null ? null : this.byName.get(name.toLowerCase(Locale.ROOT)));
	}

	/** Every channel's name, preferred first. */
	public List<String> names() {
		return List.copyOf(this.byName.keySet());
	}

	/**
	 * The channels that can reach a person at any time (not only in answer to a request),
	 * preferred first: the ones check-ins, alerts and worker replies may use.
	 */
	public List<String> reachingLater() {
		return this.byName.values().stream().filter(Channel::sendsLater).map(Channel::name).toList();
	}

	/**
	 * The channels a worker's reply may go by: those that reach later, then those that
	 * keep it for the person's next visit.
	 */
	public List<String> holdingReplies() {
		return this.byName.values().stream().filter(Channel::holdsReplies).map(Channel::name).toList();
	}

	public boolean reachesLater(String name) {
		return find(name).map(Channel::sendsLater).orElse(false);
	}

	/** The check-in order of a plan nobody has set: every channel that reaches later. */
	public String defaultOrder() {
		return String.join(",", reachingLater());
	}

	/**
	 * Every order a plan may try channels in: each arrangement of one or more of the
	 * channels that reach later, longest first.
	 */
	public List<String> orders() {
		List<String> later = reachingLater();
		List<String> orders = new ArrayList<>();
		for (int size = later.size(); size >= 1; size--) {
			arrange(later, size, new ArrayList<>(), orders);
		}
		return orders;
	}

	private static void arrange(List<String> from, int size, List<String> chosen, List<String> into) {
		if (chosen.size() == size) {
			into.add(String.join(",", chosen));
			return;
		}
		for (String name : from) {
			if (!chosen.contains(name)) {
				chosen.add(name);
				arrange(from, size, chosen, into);
				chosen.remove(chosen.size() - 1);
			}
		}
	}

	/**
	 * The message as its channel sends it; a channel nobody knows gets it as it is (its
	 * sender, if any, is a test's).
	 */
	Channel.Rendered render(OutboundMessage message) {
		return find(message.channel()).map(channel -> channel.render(message))
			.orElseGet(() -> new Channel.Rendered(message.text(), null));
	}

}
