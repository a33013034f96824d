package app.waymark.channel.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page is for cheap phones on slow, pay-as-you-go data: everything it loads
 * stays under 50 KB before compression, comes from Waymark itself, and never puts message
 * text on the page as HTML.
 */
class ChatPageWeightTests {

	static final Path STATIC = Path.of("src/main/resources/static");

	static final List<String> PAGE = List.of("index.html", "css/chat.css", "js/chat.js");

	@Test
	void thePageWeighsUnder50KbAndLoadsNothingFromElsewhere() throws IOException {
		long bytes = 0;
		for (String file : PAGE) {
			bytes += Files.size(STATIC.resolve(file));
		}
		assertThat(bytes).isLessThan(50_000);
		String html = Files.readString(STATIC.resolve("index.html"));
		assertThat(html).contains("<script src=\"/js/chat.js\">")
			.contains("href=\"/css/chat.css\"")
			.doesNotContain("//cdn")
			.doesNotContain("src=\"http");
	}

	@Test
	void messageTextIsNeverWrittenAsHtml() throws IOException {
		for (String script : List.of("js/chat.js", "js/launcher.js")) {
			assertThat(Files.readString(STATIC.resolve(script))).as(script)
				.doesNotContain("innerHTML")
				.doesNotContain("outerHTML")
				.doesNotContain("insertAdjacentHTML")
				.doesNotContain("document.write");
		}
	}

}
