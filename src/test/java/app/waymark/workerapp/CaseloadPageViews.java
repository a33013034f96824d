package app.waymark.workerapp;

import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.PASSWORD;

/**
 * The whole application serving the caseload page with every statement counted
 * ({@link StatementCounter}) and the background loops off, so that what is counted is the
 * page's own work. Shared by the statement-count test and the page benchmark.
 */
@SpringBootTest
@AutoConfigureWebTestClient
@Import(CaseloadPageViews.Counting.class)
abstract class CaseloadPageViews {

	@TestConfiguration
	static class Counting {

		@Bean
		static StatementCounter statementCounter() {
			return new StatementCounter();
		}

	}

	/**
	 * Points the application at {@code database} with the loops that query on their own
	 * off.
	 */
	static void registerQuiet(DynamicPropertyRegistry registry, TestDatabase database) {
		database.register(registry);
		registry.add("waymark.outbound.enabled", () -> "false");
		registry.add("waymark.channel.sweep.enabled", () -> "false");
		registry.add("waymark.checkin.enabled", () -> "false");
	}

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	@Autowired
	Sealer sealer;

	/** The caseload page as {@code email} sees it. */
	String page(String email) {
		return this.web.get()
			.uri("/app")
			.headers(headers -> headers.setBasicAuth(email, PASSWORD))
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

}
