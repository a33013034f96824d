package app.waymark.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * The system's headless Chromium for every browser test: start it, size it as a phone or
 * a desktop, run axe-core in the page (from the webjar, never a CDN) and keep screenshots
 * under {@code target/screenshots}. Needs {@code /usr/bin/chromium} and
 * {@code /usr/bin/chromedriver}; a test skips without them except under {@code CI=true},
 * where it fails.
 */
public final class Browser implements AutoCloseable {

	public static final Path SCREENSHOTS = Path.of("target", "screenshots");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

	/** WCAG 2.0, 2.1 and 2.2 at levels A and AA, as axe-core tags its rules. */
	static final List<String> WCAG_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** A fresh browser with its own profile, 1280 px wide until told otherwise. */
	public static Browser start() {
		boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
		if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true but Chromium or chromedriver is missing; .ci/run installs them");
		}
		Assumptions.assumeTrue(present, "Chromium and chromedriver not installed; skipping the browser test");
		try {
			Path profile = Files.createTempDirectory("waymark-chromium");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
					"--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
					"--hide-scrollbars", "--window-size=1280,900", "--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				// -Pyear-ahead preloads libfaketime into the test JVM and chromedriver
				// dies
				// with it loaded: the server runs a year ahead, the browser keeps real
				// time
				.withEnvironment(Map.of("LD_PRELOAD", ""))
				.build();
			return new Browser(new ChromeDriver(service, options), profile);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public ChromeDriver driver() {
		return this.driver;
	}

	/**
	 * Waits (up to 20 s here). Between polls the page may be swapped for the next one;
	 * Chromium then says "node does not belong to the document", a plain
	 * WebDriverException rather than a stale element, so those are retried too (the last
	 * one is the timeout's cause).
	 */
	public WebDriverWait waiting() {
		return waiting(this.driver, Duration.ofSeconds(20));
	}

	public static WebDriverWait waiting(WebDriver driver, Duration timeout) {
		WebDriverWait wait = new WebDriverWait(driver, timeout);
		wait.ignoring(WebDriverException.class);
		return wait;
	}

	/** A viewport of this many CSS pixels, as a phone (under 600 wide) or a desktop. */
	public Browser viewport(int width, int height) {
		viewport(this.driver, width, height);
		return this;
	}

	public static void viewport(ChromeDriver driver, int width, int height) {
		driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
	}

	/**
	 * The page's WCAG 2.2 AA failures as axe-core reports them, one line per rule with
	 * the offending elements; empty when there are none.
	 */
	public List<String> axeViolations() {
		return axeViolations(this.driver);
	}

	public static List<String> axeViolations(ChromeDriver driver) {
		try (InputStream axe = Browser.class.getClassLoader().getResourceAsStream(AXE)) {
			if (axe == null) {
				throw new IllegalStateException(AXE + " is not on the test class path");
			}
			driver.executeScript(new String(axe.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
				  .then(r => done(r.violations.map(v => v.id + ': ' + v.help + ' '
				    + v.nodes.map(n => n.target.join(' ')).join(', '))))
				  .catch(e => done(['axe failed: ' + e]));
				""", WCAG_AA);
		return ((List<?>) result).stream().map(String::valueOf).toList();
	}

	/** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
	public Path screenshot(String name) {
		return screenshot(this.driver, name);
	}

	public static Path screenshot(ChromeDriver driver, String name) {
		try {
			Files.createDirectories(SCREENSHOTS);
			Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
			Path kept = SCREENSHOTS.resolve(name + ".png");
			Files.copy(shot, kept, StandardCopyOption.REPLACE_EXISTING);
			return kept;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * True when the page is no wider than the viewport: nothing cut off on a phone that
	 * only sideways scrolling would reveal. Checked against the layout viewport too: a
	 * phone browser zooms out to fit a page that is too wide, which widens
	 * {@code innerWidth} with it.
	 */
	public boolean fitsWidth() {
		Object fits = this.driver.executeScript("""
				const page = document.documentElement.scrollWidth;
				return page <= window.innerWidth + 1 && page <= document.documentElement.clientWidth + 1;
				""");
		return Boolean.TRUE.equals(fits);
	}

	@Override
	public void close() {
		this.driver.quit();
		FileSystemUtils.deleteRecursively(this.profile.toFile());
	}

}
