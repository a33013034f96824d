package app.waymark.conversation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import app.waymark.knowledge.Answer;
import app.waymark.knowledge.DeployedKnowledge;
import app.waymark.knowledge.KnowledgeSearch;
import app.waymark.knowledge.KnowledgeSettings;
import app.waymark.safeguarding.DangerCheck;
import app.waymark.safeguarding.RiskAssessment;
import app.waymark.system.Csv;
import app.waymark.system.TestEmbeddings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * One message end to end, as the conversation core handles it minus the database: the
 * language, both danger detectors (rules, and the example bank by meaning and spelling),
 * the hybrid search, and the reply text. Each message is new to every cache (a number is
 * appended), so the embedding model runs every time. Not part of the build; run with:
 *
 * <pre>
 * ./mvnw test -Dtest=MessageBenchmark -Dsurefire.excludedGroups=
 * </pre>
 */
@Tag("benchmark")
@State(Scope.Benchmark)
public class MessageBenchmark {

	private DangerCheck danger;

	private KnowledgeSearch search;

	private ReplyText text;

	private List<String> messages;

	private int next;

	/** Whether the search's embedding starts ahead, beside the danger check's (A/B). */
	@Param({ "false", "true" })
	public boolean ahead;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.search = repositorySearch();
		this.danger = DangerCheck.fromClasspath(TestEmbeddings.shared(), this.search.ordinaryQuestions());
		this.text = new ReplyText(new Phrases(), ConversationTests.SETTINGS, CrisisLines.NATIONAL);
		this.messages = tuningMessages();
	}

	/** The repository's articles and search terms, searched as the service does. */
	static KnowledgeSearch repositorySearch() {
		Path root = Path.of("knowledge");
		KnowledgeSettings settings = new KnowledgeSettings(root, "city-of-london", 0.5, 6.0, 0);
		// as the service builds it: articles, example questions, draft search terms
		DeployedKnowledge knowledge = DeployedKnowledge.read(settings);
		KnowledgeSearch search = new KnowledgeSearch(settings, knowledge.articles(), knowledge.examples(),
				TestEmbeddings.shared());
		search.loadSearchTerms(knowledge.searchTerms());
		return search;
	}

	/** The tuning parts' questions and safeguarding messages (never the frozen parts). */
	static List<String> tuningMessages() throws IOException {
		List<String> messages = new ArrayList<>();
		for (String file : List.of("questions-tune", "safeguarding-tune")) {
			List<Csv.Row> rows = Csv.parse(Files.readString(Path.of("src/test/resources/evaluation/" + file + ".csv")));
			rows.subList(1, rows.size()).forEach(row -> messages.add(row.get(0)));
		}
		return messages;
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public String oneMessage() {
		String message = this.messages.get(this.next % this.messages.size()) + " " + this.next;
		this.next++;
		String language = LanguageDetector.detect(message, null);
		if (this.ahead) {
			this.search.prepare(message);
		}
		RiskAssessment risk = this.danger.assess(message);
		Answer answer = this.search.answer(message, language);
		Reply reply = risk.isCrisis()
				? new Reply(Reply.Kind.CRISIS, this.search.knowledge().find("crisis-help").orElseThrow(), 1, true,
						List.of(), language, risk)
				: answer.confident()
						? new Reply(Reply.Kind.ANSWER, answer.best().orElseThrow(), answer.score(), true, List.of(),
								language, risk)
						: new Reply(Reply.Kind.NOT_SURE, null, 0, false, List.of("travel"), language);
		return this.text.shortText(reply);
	}

	@Test
	void run() throws RunnerException {
		Options options = new OptionsBuilder().include(MessageBenchmark.class.getName() + "\\.")
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(5))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(5))
			.threads(1)
			.forks(1)
			.jvmArgsAppend("-Xmx512m")
			.build();
		new Runner(options).run();
	}

}
