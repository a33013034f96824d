package app.waymark.system;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages every member of staff meets before their work: signing in (which lands on the
 * worker app), being refused a part of Waymark their role does not include, and a page
 * that does not exist. Browsers get pages in the app's style, the API keeps JSON. The
 * browser half runs in headless Chromium at a phone's width and a desktop's.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "waymark.outbound.enabled=false" })
@AutoConfigureWebTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffPagesIntegrationTests {

	static final String WORKER = "pages.worker@example.org";

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

	Browser browser;

	@BeforeAll
	void addWorker() {
		Staff.createWorker(this.web, WORKER, "WORKER", "North");
	}

	@AfterAll
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void signingInLandsOnTheWorkerApp() {
		Staff.signIn(this.web, WORKER, PASSWORD, null)
			.expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.valueEquals("Location", "/app");
	}

	/**
	 * What a browser is shown: who asks, for which page, the status and words on it. The
	 * error pages are the app's own, with no stack trace.
	 */
	@ParameterizedTest(name = "{0} opens {1}: {2}")
	@CsvSource({ WORKER + ", /admin, 403, You do not have access to this page",
			WORKER + ", /admin/announcements/new, 403, You do not have access to this page",
			ADMIN + ", /admin, 200, Admin dashboard", ADMIN + ", /app/young-people/987654321, 404, Page not found",
			ADMIN + ", /app-no-such-page, 404, Page not found" })
	void browsersGetPagesInTheAppsStyle(String who, String path, int status, String words) {
		String page = this.web.get()
			.uri(path)
			.cookie("SESSION", Staff.session(this.web, who, PASSWORD))
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_HTML)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains(words).contains("/css/app.css").doesNotContain("Exception", "at app.waymark");
	}

	/** API callers keep JSON for the same refusals. */
	@ParameterizedTest(name = "{0} asks for {1} as JSON: {2}")
	@CsvSource({ WORKER + ", /admin, 403", ADMIN + ", /api/v1/young-people/987654321, 404" })
	void apiCallersKeepJson(String who, String path, int status) {
		this.web.get()
			.uri(path)
			.cookie("SESSION", Staff.session(this.web, who, PASSWORD))
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(status);
	}

	@ParameterizedTest(name = "{0} px wide")
	@ValueSource(ints = { 390, 1280 })
	void theSignInAndRefusalPagesWorkOnAPhoneAndADesktop(int width) {
		Browser browser = browser().viewport(width, 800);
		var driver = browser.driver();
		driver.manage().deleteAllCookies();
		driver.get(base() + "/app");
		browser.waiting().until(d -> d.getCurrentUrl().contains("/login"));
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Sign in");
		assertThat(browser.axeViolations()).isEmpty();
		assertThat(browser.fitsWidth()).isTrue();
		WebElement button = driver.findElement(By.cssSelector("button[type=submit]"));
		assertThat(button.isDisplayed()).isTrue();
		assertThat(button.getRect().getX() + button.getRect().getWidth()).isLessThanOrEqualTo(width);
		browser.screenshot("sign-in-" + width);

		// a wrong password says so, in words, and keeps the page usable
		driver.findElement(By.id("username")).sendKeys(WORKER);
		driver.findElement(By.id("password")).sendKeys("not the password");
		button.click();
		browser.waiting().until(d -> d.getCurrentUrl().contains("error"));
		assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText()).contains("did not match");
		assertThat(browser.axeViolations()).isEmpty();
		browser.screenshot("sign-in-failed-" + width);

		driver.findElement(By.id("username")).sendKeys(WORKER);
		driver.findElement(By.id("password")).sendKeys(PASSWORD);
		driver.findElement(By.cssSelector("button[type=submit]")).click();
		browser.waiting().until(d -> d.getCurrentUrl().endsWith("/app"));

		driver.get(base() + "/admin");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("You do not have access to this page");
		assertThat(browser.axeViolations()).isEmpty();
		assertThat(browser.fitsWidth()).isTrue();
		browser.screenshot("forbidden-" + width);

		driver.get(base() + "/app/young-people/987654321");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Page not found");
		List<String> violations = browser.axeViolations();
		assertThat(violations).isEmpty();
		browser.screenshot("not-found-" + width);
	}

	private Browser browser() {
		if (this.browser == null) {
			this.browser = Browser.start();
		}
		return this.browser;
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
