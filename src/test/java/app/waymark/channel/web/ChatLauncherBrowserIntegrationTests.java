package app.waymark.channel.web;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import app.waymark.system.TestDatabase;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import app.waymark.system.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A council's own page, served from another origin, embeds the chat with one script tag:
 * the launcher opens the chat in a panel, the chat answers inside it, and Escape closes
 * it. Waymark lets that origin, and only it, frame the page
 * ({@code WAYMARK_CHAT_EMBED_ORIGINS}). Runs in {@link Browser}.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatLauncherBrowserIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	/** The council's site: one page with the launcher's tag. */
	static final HttpServer council = councilSite();

	static volatile int waymarkPort;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
		registry.add("waymark.chat.embed-origins", () -> "http://127.0.0.1:" + council.getAddress().getPort());
	}

	@LocalServerPort
	int port;

	ChromeDriver browser;

	Browser session;

	@BeforeEach
	void startBrowser() throws IOException {
		waymarkPort = this.port;
		this.session = Browser.start();
		this.browser = this.session.driver();
	}

	@AfterEach
	void stopBrowser() throws IOException {
		if (this.session != null) {
			this.session.close();
		}
	}

	@AfterAll
	static void stopCouncil() {
		council.stop(0);
	}

	@Test
	void theCouncilsPageOpensTheChatInAPanelThatAnswersAndClosesWithEscape() throws IOException {
		WebDriverWait wait = Browser.waiting(this.browser, Duration.ofSeconds(20));
		Browser.viewport(this.browser, 390, 740);
		this.browser.get("http://127.0.0.1:" + council.getAddress().getPort() + "/");
		WebElement launcher = wait.until(ExpectedConditions.elementToBeClickable(By.id("waymark-launcher")));
		assertThat(this.browser.findElements(By.tagName("iframe"))).as("nothing loaded before it is opened").isEmpty();
		launcher.click();
		WebElement frame = wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#waymark-panel iframe")));
		assertThat(launcher.getDomAttribute("aria-expanded")).isEqualTo("true");

		this.browser.switchTo().frame(frame);
		wait.until(ExpectedConditions.textToBe(By.id("council"), "City of London"));
		this.browser.findElement(By.id("text")).sendKeys("council tax", Keys.ENTER);
		WebElement reply = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#log .bot h3")));
		assertThat(reply.getText()).containsIgnoringCase("council tax");
		this.browser.switchTo().defaultContent();
		screenshot("chat-launcher-390");

		this.browser.findElement(By.tagName("body")).sendKeys(Keys.ESCAPE);
		wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("waymark-panel")));
		assertThat(launcher.getDomAttribute("aria-expanded")).isEqualTo("false");
		assertThat(this.browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("waymark-launcher");
	}

	private void screenshot(String name) {
		Browser.screenshot(this.browser, name);
	}

	private static HttpServer councilSite() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", exchange -> {
				byte[] page = ("<!doctype html><html lang=\"en\"><head><title>A council</title>"
						+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head><body>"
						+ "<main><h1>A council's page for care leavers</h1><p>Some text.</p></main>"
						+ "<script src=\"http://localhost:" + waymarkPort + "/js/launcher.js\" defer></script>"
						+ "</body></html>")
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
				exchange.sendResponseHeaders(200, page.length);
				exchange.getResponseBody().write(page);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
