package app.waymark.channel.whatsapp;

import java.util.Locale;

import app.waymark.channel.sms.SmsSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * WhatsApp through Twilio, bound from {@code waymark.whatsapp.*}. The account, token, API
 * address, public URL and time-out are the SMS channel's ({@link SmsSettings}): one
 * Twilio account carries both.
 *
 * @param from TWILIO_WHATSAPP_FROM, the WhatsApp sender as Twilio writes it
 * ({@code whatsapp:+447700900000}), or blank when a messaging service sends
 * @param messagingServiceSid TWILIO_WHATSAPP_MESSAGING_SERVICE_SID, a messaging service
 * whose sender pool holds the WhatsApp sender, used instead of {@code from}
 * @param rate WAYMARK_WHATSAPP_RATE: messages a second sent to Twilio
 * @param checkInTemplate TWILIO_WHATSAPP_TEMPLATE_CHECK_IN: the approved template
 * (Content SID, {@code HX...}) a check-in is sent as outside the 24-hour window
 * @param reminderTemplate TWILIO_WHATSAPP_TEMPLATE_REMINDER: the same for a check-in
 * reminder
 * @param workerReplyTemplate TWILIO_WHATSAPP_TEMPLATE_WORKER_REPLY: the same for a
 * worker's message to a young person
 * @param alertTemplate TWILIO_WHATSAPP_TEMPLATE_ALERT: the same for an alert to a worker
 * @param announcementTemplate TWILIO_WHATSAPP_TEMPLATE_ANNOUNCEMENT: the same for an
 * announcement (a marketing-category template: an event or news, not a reply)
 */
@ConfigurationProperties("waymark.whatsapp")
record WhatsAppSettings(@DefaultValue("") String from, @DefaultValue("") String messagingServiceSid,
		@DefaultValue("10") double rate, @DefaultValue("") String checkInTemplate,
		@DefaultValue("") String reminderTemplate, @DefaultValue("") String workerReplyTemplate,
		@DefaultValue("") String alertTemplate, @DefaultValue("") String announcementTemplate) {

	WhatsAppSettings {
		from = strip(from);
		messagingServiceSid = strip(messagingServiceSid);
		rate = rate > 0 ? rate : 10;
		checkInTemplate = strip(checkInTemplate);
		reminderTemplate = strip(reminderTemplate);
		workerReplyTemplate = strip(workerReplyTemplate);
		alertTemplate = strip(alertTemplate);
		announcementTemplate = strip(announcementTemplate);
		if (!from.isEmpty() && !from.toLowerCase(Locale.ROOT).startsWith(WhatsAppChannel.PREFIX)) {
			// Twilio needs the prefix to send by WhatsApp rather than by SMS.
			from = WhatsAppChannel.PREFIX + from;
		}
	}

	/** A sender is set and the Twilio account is. */
	boolean configured(SmsSettings twilio) {
		return !twilio.accountSid().isEmpty() && !twilio.authToken().isEmpty()
				&& (!this.from.isEmpty() || !this.messagingServiceSid.isEmpty());
	}

	/** Which settings are missing, by environment variable name (never values). */
	String missing(SmsSettings twilio) {
		StringBuilder out = new StringBuilder();
		if (twilio.accountSid().isEmpty()) {
			out.append("TWILIO_ACCOUNT_SID ");
		}
		if (twilio.authToken().isEmpty()) {
			out.append("TWILIO_AUTH_TOKEN ");
		}
		if (this.from.isEmpty() && this.messagingServiceSid.isEmpty()) {
			out.append("TWILIO_WHATSAPP_FROM or TWILIO_WHATSAPP_MESSAGING_SERVICE_SID");
		}
		return out.toString().strip();
	}

	/**
	 * The template a message of this kind is sent as outside the 24-hour window, or null
	 * when there is none (it then fails, and a check-in tries the plan's next channel).
	 */
	String template(String kind) {
		String sid = switch (kind == null ? "" : kind) {
			case "CHECK_IN" -> this.checkInTemplate;
			case "CHECK_IN_REMINDER" -> this.reminderTemplate;
			case "WORKER_REPLY" -> this.workerReplyTemplate;
			case "ALERT" -> this.alertTemplate;
			case "ANNOUNCEMENT" -> this.announcementTemplate;
			default -> "";
		};
		return sid.isEmpty() ? null : sid;
	}

	private static String strip(String value) {
		return value == null ? "" : value.strip();
	}

}
