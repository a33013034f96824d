package app.waymark.workerapp;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import app.waymark.alert.AlertLevel;
import app.waymark.alert.Alerts;
import app.waymark.alert.NewAlert;
import app.waymark.channel.OutboundDispatcher;
import app.waymark.channel.sms.TwilioStub;
import app.waymark.system.Browser;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static app.waymark.system.Staff.PASSWORD;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker's day in real headless Chromium against the running app on a random port and a
 * real database; WireMock stands in for Twilio only. Skipped when chromedriver is not
 * installed, unless CI=true.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkerAppBrowserIntegrationTests {

	static final String CHROMEDRIVER = "/usr/bin/chromedriver";

	static final String CHROMIUM = "/usr/bin/chromium";

	@RegisterExtension
	static final TwilioStub twilio = new TwilioStub();

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
		twilio.register(registry);
		registry.add("waymark.outbound.enabled", () -> "false");
		registry.add("waymark.workerapp.alert-poll", () -> "500ms");
	}

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient db;

	@Autowired
	Sealer sealer;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	Alerts alerts;

	@Autowired
	OutboundDispatcher dispatcher;

	WebDriver browser;

	Path profile;

	@BeforeEach
	void startBrowser() throws Exception {
		boolean present = new File(CHROMEDRIVER).canExecute();
		Assumptions.assumeTrue(present || "true".equals(System.getenv("CI")), "chromedriver is not installed");
		twilio.acceptEverything();
		this.profile = Files.createTempDirectory("chromium-profile");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
				"--user-data-dir=" + this.profile, "--window-size=1280,900");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			// -Pyear-ahead preloads libfaketime into the test JVM, and chromedriver dies
			// with
			// it loaded; the server is what runs a year ahead, the browser keeps real
			// time
			.withEnvironment(Map.of("LD_PRELOAD", ""))
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void stopBrowser() throws Exception {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.profile != null) {
			org.springframework.util.FileSystemUtils.deleteRecursively(this.profile);
		}
	}

	@Test
	void workerSignsInAcknowledgesAnAlertAndReplies() {
		Fixtures fx = new Fixtures(this.db, this.sealer);
		String hash = this.encoder.encode(PASSWORD);
		long ann = fx.worker("ann.browser@example.org", "WORKER", "North", hash);
		long bob = fx.worker("bob.browser@example.org", "WORKER", "South", hash);
		long sam = fx.youngPerson("SAM1", "Sam Samuels", "North", ann);
		fx.youngPerson("TOM1", "Tom Other", "South", bob);
		String phone = "+447700900321";
		fx.identity(sam, "sms", phone, true, false);
		long first = this.alerts.raise(new NewAlert(sam, AlertLevel.URGENT, "CRISIS", null, null)).block().id();

		// a page asks for signing in first, then comes back
		this.browser.get(base() + "/app");
		waitFor().until(d -> d.getCurrentUrl().contains("/login"));
		this.browser.findElement(By.id("username")).sendKeys("ann.browser@example.org");
		this.browser.findElement(By.id("password")).sendKeys(PASSWORD);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		waitFor().until(d -> d.getCurrentUrl().endsWith("/app"));

		// the caseload shows Sam, in red, and nobody else's
		String caseload = this.browser.findElement(By.tagName("main")).getText();
		assertThat(caseload).contains("Sam Samuels").doesNotContain("Tom Other");
		assertThat(this.browser.findElement(By.cssSelector("tr[data-id='" + sam + "'] .rag")).getAttribute("class"))
			.contains("red");
		assertThat(this.browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");

		// the inbox picks up a new alert without reloading, then one click acknowledges
		this.browser.get(base() + "/app/alerts");
		assertThat(this.browser.findElements(By.cssSelector("[data-alert='" + first + "']"))).hasSize(1);
		long second = this.alerts.raise(new NewAlert(sam, AlertLevel.NORMAL, "NEED_HELP", null, null)).block().id();
		waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-alert='" + second + "']")));
		this.browser.findElement(By.cssSelector("[data-alert='" + first + "'] button")).click();
		waitFor().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[data-alert='" + first + "']"), 0));
		assertThat(status(first)).isEqualTo("ACKNOWLEDGED");
		assertThat(status(second)).isEqualTo("OPEN");

		// reply from Sam's page; the dispatcher sends it to "Twilio"
		this.browser.findElement(By.linkText("Caseload")).click();
		this.browser.findElement(By.linkText("Sam Samuels")).click();
		WebElement box = this.browser.findElement(By.id("reply-text"));
		box.sendKeys("Hi Sam, I can call you at 3pm.");
		this.browser.findElement(By.xpath("//button[text()='Send reply']")).click();
		waitFor().ignoring(StaleElementReferenceException.class)
			.until(d -> d.findElement(By.cssSelector("ol.conversation")).getText().contains("I can call you"));
		assertThat(this.dispatcher.dispatchOnce().block()).isEqualTo(1);
		assertThat(twilio.findAll(postRequestedFor(urlPathEqualTo(TwilioStub.MESSAGES)))).hasSize(1);
		assertThat(twilio.sentTo(phone)).singleElement()
			.satisfies(sms -> assertThat(sms.get("Body")).isEqualTo("Hi Sam, I can call you at 3pm."));
		this.browser.navigate().refresh();
		assertThat(this.browser.findElement(By.cssSelector("ol.conversation")).getText()).contains("Sent");
	}

	private String status(long alertId) {
		return this.db.sql("select status from alert where id = :id")
			.bind("id", alertId)
			.map(row -> row.get("status", String.class))
			.one()
			.block();
	}

	private WebDriverWait waitFor() {
		return Browser.waiting(this.browser, Duration.ofSeconds(15));
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
