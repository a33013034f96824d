package app.waymark.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.waymark.channel.Channels;
import app.waymark.people.AlertRoutes;

import org.springframework.stereotype.Component;

/** A worker may be alerted by any channel that reaches people later, or by e-mail. */
@Component
class AlertRouteNames implements AlertRoutes {

	private final Channels channels;

	AlertRouteNames(Channels channels) {
		this.channels = channels;
	}

	@Override
	public List<String> names() {
		List<String> names = new ArrayList<>();
		this.channels.reachingLater().forEach(name -> names.add(name.toUpperCase(Locale.ROOT)));
		names.add(AlertDelivery.EMAIL);
		return names;
	}

}
