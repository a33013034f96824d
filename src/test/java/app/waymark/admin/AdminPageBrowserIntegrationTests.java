package app.waymark.admin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin page in headless Chromium: sign in, edit an article, publish, and see the new
 * answer in "Try it". Needs {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}
 * ({@code apt-get install chromium chromium-driver}); skips without them except under
 * {@code CI=true}, where it fails.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminPageBrowserIntegrationTests {

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	@LocalServerPort
	int port;

	@Autowired
	Clock clock;

	WebDriver browser;

	Path profile;

	@BeforeEach
	void startBrowser() throws Exception {
		boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
		if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true but Chromium or chromedriver is missing; .ci/run installs them");
		}
		Assumptions.assumeTrue(present, "Chromium and chromedriver not installed; skipping the browser test");
		this.profile = Files.createTempDirectory("waymark-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
				"--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
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
			FileSystemUtils.deleteRecursively(this.profile);
		}
	}

	@Test
	void anAdminEditsPublishesAndSeesTheNewAnswer() {
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(15));
		this.browser.get("http://localhost:" + this.port + "/admin");
		wait.until(ExpectedConditions.urlContains("/login"));
		this.browser.findElement(By.id("username")).sendKeys(ADMIN);
		this.browser.findElement(By.id("password")).sendKeys(PASSWORD);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait.until(ExpectedConditions.urlContains("/admin"));

		WebElement article = wait.until(ExpectedConditions
			.elementToBeClickable(By.xpath("//tbody[@id='articles']//button[contains(., '16-25 Railcard')]")));
		article.click();
		wait.until(ExpectedConditions.attributeContains(By.id("f-id"), "value", "16-25-railcard"));
		WebElement summary = this.browser.findElement(By.id("f-summary"));
		summary.clear();
		summary.sendKeys("Every care leaver gets a free 16-25 Railcard from the council: ask your worker.");
		// the review date from knowledge/ passes one day and the server refuses a past
		// one; an
		// editor who reviews the article sets the next, here from the server's own clock
		((JavascriptExecutor) this.browser).executeScript("document.getElementById('f-reviewBy').value = arguments[0]",
				LocalDate.now(this.clock).plusMonths(6).toString());
		this.browser.findElement(By.id("f-changeNote")).sendKeys("free railcard agreed");
		this.browser.findElement(By.id("publish")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Published version 2"));

		this.browser.findElement(By.id("t-question")).sendKeys("can I get a railcard");
		this.browser.findElement(By.id("ask")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("try-sms"),
				"Every care leaver gets a free 16-25 Railcard"));
		assertThat(this.browser.findElement(By.id("try-sms")).getText()).contains("SMS 1 (");
	}

}
