package app.waymark.admin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.waymark.system.Browser;
import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every admin screen in headless Chromium at a desktop's 1280 px and a phone's 390 px:
 * the key content shows, every control is displayed inside the width, axe-core finds no
 * WCAG 2.2 AA failure, nothing is cut off sideways, and a screenshot of each is kept as
 * {@code target/screenshots/admin-<screen>-<width>.png}.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminScreensBrowserIntegrationTests {

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

	Browser browser;

	WebTestClient api;

	/** A screen: its name in screenshots, its address and text it must show. */
	record Screen(String name, String path, String shows) {
	}

	static final String RAILCARD = "/admin/articles/national/16-25-railcard";

	static final List<Screen> SCREENS = List.of(new Screen("dashboard", "/admin", "awaiting review"),
			new Screen("articles", "/admin/articles", "16-25 Railcard"),
			new Screen("article", RAILCARD, "Compare two versions"),
			new Screen("edit", RAILCARD + "/edit", "Full text (Markdown)"),
			new Screen("diff", RAILCARD + "/diff?from=1&to=2", "Changes from version 1 to 2"),
			new Screen("review", "/admin/review", "Review queue"),
			new Screen("unanswered", "/admin/unanswered", "Add keywords"),
			new Screen("usage", "/admin/usage", "Busiest hours"),
			new Screen("translations", "/admin/translations", "Drafts awaiting review first"),
			new Screen("translation", RAILCARD + "/translations/fr", "needs review by a fluent speaker"),
			new Screen("import-export", "/admin/import-export", "Download knowledge.zip"),
			new Screen("try", "/admin/try?question=can+I+get+a+railcard", "Articles it considered"),
			new Screen("workers", "/admin/workers", "Record an absence"),
			new Screen("caseload", "/admin/caseload-import", "CSV file"));

	@BeforeAll
	void data() {
		this.browser = Browser.start();
		this.api = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		WebTestClient admin = Staff.as(this.api, ADMIN);
		// a second version to compare, a translation draft, an unanswered question and a
		// manager with an absence, as an admin's week leaves them
		Map<String, Object> railcard = new HashMap<>();
		railcard.put("title", "16-25 Railcard for cheaper train travel");
		railcard.put("topics", List.of("travel"));
		railcard.put("keywords", List.of("railcard", "train"));
		railcard.put("summary", "Care leavers can get a 16-25 Railcard paid for by the council: ask your worker.");
		railcard.put("source", "https://www.16-25railcard.co.uk/");
		railcard.put("reviewBy", LocalDate.now(this.clock).plusMonths(6).toString());
		railcard.put("body", "A 16-25 Railcard gives a third off most train fares.\n\nThe council pays for it.");
		railcard.put("changeNote", "council pays");
		admin.put()
			.uri("/api/v1/admin/articles/national/16-25-railcard")
			.bodyValue(railcard)
			.exchange()
			.expectStatus()
			.isOk();
		admin.put()
			.uri("/api/v1/admin/articles/national/16-25-railcard/translations/fr")
			.bodyValue(Map.of("title", "Carte 16-25", "summary", "Le conseil paie la carte de train.", "keywords",
					List.of("carte"), "body", "La carte donne un tiers de réduction."))
			.exchange()
			.expectStatus()
			.isOk();
		this.api.post()
			.uri("/api/v1/chat")
			.bodyValue(Map.of("text", "call me about the pangolin permit"))
			.exchange()
			.expectStatus()
			.isOk();
		Staff.createWorker(this.api, "browser-manager@example.org", "MANAGER", "North");
		this.editedWorker = Staff.createWorker(this.api, "browser-edited@example.org", "WORKER", "North");
	}

	long editedWorker;

	@AfterAll
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	@Order(1)
	void everyScreenWorksOnADesktopAndAPhone() throws Exception {
		var driver = this.browser.driver();
		var wait = this.browser.waiting();
		signedIn();

		// a caseload file with one good and one bad row, uploaded through the page
		Path csv = Files.createTempFile("caseload", ".csv");
		Files.writeString(csv,
				String.join(",", "case_reference", "name", "preferred_name", "date_of_birth", "preferred_language",
						"left_care_on", "team", "worker_email", "worker_name", "worker_role")
						+ "\nBR-1,Ada One,Ada,2007-01-02,en,2025-01-01,North,nia@example.org,Nia North,WORKER"
						+ "\nBR-2,Ben Two,,31/02/2007,en,,North,nia@example.org,Nia North,WORKER\n",
				StandardCharsets.UTF_8);
		driver.get(base() + "/admin/caseload-import");
		driver.findElement(By.id("csv")).sendKeys(csv.toString());
		driver.findElement(By.cssSelector("#caseload-form button[type=submit]")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problems")));
		assertThat(driver.findElement(By.id("accepted")).getText()).startsWith("1 of 2 rows accepted");
		assertThat(driver.findElement(By.id("problems")).getText()).contains("date_of_birth");
		Files.delete(csv);

		List<String> failures = new ArrayList<>();
		for (int width : new int[] { 1280, 390 }) {
			this.browser.viewport(width, width < 600 ? 844 : 900);
			for (Screen screen : SCREENS) {
				driver.get(base() + screen.path());
				wait.until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
				String where = screen.name() + " at " + width + " px: ";
				String text = driver.findElement(By.tagName("main")).getText();
				if (!text.contains(screen.shows())) {
					failures.add(where + "does not show '" + screen.shows() + "'");
				}
				this.browser.axeViolations().forEach(v -> failures.add(where + v));
				if (!this.browser.fitsWidth()) {
					failures.add(where + "wider than the screen: " + widest());
				}
				outsideTheWidth().forEach(control -> failures.add(where + "control outside the width: " + control));
				this.browser.screenshot("admin-" + screen.name() + "-" + width);
			}
		}
		assertThat(failures).isEmpty();
	}

	@Test
	@Order(2)
	void aRefusedEditShowsTheProblemBesideTheFieldAndAPreviewShowsTheSms() {
		var driver = this.browser.driver();
		var wait = this.browser.waiting();
		signedIn();
		for (int width : new int[] { 1280, 390 }) {
			this.browser.viewport(width, width < 600 ? 844 : 900);
			driver.get(base() + RAILCARD + "/edit");
			driver.executeScript("document.getElementById('f-reviewBy').value = '2001-01-01'");
			driver.findElement(By.id("save")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("errors")));
			assertThat(driver.findElement(By.id("errors")).getText()).contains("The review date is in the past.");
			assertThat(driver.findElement(By.id("e-reviewBy")).isDisplayed()).isTrue();
			assertThat(this.browser.axeViolations()).isEmpty();
			assertThat(this.browser.fitsWidth()).isTrue();
			this.browser.screenshot("admin-edit-error-" + width);

			driver.get(base() + RAILCARD + "/edit");
			driver.findElement(By.id("preview-button")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
			assertThat(driver.findElement(By.id("preview")).getText()).contains("By SMS");
			assertThat(this.browser.axeViolations()).isEmpty();
			assertThat(this.browser.fitsWidth()).isTrue();
			this.browser.screenshot("admin-preview-" + width);
		}
	}

	/**
	 * The screens' forms used by clicking, on a phone, where buttons are hardest to
	 * reach.
	 */
	@Test
	@Order(3)
	void onAPhoneAnAdminComparesRestoresHandlesReviewsAndRecordsAnAbsence() throws Exception {
		var driver = this.browser.driver();
		var wait = this.browser.waiting();
		signedIn();
		this.browser.viewport(390, 844);
		driver.get(base() + RAILCARD);
		driver.findElement(By.cssSelector("#compare button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Changes from version 1 to 2"));
		assertThat(driver.findElements(By.cssSelector(".diff-added ins"))).isNotEmpty();

		driver.get(base() + RAILCARD);
		driver.findElement(By.xpath("//button[normalize-space()='Restore version 1']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Done: restored."));
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("version 3 answers questions");

		driver.get(base() + "/admin/unanswered");
		driver.findElement(By.xpath("//button[normalize-space()='Mark handled']")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Marked handled"));

		driver.get(base() + RAILCARD + "/translations/fr");
		driver.findElement(By.id("mark-reviewed")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("stage"), "Reviewed"));
		driver.get(base() + "/admin/translations");
		assertThat(driver.findElement(By.id("translations")).getText()).contains(ADMIN);

		driver.get(base() + "/admin/workers");
		driver.findElement(By.id("w-reason")).sendKeys("training");
		driver.findElement(By.id("record-absence")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Absence recorded"));
		assertThat(driver.findElement(By.id("absences")).getText()).contains("training");
		assertThat(this.browser.axeViolations()).isEmpty();
		this.browser.screenshot("admin-workers-after-absence-390");

		// the export imported back through the page changes nothing
		byte[] zip = Staff.as(this.api, ADMIN)
			.get()
			.uri("/api/v1/admin/articles/export")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		Path file = Files.createTempFile("knowledge", ".zip");
		Files.write(file, zip);
		driver.get(base() + "/admin/import-export");
		driver.findElement(By.id("file")).sendKeys(file.toString());
		driver.findElement(By.cssSelector("#import-form button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "0 new or changed"));
		assertThat(this.browser.axeViolations()).isEmpty();
		assertThat(this.browser.fitsWidth()).isTrue();
		this.browser.screenshot("admin-import-result-390");
		Files.delete(file);
	}

	/**
	 * A worker's page at both widths, reached from the list's Edit link: saved, then
	 * deactivated and reactivated by clicking, on a phone.
	 */
	@Test
	@Order(4)
	void anAdminEditsDeactivatesAndReactivatesAWorker() {
		var driver = this.browser.driver();
		var wait = this.browser.waiting();
		signedIn();
		List<String> failures = new ArrayList<>();
		for (int width : new int[] { 1280, 390 }) {
			this.browser.viewport(width, width < 600 ? 844 : 900);
			driver.get(base() + "/admin/workers");
			driver.findElement(By.cssSelector("a[data-worker='" + this.editedWorker + "']")).click();
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-form")));
			String where = "worker page at " + width + " px: ";
			for (String control : List.of("w-name", "w-team", "w-role", "save-worker", "deactivate")) {
				if (!driver.findElement(By.id(control)).isDisplayed()) {
					failures.add(where + control + " not shown");
				}
			}
			this.browser.axeViolations().forEach(v -> failures.add(where + v));
			if (!this.browser.fitsWidth()) {
				failures.add(where + "wider than the screen: " + widest());
			}
			outsideTheWidth().forEach(control -> failures.add(where + "control outside the width: " + control));
			this.browser.screenshot("admin-worker-" + width);
		}
		assertThat(failures).isEmpty();

		var team = driver.findElement(By.id("w-team"));
		team.clear();
		team.sendKeys("South");
		driver.findElement(By.id("save-worker")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Saved."));
		assertThat(driver.findElement(By.id("w-team")).getAttribute("value")).isEqualTo("South");
		driver.findElement(By.id("deactivate")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-state"), "cannot sign in"));
		assertThat(driver.findElement(By.id("reactivate")).isDisplayed()).isTrue();
		assertThat(this.browser.axeViolations()).isEmpty();
		assertThat(this.browser.fitsWidth()).isTrue();
		this.browser.screenshot("admin-worker-deactivated-390");
		driver.findElement(By.id("reactivate")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-state"), "Active: can sign in"));
	}

	/**
	 * The caseload form posted by the browser itself, as without JavaScript: the script's
	 * listener is dropped (the form replaced by a copy), so the browser sends multipart
	 * with the token in its {@code _csrf} field.
	 */
	@Test
	@Order(5)
	void anUploadWorksWithoutTheScript() throws Exception {
		var driver = this.browser.driver();
		signedIn();
		this.browser.viewport(390, 844);
		Path csv = Files.createTempFile("caseload", ".csv");
		Files.writeString(csv,
				String.join(",", "case_reference", "name", "preferred_name", "date_of_birth", "preferred_language",
						"left_care_on", "team", "worker_email", "worker_name", "worker_role")
						+ "\nNJ-1,Noor Script,,2007-01-02,en,,North,nia@example.org,Nia North,WORKER\n",
				StandardCharsets.UTF_8);
		driver.get(base() + "/admin/caseload-import");
		driver.executeScript("const f = document.getElementById('caseload-form'); f.replaceWith(f.cloneNode(true));");
		driver.findElement(By.id("csv")).sendKeys(csv.toString());
		driver.findElement(By.cssSelector("#caseload-form button[type=submit]")).click();
		this.browser.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.id("accepted"), "1 of 1 row accepted"));
		assertThat(this.browser.axeViolations()).isEmpty();
		assertThat(this.browser.fitsWidth()).isTrue();
		this.browser.screenshot("admin-caseload-no-script-390");
		Files.delete(csv);
	}

	private void signedIn() {
		var driver = this.browser.driver();
		driver.get(base() + "/admin");
		if (driver.getCurrentUrl().contains("/login")) {
			driver.findElement(By.id("username")).sendKeys(ADMIN);
			driver.findElement(By.id("password")).sendKeys(PASSWORD);
			driver.findElement(By.cssSelector("button[type=submit]")).click();
			this.browser.waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
		}
	}

	/** The elements that reach past the layout width, to say what to fix. */
	private Object widest() {
		return this.browser.driver()
			.executeScript(
					"""
							const width = document.documentElement.clientWidth;
							return [...document.querySelectorAll('body *')]
							  .filter(e => e.getBoundingClientRect().right > width + 1)
							  .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
							""");
	}

	/** Visible controls in the page whose box pokes out of the viewport sideways. */
	@SuppressWarnings("unchecked")
	private List<String> outsideTheWidth() {
		return (List<String>) this.browser.driver()
			.executeScript(
					"""
							const out = [];
							document.querySelectorAll('main a, main button, main input, main select, main textarea, header a, header button')
							  .forEach(e => {
							    const r = e.getBoundingClientRect();
							    if (r.width === 0 && r.height === 0) return;
							    if (e.closest('.scroll-region') || e.closest('.skip') || e.classList.contains('skip')) return;
							    const width = Math.min(window.innerWidth, document.documentElement.clientWidth);
							 if (r.left < -1 || r.right > width + 1) out.push(e.outerHTML.slice(0, 80) + ' right=' + r.right + ' width=' + width);
							  });
							return out;
							""");
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

}
