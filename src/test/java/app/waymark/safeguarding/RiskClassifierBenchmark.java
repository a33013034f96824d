package app.waymark.safeguarding;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Time to assess one typical message (every inbound message pays it). Not part of the
 * normal build; run with
 * {@code ./mvnw test -Dtest=RiskClassifierBenchmark -Dsurefire.excludedGroups=}.
 */
@Tag("benchmark")
@State(Scope.Benchmark)
public class RiskClassifierBenchmark {

	private static final String[] MESSAGES = { "hi can i get help with my leaving care grant", "i want to kill myself",
			"my landlord gave me an eviction notice and i have no money for food",
			"this bus situation is killing me lol", "بدي موت", "i'm sleeping rough tonight" };

	private final RiskClassifier classifier = RiskClassifier.fromClasspath();

	private int next;

	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public RiskAssessment assess() {
		this.next = (this.next + 1) % MESSAGES.length;
		return this.classifier.assess(MESSAGES[this.next]);
	}

	@Test
	void run() throws RunnerException {
		new Runner(new OptionsBuilder().include(RiskClassifierBenchmark.class.getName() + "\\.")
			.warmupIterations(2)
			.warmupTime(TimeValue.seconds(2))
			.measurementIterations(3)
			.measurementTime(TimeValue.seconds(3))
			.forks(1)
			.build()).run();
	}

}
