package app.waymark.announcement;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import app.waymark.system.Browser;
import app.waymark.system.Sealer;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three announcement screens in headless Chromium at 1280 px and 390 px (a phone): an
 * admin writes an announcement for one team, previews the count and each channel's text,
 * sends it, watches its status, schedules another and cancels it; a worker is turned
 * away. Each screen: key content shown, every action inside the width, no WCAG 2.2 AA
 * violation, nothing cut off sideways, a screenshot kept.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
		"waymark.announcement.enabled=false", "waymark.outbound.enabled=false", "waymark.checkin.enabled=false" })
class AnnouncementBrowserIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	static final String MESSAGE = "Our monthly rights and entitlements session is online on Tuesday at 6pm \u2013 "
			+ "come and ask the council\u2019s senior leaders anything. Reply to this message to book a place.";

	@LocalServerPort
	int port;

	@Autowired
	DatabaseClient db;

	@Autowired
	Sealer sealer;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	AnnouncementSender sender;

	@Autowired
	Clock clock;

	Browser browser;

	@BeforeEach
	void start() {
		this.browser = Browser.start();
	}

	@AfterEach
	void stop() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void anAdminPreviewsSendsFollowsAndCancelsAnnouncementsAtBothWidths() {
		for (int i = 0; i < 3; i++) {
			identity(youngPerson("North"), "sms", "+44770090010" + i, null);
		}
		identity(youngPerson("North"), "telegram", "5550001", null);
		identity(youngPerson("North"), "sms", "+447700900199", false);
		youngPerson("North");
		identity(youngPerson("South"), "sms", "+447700900201", null);

		signIn(ADMIN);
		for (int width : List.of(1280, 390)) {
			this.browser.viewport(width, 900);
			this.browser.driver().get(base() + "/admin/announcements/new");
			WebElement body = this.browser.driver().findElement(By.id("body"));
			body.sendKeys(MESSAGE);
			this.browser.waiting()
				.until(ExpectedConditions.textToBePresentInElementLocated(By.id("body-count"), "SMS: 2 segments"));
			new org.openqa.selenium.support.ui.Select(this.browser.driver().findElement(By.id("team")))
				.selectByVisibleText("North");
			this.browser.driver().findElement(By.cssSelector("button[value=preview]")).click();
			this.browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("preview")));

			// 6 in North: 4 reachable (3 SMS, 1 Telegram), 1 opted out, 1 with no channel
			assertThat(this.browser.driver().findElement(By.id("preview-count")).getText()).isEqualTo("4");
			String preview = this.browser.driver().findElement(By.id("preview")).getText();
			assertThat(preview).contains("(6 match: Active young people: team North)", "SMS: 3", "Telegram: 1",
					"Opted out, not sent: 1", "No linked channel, not sent: 1");
			assertThat(channelText("sms")).contains("Tuesday at 6pm - come and ask the council's senior leaders");
			assertThat(channelNote("sms")).isEqualTo("GSM-7, 164 characters, 2 segments");
			assertThat(channelText("whatsapp")).contains("6pm \u2013 come and ask the council\u2019s");
			assertThat(channelText("telegram")).isEqualTo(MESSAGE);
			assertThat(channelText("web")).isEqualTo(MESSAGE);
			assertThat(this.browser.driver().findElement(By.id("body")).getAttribute("value")).isEqualTo(MESSAGE);
			checkScreen("announcement-new-" + width, "button[value=preview]", "button[value=schedule]",
					"#send-previewed");
		}

		// send it (from the phone): the status page, then the sender's pass
		this.browser.driver().findElement(By.id("send-previewed")).click();
		this.browser.waiting().until(ExpectedConditions.urlMatches(".*/admin/announcements/\\d+$"));
		String statusUrl = this.browser.driver().getCurrentUrl();
		this.sender.runOnce().block();
		this.browser.driver().navigate().refresh();
		for (int width : List.of(1280, 390)) {
			this.browser.viewport(width, 900);
			this.browser.driver().navigate().refresh();
			String page = this.browser.driver().findElement(By.tagName("main")).getText();
			assertThat(page).contains("Announcement: Sent", "Recipients\n6", "Queued\n4", "Not sent\n2", "opted out: 1",
					"no linked channel: 1", MESSAGE);
			checkScreen("announcement-status-" + width);
		}

		// schedule one for tomorrow noon with a reminder; see it listed, then cancel it
		this.browser.viewport(1280, 900);
		this.browser.driver().get(base() + "/admin/announcements/new");
		this.browser.driver().findElement(By.id("body")).sendKeys("Christmas opening hours: see your worker.");
		this.browser.driver().findElement(By.id("when-later")).click();
		LocalDate tomorrow = LocalDate.now(this.clock.withZone(ZoneId.of("Europe/London"))).plusDays(1);
		setValue("sendDate", tomorrow.toString());
		setValue("sendTime", "12:00");
		setValue("eventDate", tomorrow.plusDays(2).toString());
		setValue("eventTime", "18:30");
		this.browser.driver().findElement(By.id("reminder")).click();
		this.browser.driver().findElement(By.cssSelector("button[value=schedule]")).click();
		this.browser.waiting().until(ExpectedConditions.urlMatches(".*/admin/announcements/\\d+$"));
		assertThat(this.browser.driver().findElement(By.tagName("main")).getText()).contains("Announcement: Scheduled",
				"Reminder: Scheduled", "Reminder: this is tomorrow");
		String scheduledUrl = this.browser.driver().getCurrentUrl();

		for (int width : List.of(1280, 390)) {
			this.browser.viewport(width, 900);
			this.browser.driver().get(base() + "/admin/announcements");
			List<WebElement> rows = this.browser.driver().findElements(By.cssSelector(".ann-list li"));
			assertThat(rows).hasSize(2);
			assertThat(rows.get(0).getText()).contains("Christmas opening hours", "Scheduled", "Reminder ");
			assertThat(rows.get(1).getText()).contains("Our monthly rights", "Sent", "6 recipients", "0 delivered",
					"0 failed", "0 replied");
			checkScreen("announcement-list-" + width, "a.button");
		}

		this.browser.viewport(390, 900);
		this.browser.driver().get(scheduledUrl);
		checkScreen("announcement-scheduled-390", "button.danger");
		this.browser.driver().findElement(By.cssSelector("button.danger")).click();
		this.browser.waiting()
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Announcement: Cancelled"));
		assertThat(this.browser.driver().findElements(By.cssSelector("button.danger"))).isEmpty();
		assertThat(statusUrl).isNotEqualTo(scheduledUrl);

		// a mistake comes back as typed, with the reason beside it
		this.browser.driver().get(base() + "/admin/announcements/new");
		this.browser.driver().findElement(By.id("minAge")).sendKeys("21");
		this.browser.driver().findElement(By.id("maxAge")).sendKeys("18");
		this.browser.driver().findElement(By.cssSelector("button[value=preview]")).click();
		String errors = this.browser.waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("errors")))
			.getText();
		assertThat(errors).contains("Write the message.", "The oldest age must not be below the youngest.");
		assertThat(this.browser.driver().findElement(By.id("minAge")).getAttribute("value")).isEqualTo("21");
		checkScreen("announcement-new-errors-390");

		// a manager in North reads the admin's announcement that reached North,
		// read-only;
		// the one for everyone, not sent yet, has reached nobody there
		signOut();
		worker("mia@example.org", "MANAGER", "North");
		signIn("mia@example.org");
		for (int width : List.of(1280, 390)) {
			this.browser.viewport(width, 900);
			this.browser.driver().get(base() + "/admin/announcements");
			List<WebElement> rows = this.browser.driver().findElements(By.cssSelector(".ann-list li"));
			assertThat(rows).hasSize(1);
			assertThat(rows.get(0).getText()).contains("Our monthly rights", "Sent by an admin");
			checkScreen("announcement-list-manager-" + width, "a.button", ".ann-title a");
			this.browser.driver().get(statusUrl);
			assertThat(this.browser.driver().findElement(By.id("read-only")).isDisplayed()).isTrue();
			assertThat(this.browser.driver().findElements(By.cssSelector("button.danger"))).isEmpty();
			checkScreen("announcement-status-manager-" + width, "main a");
		}

		// a worker is turned away
		signOut();
		long worker = worker("wendy@example.org", "WORKER", "North");
		assertThat(worker).isPositive();
		signIn("wendy@example.org");
		this.browser.driver().get(base() + "/admin/announcements/new");
		assertThat(this.browser.driver().findElement(By.tagName("main")).getText())
			.contains("You do not have access to this page");
		assertThat(this.browser.driver().findElements(By.id("body"))).isEmpty();
	}

	private void checkScreen(String name, String... actions) {
		int width = ((Number) ((JavascriptExecutor) this.browser.driver()).executeScript("return window.innerWidth"))
			.intValue();
		for (String action : actions) {
			WebElement element = this.browser.driver().findElement(By.cssSelector(action));
			assertThat(element.isDisplayed()).as(action + " shown on " + name).isTrue();
			assertThat(element.getRect().getX() + element.getRect().getWidth()).as(action + " inside " + name)
				.isLessThanOrEqualTo(width);
		}
		this.browser.screenshot(name);
		assertThat(this.browser.axeViolations()).as("axe on " + name).isEmpty();
		assertThat(this.browser.fitsWidth()).as("fits the width on " + name).isTrue();
	}

	private String channelText(String channel) {
		return this.browser.driver()
			.findElement(By.cssSelector("article[data-channel='" + channel + "'] .bubble"))
			.getText();
	}

	private String channelNote(String channel) {
		return this.browser.driver()
			.findElement(By.cssSelector("article[data-channel='" + channel + "'] .note"))
			.getText();
	}

	private void setValue(String id, String value) {
		((JavascriptExecutor) this.browser.driver())
			.executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, value);
	}

	private void signIn(String email) {
		this.browser.driver().get(base() + "/login");
		this.browser.driver().findElement(By.id("username")).sendKeys(email);
		this.browser.driver().findElement(By.id("password")).sendKeys(PASSWORD);
		this.browser.driver().findElement(By.cssSelector("button[type=submit]")).click();
		this.browser.waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
	}

	private void signOut() {
		this.browser.driver().get(base() + "/admin/announcements");
		this.browser.driver().findElement(By.cssSelector("form[action='/logout'] button")).click();
		this.browser.waiting().until(ExpectedConditions.urlContains("/login"));
	}

	private long worker(String email, String role, String team) {
		return this.db
			.sql("insert into worker (name, email, role, team, password_hash, created_at) "
					+ "values (:name, :email, :role, :team, :password, :now)")
			.bind("name", "Wendy Worker")
			.bind("email", email)
			.bind("role", role)
			.bind("team", team)
			.bind("password", this.encoder.encode(PASSWORD))
			.bind("now", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
			.filter(s -> s.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
	}

	private long youngPerson(String team) {
		return this.db
			// no quiet hours (start = end): the test runs at any real hour
			.sql("insert into young_person (case_reference, name, team, quiet_start, quiet_end, created_at, "
					+ "updated_at) values (:ref, 'Young Person', :team, '00:00:00', '00:00:00', :now, :now)")
			.bind("ref", "B" + System.nanoTime())
			.bind("team", team)
			.bind("now", OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC))
			.filter(s -> s.returnGeneratedValues("id"))
			.map(row -> row.get("id", Long.class))
			.one()
			.block();
	}

	private void identity(long youngPersonId, String channel, String address, Boolean optedIn) {
		OffsetDateTime now = OffsetDateTime.now(this.clock).withOffsetSameInstant(ZoneOffset.UTC);
		this.db
			.sql("insert into channel_identity (channel, address_hash, address_sealed, young_person_id, verified_at) "
					+ "values (:channel, :hash, :sealed, :yp, :now)")
			.bind("channel", channel)
			.bind("hash", this.sealer.hash(address))
			.bind("sealed", this.sealer.seal(address))
			.bind("yp", youngPersonId)
			.bind("now", now)
			.then()
			.block();
		if (optedIn != null) {
			this.db
				.sql("insert into consent (channel, address_hash, opted_in, source, recorded_at) "
						+ "values (:channel, :hash, :in, 'SMS_KEYWORD', :now)")
				.bind("channel", channel)
				.bind("hash", this.sealer.hash(address))
				.bind("in", optedIn)
				.bind("now", now)
				.then()
				.block();
		}
	}

	private String base() {
		return "http://127.0.0.1:" + this.port;
	}

}
