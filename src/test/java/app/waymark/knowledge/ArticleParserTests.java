package app.waymark.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArticleParserTests {

	static final String GOOD = """
			---
			id: free-bus
			title: Free bus travel
			topics: [travel]
			keywords: [bus, oyster, "bus pass"]
			summary: "You get free bus and tram travel."
			source: "https://example.org/travel"
			last_reviewed: 2026-11-20
			review_by: 2027-05-20
			audience: care leavers 18-25
			---
			# Free bus

			You get **free** travel. See [TfL](https://tfl.gov.uk).
			""";

	@Test
	void readsFrontMatterAndBody() {
		Article article = ArticleParser.parse("national/free-bus.md", "national", GOOD);
		assertThat(article.id()).isEqualTo("free-bus");
		assertThat(article.keywords()).containsExactly("bus", "oyster", "bus pass");
		assertThat(article.lastReviewed()).isEqualTo(LocalDate.of(2026, 11, 20));
		assertThat(article.reviewBy()).isEqualTo(LocalDate.of(2027, 5, 20));
		assertThat(article.language()).isEqualTo("en");
		assertThat(article.plainBody()).isEqualTo("Free bus\n\nYou get free travel. See TfL (https://tfl.gov.uk).");
	}

	static Stream<Arguments> badArticles() {
		return Stream.of(Arguments.of("no front matter", "# Just a body", "does not start with a '---'"),
				Arguments.of("front matter not closed", "---\nid: free-bus\n", "not closed"),
				Arguments.of("invalid yaml", GOOD.replace("topics: [travel]", "topics: [travel"), "not valid YAML"),
				Arguments.of("missing id", GOOD.replace("id: free-bus\n", ""), "missing 'id'"),
				Arguments.of("missing summary", GOOD.replace("summary: \"You get free bus and tram travel.\"\n", ""),
						"missing 'summary'"),
				Arguments.of("missing source", GOOD.replace("source: \"https://example.org/travel\"\n", ""),
						"missing 'source'"),
				Arguments.of("id not a slug", GOOD.replace("id: free-bus", "id: Free Bus"), "not a slug"),
				Arguments.of("id differs from file", GOOD.replace("id: free-bus", "id: other-id"),
						"does not match the file name"),
				Arguments.of("bad date", GOOD.replace("review_by: 2027-05-20", "review_by: next year"),
						"'review_by' is not a date"),
				Arguments.of("unknown field", GOOD.replace("audience:", "audiance:"), "unknown field 'audiance'"),
				Arguments.of("summary too long", GOOD.replace("You get free bus and tram travel.", "word ".repeat(80)),
						"SMS segments"),
				Arguments.of("empty body", GOOD.substring(0, GOOD.indexOf("# Free bus")), "body is empty"),
				Arguments.of("not a map", "---\n- just\n- a list\n---\nbody", "not a set of 'key: value' lines"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badArticles")
	void rejectsBadArticleNamingFileAndReason(String label, String content, String reason) {
		assertThatThrownBy(() -> ArticleParser.parse("national/free-bus.md", "national", content))
			.isInstanceOf(ArticleParser.ArticleException.class)
			.hasMessageStartingWith("national/free-bus.md: ")
			.hasMessageContaining(reason);
	}

	@Test
	void folderWithOneBadFileFailsWholeNamingEveryProblem(@TempDir Path root) throws IOException {
		Path national = Files.createDirectories(root.resolve("national"));
		Files.writeString(national.resolve("free-bus.md"), GOOD);
		Files.writeString(national.resolve("broken.md"), GOOD.replace("id: free-bus\n", ""));
		Files.write(national.resolve("latin1.md"), new byte[] { '-', '-', '-', '\n', (byte) 0xE9, '\n' });
		assertThatThrownBy(() -> KnowledgeLoader.fromDirectory(root, null)).isInstanceOf(KnowledgeLoadException.class)
			.satisfies(ex -> assertThat(((KnowledgeLoadException) ex).problems()).containsExactlyInAnyOrder(
					"national/broken.md: missing 'id'", "national/latin1.md: is not UTF-8 text"));
	}

	@Test
	void duplicateIdInOneFolderFails() {
		Article one = ArticleParser.parse("national/free-bus.md", "national", GOOD);
		assertThatThrownBy(() -> KnowledgeBase.of(List.of(one, one), List.of()))
			.isInstanceOf(KnowledgeLoadException.class)
			.hasMessageContaining("duplicate id 'free-bus'");
	}

	@Test
	void localArticleReplacesNationalWithSameIdAndSupersedesOthers() {
		Article national = ArticleParser.parse("national/free-bus.md", "national", GOOD);
		Article other = ArticleParser.parse("national/bus-discount.md", "national",
				GOOD.replace("id: free-bus", "id: bus-discount"));
		Article local = ArticleParser.parse("city/free-bus.md", "city",
				GOOD.replace("title: Free bus travel", "title: Local bus travel")
					.replace("audience:", "supersedes: [bus-discount]\naudience:"));
		KnowledgeBase knowledge = KnowledgeBase.of(List.of(national, other), List.of(local));
		assertThat(knowledge.size()).isEqualTo(1);
		assertThat(knowledge.find("free-bus")).get().extracting(Article::title).isEqualTo("Local bus travel");
		assertThat(knowledge.find("bus-discount")).isEmpty();
	}

	@Test
	void supersedingAnUnknownArticleFails() {
		Article local = ArticleParser.parse("city/free-bus.md", "city",
				GOOD.replace("audience:", "supersedes: [no-such-article]\naudience:"));
		assertThatThrownBy(() -> KnowledgeBase.of(List.of(), List.of(local))).isInstanceOf(KnowledgeLoadException.class)
			.hasMessageContaining("supersedes unknown national article 'no-such-article'");
	}

}
