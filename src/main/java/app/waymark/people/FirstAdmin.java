package app.waymark.people;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator from {@code WAYMARK_ADMIN_EMAIL} and
 * {@code WAYMARK_ADMIN_PASSWORD} when no worker has that e-mail. There is no default
 * password: without both variables nobody is created.
 */
@Component
class FirstAdmin implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

	private final PeopleSettings settings;

	private final Workers workers;

	private final PasswordEncoder passwords;

	FirstAdmin(PeopleSettings settings, Workers workers, PasswordEncoder passwords) {
		this.settings = settings;
		this.workers = workers;
		this.passwords = passwords;
	}

	@Override
	public void run(ApplicationArguments args) {
		String email = this.settings.adminEmail().strip();
		String password = this.settings.adminPassword();
		if (email.isEmpty() || password.isBlank()) {
			log.info("No first administrator configured: set WAYMARK_ADMIN_EMAIL and WAYMARK_ADMIN_PASSWORD "
					+ "to create one at start-up.");
			return;
		}
		Boolean created = this.workers.byEmail(email)
			.map(existing -> false)
			.switchIfEmpty(
					this.workers.create("Administrator", email, Role.ADMIN, null, this.passwords.encode(password))
						.thenReturn(true))
			.block();
		if (Boolean.TRUE.equals(created)) {
			log.info("Created the first administrator from WAYMARK_ADMIN_EMAIL.");
		}
	}

}
