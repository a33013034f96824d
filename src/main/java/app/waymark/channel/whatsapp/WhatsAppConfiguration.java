package app.waymark.channel.whatsapp;

import java.time.Clock;

import app.waymark.channel.sms.SmsSettings;
import app.waymark.system.Sealer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The WhatsApp sender exists only when the Twilio account and a WhatsApp sender are set;
 * without them the webhook answers 503 and nothing is sent by WhatsApp. One start-up line
 * says which (no secrets).
 */
@Configuration(proxyBeanMethods = false)
class WhatsAppConfiguration {

	private static final Logger log = LoggerFactory.getLogger(WhatsAppConfiguration.class);

	WhatsAppConfiguration(WhatsAppSettings settings, SmsSettings twilio) {
		if (settings.configured(twilio)) {
			log.info("WhatsApp channel on: {} messages/s, templates for {}", settings.rate(), templates(settings));
		}
		else {
			log.info("WhatsApp channel off: set {} to turn it on", settings.missing(twilio));
		}
	}

	@Bean
	WhatsAppSession whatsAppSession(DatabaseClient db, Sealer sealer, Clock clock) {
		return new WhatsAppSession(db, sealer, clock);
	}

	@Bean
	WhatsAppWindow whatsAppWindow(WhatsAppSession session, WhatsAppSettings settings) {
		return new WhatsAppWindow(session, settings);
	}

	@Bean
	@Conditional(Configured.class)
	WhatsAppSender whatsAppSender(WhatsAppSettings settings, SmsSettings twilio, WhatsAppSession session) {
		return new WhatsAppSender(settings, twilio, session);
	}

	private static String templates(WhatsAppSettings settings) {
		StringBuilder kinds = new StringBuilder();
		for (String kind : new String[] { "CHECK_IN", "CHECK_IN_REMINDER", "WORKER_REPLY", "ALERT", "ANNOUNCEMENT" }) {
			if (settings.template(kind) != null) {
				kinds.append(kinds.isEmpty() ? "" : ", ").append(kind);
			}
		}
		return kinds.isEmpty() ? "nothing (outside 24 hours nothing goes by WhatsApp)" : kinds.toString();
	}

	static final class Configured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			Binder binder = Binder.get(context.getEnvironment());
			SmsSettings twilio = binder.bind("waymark.sms", SmsSettings.class).orElse(null);
			WhatsAppSettings settings = binder.bind("waymark.whatsapp", WhatsAppSettings.class)
				.orElseGet(() -> new WhatsAppSettings("", "", 10, "", "", "", "", ""));
			return twilio != null && settings.configured(twilio);
		}

	}

}
