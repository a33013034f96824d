package app.waymark.alert;

import java.util.Properties;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Alert e-mails over SMTP. Built from {@code WAYMARK_SMTP_*} rather than Boot's mail
 * auto-configuration so an empty host plainly means "no e-mail". Sending blocks, so it
 * runs on the bounded elastic scheduler.
 */
@Component
class AlertMail {

	private final AlertSettings.Smtp smtp;

	private final JavaMailSenderImpl sender;

	AlertMail(AlertSettings settings) {
		this.smtp = settings.smtp();
		this.sender = new JavaMailSenderImpl();
		if (this.smtp.enabled()) {
			this.sender.setHost(this.smtp.host());
			this.sender.setPort(this.smtp.port());
			this.sender.setDefaultEncoding("UTF-8");
			Properties properties = this.sender.getJavaMailProperties();
			properties.put("mail.smtp.connectiontimeout", "10000");
			properties.put("mail.smtp.timeout", "10000");
			if (!this.smtp.username().isBlank()) {
				this.sender.setUsername(this.smtp.username());
				this.sender.setPassword(this.smtp.password());
				properties.put("mail.smtp.auth", "true");
				properties.put("mail.smtp.starttls.enable", "true");
			}
		}
	}

	boolean enabled() {
		return this.smtp.enabled();
	}

	Mono<Void> send(String to, String subject, String body) {
		if (!enabled() || to == null || to.isBlank()) {
			return Mono.empty();
		}
		return Mono.<Void>fromRunnable(() -> {
			SimpleMailMessage message = new SimpleMailMessage();
			message.setFrom(this.smtp.from());
			message.setTo(to);
			message.setSubject(subject);
			message.setText(body);
			this.sender.send(message);
		}).subscribeOn(Schedulers.boundedElastic());
	}

}
