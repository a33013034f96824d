package app.waymark.workerapp;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import app.waymark.system.Browser;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every worker app screen in real headless Chromium at a desktop's 1280 px and a phone's
 * 390 px: the key content shows, every action is on screen, nothing is cut off sideways,
 * axe-core finds no WCAG 2.2 AA failure. Screenshots go to target/screenshots as
 * workerapp-&lt;screen&gt;-&lt;width&gt;.png.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.MethodName.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkerAppScreensBrowserIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry);
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

	Browser worker;

	Browser admin;

	long sam;

	long group;

	List<Long> groupMembers;

	@BeforeAll
	void seedAndSignIn() {
		Fixtures fx = new Fixtures(this.db, this.sealer);
		String hash = this.encoder.encode(PASSWORD);
		long ann = fx.worker("screens.ann@example.org", "WORKER", "North", hash);
		fx.worker("screens.admin@example.org", "ADMIN", "Council", hash);
		OffsetDateTime now = OffsetDateTime.now();
		this.sam = fx.youngPerson("SAM-0042", "Samira Okonkwo-Fitzgerald", "North", ann);
		fx.identity(this.sam, "sms", "+447700900111", true, false);
		fx.identity(this.sam, "telegram", "5550001", true, false);
		long leo = fx.youngPerson("LEO-0043", "Leo Brown", "North", ann);
		fx.identity(leo, "sms", "+447700900112", true, true);
		long kai = fx.youngPerson("KAI-0044", "Kai Evans", "North", ann);
		fx.checkIn(kai, "NO_REPLY", null, now.minusDays(9).toInstant().toString());
		this.db
			.sql("insert into check_in_plan (young_person_id, frequency, channel_order, next_due_at, updated_at) "
					+ "values (:id, 'WEEKLY', 'sms', :due, :now)")
			.bind("id", this.sam)
			.bind("due", now.plusDays(2))
			.bind("now", now)
			.then()
			.block();

		message(this.sam, "IN", null, null, "hi how do I apply for the setting up home allowance", now.minusDays(2));
		message(this.sam, "OUT", "ANSWER", null,
				"Your leaving care team can give you a setting up home allowance of at least £3,000. Ask your worker "
						+ "to add it to your pathway plan.",
				now.minusDays(2).plusSeconds(3));
		fx.checkIn(this.sam, "ANSWERED", "OK", now.minusDays(1).toInstant().toString());
		long crisis = message(this.sam, "IN", null, null,
				"I've got nowhere to stay tonight, my friend kicked me out and I'm scared to sleep outside again",
				now.minusMinutes(40));
		message(this.sam, "OUT", "CRISIS", null,
				"If you are in danger now, call 999. For somewhere safe tonight, call Shelter free on 0808 800 4444.",
				now.minusMinutes(40).plusSeconds(2));
		long first = alert(this.sam, "URGENT", "CRISIS", "no-safe-place-tonight", crisis, ann, now.minusMinutes(40));
		message(this.sam, "IN", null, null, "please can someone call me", now.minusMinutes(25));
		long second = alert(this.sam, "URGENT", "CRISIS", "no-safe-place-tonight", null, ann, now.minusMinutes(25));
		long third = alert(this.sam, "NORMAL", "CONCERN", "no-safe-place-tonight", null, ann, now.minusMinutes(12));
		this.group = third;
		this.groupMembers = List.of(first, second, third);
		message(this.sam, "OUT", "WORKER_REPLY", ann, "Hi Samira, I've seen this and will call you in 10 minutes.",
				now.minusMinutes(10));
		this.db
			.sql("insert into worker_note (young_person_id, worker_id, body_sealed, created_at) "
					+ "values (:yp, :w, :body, :at)")
			.bind("yp", this.sam)
			.bind("w", ann)
			.bind("body",
					this.sealer.seal("Called at 18:05. Staying with her aunt tonight; housing referral tomorrow."))
			.bind("at", now.minusMinutes(5))
			.then()
			.block();
		long older = alert(leo, "NORMAL", "DELIVERY_FAILED", null, null, ann, now.minusHours(3));
		assertThat(older).isPositive();

		this.worker = signIn("screens.ann@example.org");
		this.admin = signIn("screens.admin@example.org");
	}

	@AfterAll
	void closeBrowsers() {
		if (this.worker != null) {
			this.worker.close();
		}
		if (this.admin != null) {
			this.admin.close();
		}
	}

	@ParameterizedTest(name = "caseload at {0} px")
	@ValueSource(ints = { 1280, 390, 320 })
	void caseload(int width) {
		open(this.worker, width, "/app");
		String main = text(this.worker, "main");
		assertThat(main).contains("Samira Okonkwo-Fitzgerald").contains("Leo Brown").contains("Kai Evans");
		assertThat(main).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
		WebElement row = this.worker.driver().findElement(By.cssSelector("tr[data-id='" + this.sam + "']"));
		if (width < 600) {
			// the headers are gone from view, so each value carries its label
			assertThat(labelOf(row.findElement(By.cssSelector("td[data-label='Next check-in']"))))
				.isEqualTo("Next check-in");
			assertThat(labelOf(row.findElement(By.cssSelector("td[data-label='Last contact']"))))
				.isEqualTo("Last contact");
		}
		// a date never breaks letter by letter: one line high
		WebElement due = row.findElement(By.cssSelector("td[data-label='Next check-in']"));
		assertThat(due.getText()).matches("(today|tomorrow|yesterday|\\w{3} \\d{1,2} \\w{3,4}) .*");
		assertThat(lineCount(due)).isEqualTo(1);
		reachable(this.worker, By.cssSelector(".filters button"));
		check(this.worker, "workerapp-caseload-" + width);
	}

	@ParameterizedTest(name = "timeline at {0} px")
	@ValueSource(ints = { 1280, 390, 320 })
	void timeline(int width) {
		open(this.worker, width, "/app/young-people/" + this.sam);
		String timeline = text(this.worker, "ol.timeline");
		assertThat(timeline).contains("setting up home allowance")
			.contains("Waymark: Answer")
			.contains("Waymark: Crisis reply")
			.contains("Shelter free")
			.contains("Reply from Worker screens.ann@example.org")
			.contains("Private note by")
			.contains("Staying with her aunt tonight")
			.contains("Check-in sent")
			.contains("Answered: OK")
			.contains("Urgent alert: Nowhere safe tonight");
		assertThat(timeline).doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
		assertThat(
				this.worker.driver().findElement(By.xpath("//li[contains(., 'Shelter free')]")).getAttribute("class"))
			.contains("marked");
		reachable(this.worker, By.xpath("//button[text()='Send reply']"));
		reachable(this.worker, By.xpath("//button[text()='Add note']"));
		reachable(this.worker, By.id("canned"));
		this.worker.driver().executeScript("document.querySelector('form.reply').scrollIntoView({block: 'start'});");
		this.worker.screenshot("workerapp-timeline-reply-" + width);
		check(this.worker, "workerapp-timeline-" + width);
	}

	@ParameterizedTest(name = "canned reply fills the box at {0} px")
	@ValueSource(ints = { 1280, 390 })
	void cannedReplyFillsTheReplyBox(int width) {
		open(this.worker, width, "/app/young-people/" + this.sam);
		WebElement canned = this.worker.driver().findElement(By.id("canned"));
		new org.openqa.selenium.support.ui.Select(canned).selectByIndex(1);
		String chosen = canned.findElements(By.tagName("option")).get(1).getAttribute("data-text");
		assertThat(this.worker.driver().findElement(By.id("reply-text")).getAttribute("value")).isEqualTo(chosen)
			.isNotBlank();
	}

	@ParameterizedTest(name = "alerts at {0} px")
	@ValueSource(ints = { 1280, 390, 320 })
	void alerts(int width) {
		open(this.worker, width, "/app/alerts");
		WebElement card = this.worker.driver().findElement(By.cssSelector("[data-alert='" + this.group + "']"));
		assertThat(card.getText()).contains("Nowhere safe tonight")
			.contains("3 alerts")
			.contains("Samira")
			.contains("I've got nowhere to stay tonight")
			.contains("12 min ago")
			.containsPattern("Escalates (in|overdue)")
			.doesNotContain("CRISIS");
		assertThat(text(this.worker, "#alerts")).contains("could not be delivered");
		assertThat(lineCount(card.findElement(By.cssSelector("dd.when")))).isEqualTo(1);
		reachable(this.worker, By.cssSelector("[data-alert='" + this.group + "'] button"));
		check(this.worker, "workerapp-alerts-" + width);
	}

	@ParameterizedTest(name = "canned replies page at {0} px")
	@ValueSource(ints = { 1280, 390 })
	void cannedReplies(int width) {
		open(this.admin, width, "/app/canned-replies");
		assertThat(text(this.admin, "main")).contains("Canned replies").contains("Add a canned reply");
		assertThat(this.admin.driver().findElements(By.cssSelector("[data-canned]"))).hasSizeGreaterThanOrEqualTo(3);
		assertThat(text(this.admin, "nav")).contains("Canned replies").contains("Admin").contains("Announcements");
		reachable(this.admin, By.xpath("(//button[text()='Save'])[1]"));
		reachable(this.admin, By.xpath("(//button[text()='Delete'])[1]"));
		reachable(this.admin, By.xpath("//button[text()='Add canned reply']"));
		check(this.admin, "workerapp-canned-replies-" + width);
		// a worker's navigation has none of the admin's screens
		open(this.worker, width, "/app");
		assertThat(text(this.worker, "nav")).contains("Caseload")
			.contains("Alerts")
			.doesNotContain("Canned replies")
			.doesNotContain("Admin");
	}

	/** Runs last: acknowledging the grouped card on a phone clears all three alerts. */
	@ParameterizedTest(name = "acknowledge at {0} px")
	@ValueSource(ints = { 390 })
	void zAcknowledgeTheGroupOnAPhone(int width) {
		open(this.worker, width, "/app/alerts");
		By card = By.cssSelector("[data-alert='" + this.group + "']");
		WebElement button = reachable(this.worker, By.cssSelector("[data-alert='" + this.group + "'] button"));
		button.click();
		this.worker.waiting().until(ExpectedConditions.numberOfElementsToBe(card, 0));
		for (long id : this.groupMembers) {
			assertThat(this.db.sql("select status from alert where id = :id")
				.bind("id", id)
				.map(row -> row.get("status", String.class))
				.one()
				.block()).isEqualTo("ACKNOWLEDGED");
		}
		open(this.worker, width, "/app/young-people/" + this.sam);
		assertThat(text(this.worker, "ol.timeline")).contains("Alert acknowledged by Worker screens.ann");
	}

	private Browser signIn(String email) {
		Browser browser = Browser.start();
		browser.driver().get(base() + "/login");
		browser.driver().findElement(By.id("username")).sendKeys(email);
		browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
		browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
		browser.waiting().until(d -> !d.getCurrentUrl().contains("/login"));
		return browser;
	}

	private void open(Browser browser, int width, String path) {
		browser.viewport(width, width < 600 ? 800 : 900);
		browser.driver().get(base() + path);
		browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
		if (path.equals("/app/alerts")) {
			// the stream's first event swaps the list in once: wait for it, then look
			browser.waiting().until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-refreshes", "1"));
		}
	}

	private static String text(Browser browser, String css) {
		return browser.driver().findElement(By.cssSelector(css)).getText();
	}

	/** Displayed and inside the viewport's width once scrolled to. */
	private static WebElement reachable(Browser browser, By by) {
		WebElement element = browser.driver().findElement(by);
		browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
		assertThat(element.isDisplayed()).as(by + " displayed").isTrue();
		@SuppressWarnings("unchecked")
		Map<String, Object> box = (Map<String, Object>) browser.driver()
			.executeScript("const r = arguments[0].getBoundingClientRect();"
					+ "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: window.innerWidth,"
					+ " height: window.innerHeight};", element);
		double left = ((Number) box.get("left")).doubleValue();
		double right = ((Number) box.get("right")).doubleValue();
		double width = ((Number) box.get("width")).doubleValue();
		assertThat(left).as(by + " left edge").isGreaterThanOrEqualTo(0);
		assertThat(right).as(by + " right edge within " + width).isLessThanOrEqualTo(width);
		assertThat(((Number) box.get("bottom")).doubleValue()).as(by + " on screen")
			.isLessThanOrEqualTo(((Number) box.get("height")).doubleValue());
		return element;
	}

	private void check(Browser browser, String screenshot) {
		browser.driver().executeScript("window.scrollTo(0, 0);");
		browser.screenshot(screenshot);
		assertThat(browser.fitsWidth()).as(screenshot + " fits the width").isTrue();
		assertThat(browser.axeViolations()).as(screenshot + " axe").isEmpty();
	}

	private String labelOf(WebElement cell) {
		return (String) this.worker.driver()
			.executeScript("return getComputedStyle(arguments[0], '::before').content.replace(/\"/g, '');", cell);
	}

	/** How many lines of text an element takes: 1 when it does not wrap. */
	private long lineCount(WebElement element) {
		Number lines = (Number) this.worker.driver()
			.executeScript("const s = getComputedStyle(arguments[0]); const lh = parseFloat(s.lineHeight) || "
					+ "parseFloat(s.fontSize) * 1.5; const r = document.createRange(); r.selectNodeContents(arguments[0]);"
					+ "return Math.round(r.getBoundingClientRect().height / lh);", element);
		return lines.longValue();
	}

	private long message(long youngPerson, String direction, String kind, Long worker, String text, OffsetDateTime at) {
		return new Fixtures(this.db, this.sealer).said(youngPerson, direction, kind, worker, text, at);
	}

	private long alert(long youngPerson, String level, String reason, String category, Long messageId, long worker,
			OffsetDateTime at) {
		var insert = this.db
			.sql("insert into alert (young_person_id, level, reason, category, message_id, status, worker_id, "
					+ "created_at, last_raised_at, escalate_at) values (:yp, :level, :reason, :category, :message, "
					+ "'OPEN', :worker, :at, :at, :escalate)")
			.bind("yp", youngPerson)
			.bind("level", level)
			.bind("reason", reason)
			.bind("worker", worker)
			.bind("at", at);
		insert = category == null ? insert.bindNull("category", String.class) : insert.bind("category", category);
		insert = messageId == null ? insert.bindNull("message", Long.class) : insert.bind("message", messageId);
		insert = level.equals("URGENT") ? insert.bind("escalate", at.plusMinutes(60))
				: insert.bindNull("escalate", OffsetDateTime.class);
		return insert.filter(s -> s.returnGeneratedValues("id")).map(row -> row.get("id", Long.class)).one().block();
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
