package app.waymark.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import app.waymark.channel.sms.TwilioStub;
import app.waymark.channel.telegram.TelegramStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits hold across instances: two whole Waymark instances on one PostgreSQL schema
 * share every bucket, so a client spreading its requests over both (as a load balancer
 * would) gets no more than from one. No proxy is trusted here, so a made-up
 * {@code X-Forwarded-For} changes nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedLimitsIntegrationTests {

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TelegramStub telegram = new TelegramStub();

	final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	TestDatabase database;

	WholeApplication a;

	WholeApplication b;

	@BeforeAll
	void start() {
		this.database = TestDatabase.create(TestDatabase.Kind.POSTGRES);
		twilio.acceptEverything();
		telegram.acceptEverything();
		this.a = instance("a");
		this.b = instance("b");
	}

	WholeApplication instance(String name) {
		Map<String, String> properties = WholeApplication.settings(this.database, twilio, telegram);
		properties.put("waymark.people.admin-email", ADMIN);
		properties.put("waymark.people.admin-password", PASSWORD);
		properties.put("waymark.outbound.enabled", "false");
		properties.put("waymark.checkin.enabled", "false");
		properties.put("waymark.limits.chat", "4/1m");
		properties.put("waymark.limits.link-codes", "2/1h");
		properties.put("waymark.limits.sign-in-account", "3/15m");
		return WholeApplication.start(name, properties);
	}

	@AfterAll
	void stop() {
		WholeApplication.closeAll(this.database, this.a, this.b);
	}

	@Test
	void theWebChatsLimitsAreSharedByBothInstances() throws Exception {
		// link-code guesses, a new conversation each, spread over both instances
		assertThat(chat(this.a, "ABCD-EF23", null).statusCode()).isEqualTo(200);
		assertThat(chat(this.b, "ABCD-EF24", null).statusCode()).isEqualTo(200);
		HttpResponse<String> third = chat(this.a, "ABCD-EF25", null);
		assertThat(third.statusCode()).isEqualTo(429);
		assertThat(third.headers().firstValue("Retry-After")).isPresent();
		// three messages so far; one more of the four a minute, then 429 on either
		assertThat(chat(this.b, "council tax", null).statusCode()).isEqualTo(200);
		for (WholeApplication instance : new WholeApplication[] { this.a, this.b }) {
			HttpResponse<String> refused = chat(instance, "council tax", null);
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
			// claiming to be someone else through an untrusted header changes nothing
			assertThat(chat(instance, "council tax", "203.0.113.77").statusCode()).isEqualTo(429);
			// and a crisis is still answered
			HttpResponse<String> crisis = chat(instance, "i want to kill myself", null);
			assertThat(crisis.statusCode()).isEqualTo(200);
			assertThat(crisis.body()).contains("\"articleId\":\"crisis-help\"");
		}
	}

	@Test
	void failedSignInsOnEitherInstanceLockTheAccountOnBoth() throws Exception {
		assertThat(basic(this.a, ADMIN, "wrong one").statusCode()).isEqualTo(401);
		assertThat(basic(this.b, ADMIN, "wrong two").statusCode()).isEqualTo(401);
		assertThat(basic(this.a, ADMIN, "wrong three").statusCode()).isEqualTo(401);
		for (WholeApplication instance : new WholeApplication[] { this.a, this.b }) {
			HttpResponse<String> locked = basic(instance, ADMIN, PASSWORD);
			assertThat(locked.statusCode()).isEqualTo(429);
			assertThat(locked.headers().firstValue("Retry-After")).isPresent();
		}
	}

	HttpResponse<String> chat(WholeApplication instance, String text, String forwardedFor) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(instance.base() + "/api/v1/chat"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\",\"language\":\"en\"}"));
		if (forwardedFor != null) {
			request.header("X-Forwarded-For", forwardedFor);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> basic(WholeApplication instance, String email, String password) throws Exception {
		String credentials = Base64.getEncoder()
			.encodeToString((email + ":" + password).getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(URI.create(instance.base() + "/api/v1/young-people"))
			.header("Authorization", "Basic " + credentials)
			.GET()
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
