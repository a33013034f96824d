package app.waymark.people;

import java.util.concurrent.atomic.AtomicInteger;

import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in as an attacker tries it: many wrong passwords for one account (form and
 * Basic), many accounts from one address, e-mails that do not exist, and a session kept
 * after the password or role changed. Over real HTTP; the test's loopback is a trusted
 * proxy, so each case is its own client address through {@code X-Forwarded-For}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = { app.waymark.WaymarkApplication.class, SignInIntegrationTests.CountedPasswords.class },
		properties = { "waymark.limits.sign-in-account=5/15m", "waymark.limits.sign-in-address=8/15m",
				"waymark.security.trusted-proxies=127.0.0.1,::1", "waymark.outbound.enabled=false" })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class SignInIntegrationTests {

	static final AtomicInteger clients = new AtomicInteger();

	static final AtomicInteger passwordChecks = new AtomicInteger();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	/** The application's password encoder, counting how often a password is checked. */
	@TestConfiguration(proxyBeanMethods = false)
	static class CountedPasswords {

		@Bean
		@Primary
		PasswordEncoder countedPasswordEncoder() {
			PasswordEncoder real = PasswordEncoderFactories.createDelegatingPasswordEncoder();
			return new PasswordEncoder() {

				@Override
				public String encode(CharSequence raw) {
					return real.encode(raw);
				}

				@Override
				public boolean matches(CharSequence raw, String encoded) {
					passwordChecks.incrementAndGet();
					return real.matches(raw, encoded);
				}

			};
		}

	}

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	@Test
	void wrongPasswordsLockTheAccountWith429AndAnAuditEventWhateverTheAddress(CapturedOutput output) {
		long id = Staff.createWorker(this.web, "locked@example.org", "WORKER", "North");
		for (int i = 0; i < 5; i++) {
			// a new address each time: the account's own limit still counts them
			basic("locked@example.org", "wrong password " + i, newClient()).expectStatus().isUnauthorized();
		}
		// now even the right password is refused, by Basic and by the form
		basic("locked@example.org", PASSWORD, newClient()).expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.value("Retry-After", seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 15 * 60L))
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(429);
		Staff.signIn(this.web, "locked@example.org", PASSWORD, newClient())
			.expectStatus()
			.isEqualTo(429)
			.expectHeader()
			.exists("Retry-After");
		assertThat(audits("SIGN_IN_LOCKED", id)).isOne();
		assertThat(output.getAll()).contains("Sign-in failed for account " + id)
			.doesNotContain("locked@example.org")
			.doesNotContain("wrong password");
		// other accounts are not affected
		basic(ADMIN, PASSWORD, newClient()).expectStatus().isOk();
	}

	@Test
	void formSignInFailuresCountTooAndSayNothingAboutTheAccount() {
		Staff.createWorker(this.web, "form@example.org", "WORKER", "North");
		for (int i = 0; i < 5; i++) {
			Staff.signIn(this.web, "form@example.org", "nope " + i, newClient())
				.expectStatus()
				.is3xxRedirection()
				.expectHeader()
				.valueMatches("Location", ".*/login\\?error");
		}
		Staff.signIn(this.web, "form@example.org", PASSWORD, newClient()).expectStatus().isEqualTo(429);
	}

	@Test
	void manyAccountsTriedFromOneAddressLockThatAddress() {
		String attacker = newClient();
		for (int i = 0; i < 8; i++) {
			basic("nobody" + i + "@example.org", "guess", attacker).expectStatus().isUnauthorized();
		}
		basic(ADMIN, PASSWORD, attacker).expectStatus().isEqualTo(429).expectHeader().exists("Retry-After");
		basic(ADMIN, PASSWORD, newClient()).expectStatus().isOk();
	}

	@Test
	void anUnknownAccountCostsOnePasswordCheckLikeAWrongPassword() {
		Staff.createWorker(this.web, "known@example.org", "WORKER", "North");
		int before = passwordChecks.get();
		basic("known@example.org", "wrong", newClient()).expectStatus().isUnauthorized();
		int known = passwordChecks.get() - before;
		before = passwordChecks.get();
		basic("unknown@example.org", "wrong", newClient()).expectStatus().isUnauthorized();
		int unknown = passwordChecks.get() - before;
		assertThat(known).isOne();
		assertThat(unknown).as("an unknown e-mail is checked against a dummy hash, taking as long").isOne();
		// an account that signs in only by OpenID Connect has no password to match
		Staff.as(this.web, ADMIN)
			.post()
			.uri("/api/v1/workers")
			.bodyValue(java.util.Map.of("name", "Oidc Only", "email", "oidc-only@example.org", "role", "WORKER"))
			.exchange()
			.expectStatus()
			.isCreated();
		before = passwordChecks.get();
		basic("oidc-only@example.org", "", newClient()).expectStatus().isUnauthorized();
		assertThat(passwordChecks.get() - before).isOne();
	}

	@Test
	void aPasswordResetOrRoleChangeEndsTheWorkersSessions() {
		long id = Staff.createWorker(this.web, "session@example.org", "MANAGER", "North");
		String session = Staff.session(this.web, "session@example.org", PASSWORD);
		withSession(session, "/api/v1/workers/" + id).expectStatus().isOk();
		// an admin resets the password: the old session is over
		Staff.as(this.web, ADMIN)
			.patch()
			.uri("/api/v1/workers/" + id)
			.bodyValue(java.util.Map.of("password", "a brand new password"))
			.exchange()
			.expectStatus()
			.isOk();
		withSession(session, "/api/v1/workers/" + id).expectStatus().isUnauthorized();
		String again = Staff.session(this.web, "session@example.org", "a brand new password");
		withSession(again, "/api/v1/workers").expectStatus().isOk();
		// the role is lowered: that session is over too
		Staff.as(this.web, ADMIN)
			.patch()
			.uri("/api/v1/workers/" + id)
			.bodyValue(java.util.Map.of("role", "WORKER"))
			.exchange()
			.expectStatus()
			.isOk();
		withSession(again, "/api/v1/workers").expectStatus().isUnauthorized();
		// a change that is neither keeps it
		String third = Staff.session(this.web, "session@example.org", "a brand new password");
		Staff.as(this.web, ADMIN)
			.patch()
			.uri("/api/v1/workers/" + id)
			.bodyValue(java.util.Map.of("workingHours", "08:00-16:00"))
			.exchange()
			.expectStatus()
			.isOk();
		withSession(third, "/api/v1/workers/" + id).expectStatus().isOk();
	}

	WebTestClient.ResponseSpec withSession(String session, String path) {
		return this.web.get().uri(path).cookie("SESSION", session).exchange();
	}

	WebTestClient.ResponseSpec basic(String email, String password, String client) {
		return this.web.get().uri("/api/v1/young-people").headers(headers -> {
			headers.setBasicAuth(email, password);
			headers.set("X-Forwarded-For", client);
		}).exchange();
	}

	long audits(String action, long subject) {
		return this.db.sql("select count(*) as n from audit_event where action = :action and subject_id = :id")
			.bind("action", action)
			.bind("id", subject)
			.map(row -> row.get("n", Long.class))
			.one()
			.block();
	}

	static String newClient() {
		return "198.51.100." + clients.incrementAndGet();
	}

}
