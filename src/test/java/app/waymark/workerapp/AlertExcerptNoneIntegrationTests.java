package app.waymark.workerapp;

import java.time.OffsetDateTime;

import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A council that keeps young people's words off the alerts screen
 * ({@code waymark.workerapp.alert-excerpt=none}): the card says what and who, no words.
 */
@SpringBootTest
@AutoConfigureWebTestClient
class AlertExcerptNoneIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		registry.add("waymark.outbound.enabled", () -> "false");
		registry.add("waymark.workerapp.alert-excerpt", () -> "none");
	}

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	@Autowired
	Sealer sealer;

	@Autowired
	PasswordEncoder encoder;

	@Test
	void noWordsOfTheMessageAreShown() {
		Fixtures fx = new Fixtures(this.db, this.sealer);
		long ann = fx.worker("none-ann@example.org", "WORKER", "North", this.encoder.encode(PASSWORD));
		long yp = fx.youngPerson("N1", "Nia None", "North", ann);
		long message = fx.message(yp, "sms", "IN", "they took my phone and say I owe them", "REPLIED",
				OffsetDateTime.now().minusMinutes(3).toInstant().toString());
		long alert = fx.alert(yp, "URGENT", ann, OffsetDateTime.now().minusMinutes(3).toInstant().toString());
		this.db.sql("update alert set category = 'criminal-exploitation', message_id = :m where id = :id")
			.bind("m", message)
			.bind("id", alert)
			.then()
			.block();
		for (String path : new String[] { "/app/alerts", "/app/alerts/table" }) {
			String page = this.web.mutate()
				.defaultHeaders(h -> h.setBasicAuth("none-ann@example.org", PASSWORD))
				.build()
				.get()
				.uri(path)
				.accept(MediaType.TEXT_HTML)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(page).contains("data-alert=\"" + alert + "\"")
				.contains("Criminal exploitation")
				.contains("Nia None")
				.doesNotContain("phone")
				.doesNotContain("owe them")
				.doesNotContain("class=\"words\"");
		}
	}

}
