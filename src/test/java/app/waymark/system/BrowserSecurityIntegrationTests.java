package app.waymark.system;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a signed-in worker's browser is protected by: cross-site calls to the API on the
 * session cookie are refused, every page carries a Content-Security-Policy, and behind a
 * trusted TLS proxy responses carry HSTS and the session cookie is {@code Secure}. Over
 * real HTTP; the test's loopback is the trusted proxy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "waymark.security.trusted-proxies=127.0.0.1,::1", "waymark.outbound.enabled=false" })
@AutoConfigureWebTestClient
class BrowserSecurityIntegrationTests {

	static final String UNPUBLISH = "/api/v1/admin/articles/national/council-tax/unpublish";

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	@Autowired
	WebTestClient web;

	@LocalServerPort
	int port;

	@Test
	void aCrossSitePostOnTheSessionCookieIsRefused() {
		String session = Staff.session(this.web, ADMIN, PASSWORD);
		// another site's page makes the admin's browser unpublish an article
		this.web.post()
			.uri(UNPUBLISH)
			.cookie("SESSION", session)
			.header("Origin", "https://evil.example")
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403);
		assertThat(published()).as("still published").isTrue();
		// ... or acknowledge an alert; and a call that names no origin at all
		this.web.post()
			.uri("/api/v1/alerts/999999/acknowledge")
			.cookie("SESSION", session)
			.header("Origin", "https://evil.example")
			.exchange()
			.expectStatus()
			.isForbidden();
		this.web.post()
			.uri("/api/v1/alerts/999999/acknowledge")
			.cookie("SESSION", session)
			.exchange()
			.expectStatus()
			.isForbidden();
		this.web.post()
			.uri("/api/v1/alerts/999999/acknowledge")
			.cookie("SESSION", session)
			.header("Referer", "https://evil.example/page")
			.exchange()
			.expectStatus()
			.isForbidden();
		// Waymark's own pages may (404: there is no such alert)
		this.web.post()
			.uri("/api/v1/alerts/999999/acknowledge")
			.cookie("SESSION", session)
			.header("Origin", "http://localhost:" + this.port)
			.exchange()
			.expectStatus()
			.isNotFound();
		this.web.post()
			.uri(UNPUBLISH)
			.cookie("SESSION", session)
			.header("Origin", "http://localhost:" + this.port)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(published()).isFalse();
		// scripts with HTTP Basic are as they were, whatever they send
		Staff.as(this.web, ADMIN)
			.post()
			.uri("/api/v1/admin/articles/national/council-tax/publish")
			.header("Origin", "https://evil.example")
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(published()).isTrue();
	}

	@Test
	void everyResponseCarriesAContentSecurityPolicyWithoutInlineScript() {
		for (String path : new String[] { "/", "/login", "/api/v1/knowledge/search?q=bus" }) {
			this.web.get()
				.uri(path)
				.exchange()
				.expectHeader()
				.value("Content-Security-Policy",
						policy -> assertThat(policy).contains("script-src 'self';")
							.contains("frame-ancestors 'none'")
							.doesNotContain("script-src 'self' 'unsafe-inline'"));
		}
		this.web.get()
			.uri("/")
			.exchange()
			.expectBody(String.class)
			.value(page -> assertThat(page).doesNotContain("<script>").contains("<script src="));
	}

	@Test
	void aProviderWebhookStartsNoSessionAndKeepsTheSecurityHeaders() {
		for (String path : new String[] { "/webhooks/twilio/sms", "/webhooks/telegram" }) {
			this.web.post()
				.uri(path)
				.header("X-Forwarded-Proto", "https")
				.header("X-Forwarded-Host", "waymark.example")
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.bodyValue("From=%2B447700900123&Body=hi&MessageSid=SM1")
				.exchange()
				.expectHeader()
				.doesNotExist("Set-Cookie")
				.expectHeader()
				.valueEquals("X-Content-Type-Options", "nosniff")
				.expectHeader()
				.value("Strict-Transport-Security", hsts -> assertThat(hsts).contains("max-age=31536000"));
		}
	}

	@Test
	void behindTheTrustedTlsProxyResponsesCarryHstsAndTheSessionCookieIsSecure() {
		this.web.get().uri("/").exchange().expectHeader().doesNotExist("Strict-Transport-Security");
		this.web.get()
			.uri("/")
			.header("X-Forwarded-Proto", "https")
			.header("X-Forwarded-Host", "waymark.example")
			.exchange()
			.expectHeader()
			.value("Strict-Transport-Security", hsts -> assertThat(hsts).contains("max-age=31536000"));
		ResponseCookie cookie = this.web.get()
			.uri("/login")
			.header("X-Forwarded-Proto", "https")
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(String.class)
			.getResponseCookies()
			.getFirst("SESSION");
		assertThat(cookie).isNotNull();
		assertThat(cookie.isSecure()).isTrue();
		assertThat(cookie.isHttpOnly()).isTrue();
		ResponseCookie plain = this.web.get()
			.uri("/login")
			.exchange()
			.returnResult(String.class)
			.getResponseCookies()
			.getFirst("SESSION");
		assertThat(plain.isSecure()).as("plain HTTP on a developer's machine").isFalse();
	}

	boolean published() {
		Map<?, ?> article = Staff.read(Staff.as(this.web, ADMIN), "/api/v1/admin/articles/national/council-tax",
				Map.class);
		return "PUBLISHED".equals(((Map<?, ?>) article.get("article")).get("status"));
	}

}
