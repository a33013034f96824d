package app.waymark.knowledge;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Question to answer latency and throughput on the real index with the evaluation
 * questions. The answer cache is bypassed (each call ranks afresh) so the figures are
 * Lucene's, not Caffeine's. Not part of the normal build; run with:
 *
 * <pre>
 * ./mvnw test -Dtest=AnswerBenchmark -Dsurefire.excludedGroups= -Djacoco.skip=true
 * </pre>
 */
@Tag("benchmark")
@State(Scope.Benchmark)
public class AnswerBenchmark {

	private KnowledgeSearch search;

	private List<String> questions;

	private int next;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		KnowledgeSettings settings = new KnowledgeSettings(KnowledgeFixtures.SETTINGS.dir(),
				KnowledgeFixtures.SETTINGS.localFolder(), KnowledgeFixtures.SETTINGS.confidenceThreshold(),
				KnowledgeFixtures.SETTINGS.scoreScale(), 0);
		this.search = new KnowledgeSearch(settings, KnowledgeFixtures.repositoryKnowledge(),
				app.waymark.system.TestEmbeddings.shared());
		this.questions = AnswerEvaluationTests.cases().stream().map(AnswerEvaluationTests.Case::question).toList();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.search.close();
	}

	@Benchmark
	@BenchmarkMode({ Mode.Throughput })
	@OutputTimeUnit(TimeUnit.SECONDS)
	public Answer answersPerSecond() {
		return this.search.answer(nextQuestion());
	}

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Answer latency() {
		return this.search.answer(nextQuestion());
	}

	private String nextQuestion() {
		String question = this.questions.get(this.next);
		this.next = (this.next + 1) % this.questions.size();
		return question;
	}

	@Test
	void run() throws RunnerException {
		Options options = new OptionsBuilder().include(AnswerBenchmark.class.getName() + "\\.")
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(2))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(3))
			.threads(1)
			.forks(1)
			.jvmArgsAppend("-Xmx512m")
			.build();
		new Runner(options).run();
	}

}
