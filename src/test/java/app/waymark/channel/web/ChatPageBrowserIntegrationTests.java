package app.waymark.channel.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import app.waymark.system.Staff;
import app.waymark.system.TestDatabase;
import app.waymark.system.Browser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.FileSystemUtils;

import static app.waymark.system.Staff.ADMIN;
import static app.waymark.system.Staff.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public chat page in headless Chromium at a small phone's width, a common phone's
 * and a desktop's: a question gets its summary with "More" expanding in place, links can
 * be tapped, "did you mean" choices are buttons that work, the newest reply's top is in
 * view and not under the input bar, a reload brings the conversation back, large text
 * does not make the page scroll sideways, a worker's reply shows in the open page, and
 * axe-core finds no accessibility violation. Screenshots go to
 * {@code target/screenshots}. Runs in {@link Browser}.
 */
@Tag("browser")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "waymark.limits.chat=1000/1m", "waymark.chat.council-name=Test Borough" })
class ChatPageBrowserIntegrationTests {

	/**
	 * Short questions first: one of them the knowledge base is unsure between articles
	 * about.
	 */
	static final List<String> UNSURE = List.of("bus pass", "money", "housing", "college", "benefits");

	static final Path QUESTIONS = Path.of("src/test/resources/evaluation/questions-tune.csv");

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		database.register(registry, ADMIN, PASSWORD);
	}

	@LocalServerPort
	int port;

	@Autowired
	OpenChats open;

	ChromeDriver browser;

	Browser session;

	WebDriverWait wait;

	@BeforeEach
	void startBrowser() throws Exception {
		this.session = Browser.start();
		this.browser = this.session.driver();
		this.wait = Browser.waiting(this.browser, Duration.ofSeconds(20));
	}

	@AfterEach
	void stopBrowser() throws Exception {
		if (this.session != null) {
			this.session.close();
		}
	}

	@ParameterizedTest(name = "{0} px wide")
	@ValueSource(ints = { 320, 390, 1280 })
	void aYoungPersonAsksReadsMorePicksAChoiceAndGetsItAllBackAfterAReload(int width) throws Exception {
		int height = width < 600 ? 640 : 800;
		Browser.viewport(this.browser, width, height);
		this.browser.get("http://localhost:" + this.port + "/");

		// the first screen: the council, what to do in danger, privacy, topics
		this.wait.until(ExpectedConditions.textToBe(By.id("council"), "Test Borough"));
		assertThat(text(".danger")).contains("999").contains("116 123");
		assertThat(text("#privacy")).contains("12 months");
		assertThat(this.browser.findElements(By.cssSelector("#topics button"))).hasSizeGreaterThanOrEqualTo(4);
		assertThat(this.browser.findElement(By.id("person")).getText()).isEqualTo("Talk to a person");

		// a question: title, summary, the rest behind More, a source link
		ask("can i get free bus travel?");
		WebElement answer = this.wait.until(newest(1));
		String title = answer.findElement(By.tagName("h3")).getText();
		assertThat(title).containsIgnoringCase("bus");
		assertTopInView(answer);
		WebElement more = answer.findElement(By.cssSelector("button[aria-controls]"));
		WebElement body = this.browser.findElement(By.id(more.getDomAttribute("aria-controls")));
		assertThat(body.isDisplayed()).isFalse();
		screenshot("chat-" + width);
		tap(more);
		assertThat(body.isDisplayed()).isTrue();
		assertThat(more.getDomAttribute("aria-expanded")).isEqualTo("true");
		assertThat(body.getText()).hasSizeGreaterThan(200);
		WebElement source = answer.findElement(By.cssSelector(".source a"));
		assertThat(source.getDomAttribute("href")).startsWith("https://");
		assertTappable(source);
		assertThat(answer.getText()).doesNotContain("score").doesNotContain("free-bus-and-tram-travel");
		screenshot("chat-" + width + "-more");

		// "did you mean": the choices are buttons, and one picks its answer
		String unsure = unsureQuestion();
		ask(unsure);
		WebElement offer = this.wait.until(newest(2));
		List<WebElement> choices = offer.findElements(By.cssSelector(".choices button"));
		assertThat(choices).hasSizeBetween(2, 3);
		assertTopInView(offer);
		String picked = choices.get(0).getText();
		tap(choices.get(0));
		WebElement pickedAnswer = this.wait.until(newest(3));
		assertThat(pickedAnswer.findElement(By.tagName("h3")).getText()).isEqualTo(picked);
		assertTopInView(pickedAnswer);

		// talk to a person: the stranger is told how to reach their worker
		tap(this.browser.findElement(By.id("person")));
		WebElement person = this.wait.until(newest(4));
		assertThat(person.getText()).containsIgnoringCase("worker");
		assertTopInView(person);

		// accessibility, with an answer expanded and choices on screen
		assertThat(axeViolations()).isEmpty();

		// a reload shows the conversation again, newest reply in view
		int messages = this.browser.findElements(By.cssSelector("#log .msg")).size();
		this.browser.navigate().refresh();
		this.wait.until(driver -> driver.findElements(By.cssSelector("#log .msg")).size() == messages);
		List<WebElement> restored = this.browser.findElements(By.cssSelector("#log .bot"));
		assertThat(restored.get(0).findElement(By.tagName("h3")).getText()).isEqualTo(title);
		assertThat(restored.get(0).findElements(By.cssSelector("button[aria-controls]"))).hasSize(1);
		assertThat(this.browser.findElements(By.cssSelector("#log .me p")).get(0).getText())
			.isEqualTo("can i get free bus travel?");
		assertTopInView(restored.get(restored.size() - 1));
		assertThat(axeViolations()).isEmpty();

		// large text: twice the size, and still nothing to scroll sideways
		script("document.documentElement.style.fontSize = '200%'");
		ask("council tax");
		WebElement large = this.wait.until(newest(5));
		assertTopInView(large);
		screenshot("chat-" + width + "-large-text");
		Object wide = script("const w = document.documentElement.clientWidth;"
				+ "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)"
				+ ".map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 30));");
		assertThat((List<?>) wide).as("sideways scrolling at 200% text").isEmpty();
	}

	/**
	 * Jo linked the chat and has the page open: her worker's reply shows within seconds,
	 * without a reload (the page's fallback look at the history is a minute apart), and
	 * once; a stream the server ends is taken up again where it was; a reload shows the
	 * replies once, and a reply after the reload shows too.
	 */
	@Test
	void aWorkersReplyShowsInTheOpenPageWithinSecondsWithoutAReload() throws Exception {
		WebTestClient web = WebTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		String workerEmail = "page-worker@example.org";
		long worker = Staff.createWorker(web, workerEmail, "WORKER", "North");
		long jo = Staff.createYoungPerson(web, "PAGE-1", "North", worker);
		String code = Staff.linkCode(Staff.as(web, ADMIN), "/api/v1/young-people/" + jo + "/link-codes");
		Browser.viewport(this.browser, 390, 800);
		this.browser.get("http://localhost:" + this.port + "/");
		this.wait.until(ExpectedConditions.textToBe(By.id("council"), "Test Borough"));
		ask(code);
		assertThat(this.wait.until(newest(1)).getText()).contains("Jo");
		listening();

		workerReplies(web, workerEmail, jo, "Hi Jo, I can meet you on Tuesday at 2.");
		WebElement reply = Browser.waiting(this.browser, Duration.ofSeconds(5))
			.until(driver -> driver.findElements(By.cssSelector("#log .worker")).stream().findFirst().orElse(null));
		assertThat(reply.getText()).contains("Your worker").contains("Tuesday at 2");
		assertTopInView(reply);
		Thread.sleep(3_000);
		assertThat(this.browser.findElements(By.cssSelector("#log .worker"))).as("shown once").hasSize(1);
		assertThat(axeViolations()).isEmpty();
		screenshot("chat-worker-reply");

		// the stream ends (this instance shuts down): the browser reconnects by itself,
		// says the last reply it got, and gets only what came meanwhile
		this.open.endAll();
		workerReplies(web, workerEmail, jo, "Also: bring your letter.");
		Browser.waiting(this.browser, Duration.ofSeconds(15))
			.until(driver -> driver.findElements(By.cssSelector("#log .worker")).size() >= 2);
		listening();
		Thread.sleep(3_000);
		assertThat(workerReplies()).containsExactly("Tuesday at 2", "bring your letter");

		this.browser.navigate().refresh();
		this.wait.until(driver -> driver.findElements(By.cssSelector("#log .msg")).size() == 4);
		listening();
		workerReplies(web, workerEmail, jo, "See you then.");
		Browser.waiting(this.browser, Duration.ofSeconds(5))
			.until(driver -> driver.findElements(By.cssSelector("#log .worker")).size() >= 3);
		Thread.sleep(3_000);
		assertThat(workerReplies()).containsExactly("Tuesday at 2", "bring your letter", "See you then");
	}

	/** The worker's replies on the page, each by the words that tell it apart. */
	private List<String> workerReplies() {
		return this.browser.findElements(By.cssSelector("#log .worker"))
			.stream()
			.map(WebElement::getText)
			.map(text -> java.util.stream.Stream.of("Tuesday at 2", "bring your letter", "See you then")
				.filter(text::contains)
				.findFirst()
				.orElse(text))
			.toList();
	}

	/** Waits until the page's event stream is open. */
	private void listening() {
		this.wait.until(driver -> Boolean.TRUE
			.equals(script("return listening !== null && listening.readyState === EventSource.OPEN")));
	}

	private static void workerReplies(WebTestClient web, String worker, long youngPerson, String text) {
		Staff.as(web, worker)
			.post()
			.uri("/api/v1/young-people/{id}/replies", youngPerson)
			.bodyValue(Map.of("text", text))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.channel")
			.isEqualTo("web");
	}

	private void ask(String question) {
		WebElement input = this.browser.findElement(By.id("text"));
		input.sendKeys(question);
		this.browser.findElement(By.cssSelector("#ask button[type=submit]")).click();
	}

	/** Clicks where a thumb would: at the element's centre, after it is scrolled to. */
	private void tap(WebElement element) {
		assertTappable(element);
		element.click();
	}

	/** Scrolled into view, the element itself is what a tap at its centre hits. */
	private void assertTappable(WebElement element) {
		script("arguments[0].scrollIntoView({block: 'center'})", element);
		Boolean hit = (Boolean) script("const r = arguments[0].getBoundingClientRect();"
				+ "const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);"
				+ "return at === arguments[0] || arguments[0].contains(at);", element);
		assertThat(hit).as("nothing covers " + element.getText()).isTrue();
	}

	/** The reply's top edge is on screen, above the sticky input bar. */
	private void assertTopInView(WebElement reply) {
		Map<?, ?> at = (Map<?, ?>) script("const r = arguments[0].getBoundingClientRect();"
				+ "const bar = document.getElementById('ask').getBoundingClientRect();"
				+ "return {top: r.top, bar: bar.top, height: window.innerHeight};", reply);
		double top = ((Number) at.get("top")).doubleValue();
		double bar = ((Number) at.get("bar")).doubleValue();
		assertThat(top).as("reply top %s, bar top %s", top, bar).isGreaterThanOrEqualTo(0).isLessThan(bar - 20);
	}

	/** The newest reply, once there are this many replies. */
	private org.openqa.selenium.support.ui.ExpectedCondition<WebElement> newest(int replies) {
		return driver -> {
			List<WebElement> bots = driver.findElements(By.cssSelector("#log .bot"));
			return bots.size() >= replies ? bots.get(replies - 1) : null;
		};
	}

	private String text(String css) {
		return this.browser.findElement(By.cssSelector(css)).getText();
	}

	private Object script(String script, Object... args) {
		return ((JavascriptExecutor) this.browser).executeScript(script, args);
	}

	private List<String> axeViolations() {
		return Browser.axeViolations(this.browser);
	}

	private void screenshot(String name) {
		Browser.screenshot(this.browser, name);
	}

	/**
	 * The first of {@link #UNSURE}, then of the tuning questions, that the chat answers
	 * with "did you mean": which ones do moves with the articles and thresholds.
	 */
	private String unsureQuestion() throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		List<String> candidates = new java.util.ArrayList<>(UNSURE);
		Files.readAllLines(QUESTIONS)
			.stream()
			.skip(1)
			.filter(line -> !line.startsWith("\""))
			.map(line -> line.substring(0, line.indexOf(',')))
			.forEach(candidates::add);
		for (String question : candidates) {
			HttpResponse<String> response = http
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/chat"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + question + "\"}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.body().contains("\"choices\":[{")) {
				return question;
			}
		}
		throw new AssertionError("no question tried is answered with choices");
	}

}
