package app.waymark.channel.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The SMS sender exists only when Twilio is configured; without it the webhooks answer
 * 503 and nothing is sent by SMS. One start-up line says which (no secrets).
 */
@Configuration(proxyBeanMethods = false)
class SmsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SmsConfiguration.class);

	SmsConfiguration(SmsSettings settings) {
		if (settings.configured()) {
			log.info("SMS channel on: Twilio API at {}, {} messages/s, public webhook base {}", settings.apiBaseUrl(),
					settings.rate(), settings.publicBaseUrl().isEmpty() ? "(not set)" : settings.publicBaseUrl());
		}
		else {
			log.info("SMS channel off: set {} to turn it on", settings.missing());
		}
	}

	@Bean
	@Conditional(Configured.class)
	TwilioSender twilioSender(SmsSettings settings) {
		return new TwilioSender(settings);
	}

	static final class Configured implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return Binder.get(context.getEnvironment())
				.bind("waymark.sms", SmsSettings.class)
				.map(SmsSettings::configured)
				.orElse(false);
		}

	}

}
