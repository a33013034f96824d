package app.waymark.channel.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The system's Chromium for the chat page's browser tests. Needs
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}; skips the test without
 * them except under {@code CI=true}, where it fails.
 */
final class HeadlessChromium {

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private HeadlessChromium() {
	}

	static ChromeDriver start(Path profile) {
		boolean present = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
		if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("CI=true but Chromium or chromedriver is missing; .ci/run installs them");
		}
		Assumptions.assumeTrue(present, "Chromium and chromedriver not installed; skipping the browser test");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
				"--hide-scrollbars", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			// -Pyear-ahead preloads libfaketime into the test JVM, and chromedriver dies
			// with
			// it loaded; the server is what runs a year ahead, the browser keeps real
			// time
			.withEnvironment(Map.of("LD_PRELOAD", ""))
			.build();
		return new ChromeDriver(service, options);
	}

	/** A viewport of this many CSS pixels, as a phone (under 600 wide) or a desktop. */
	static void viewport(ChromeDriver browser, int width, int height) {
		browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
	}

}
