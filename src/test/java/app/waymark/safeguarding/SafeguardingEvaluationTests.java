package app.waymark.safeguarding;

import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.junit.jupiter.params.ParameterizedTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the evaluation set written blind to the rules, the example bank and the thresholds
 * (src/test/resources/evaluation/safeguarding-*.csv) through the danger check as the
 * service builds it, and prints per language and per category what it caught. Thresholds
 * were chosen on the {@code tune} part; the {@code test} part is frozen and only
 * reported. The floors below guard against a change making things worse; they are set
 * under the figures measured when the thresholds were chosen, not tuned to pass.
 */
class SafeguardingEvaluationTests {

	@Test
	void frozenPartCatchesCrisesInEveryLanguage() {
		Figures frozen = measure(EvaluationSet.load("test"), RepositoryDangerCheck.shared()::assess);
		Figures rulesOnly = measure(EvaluationSet.load("test"), RiskClassifier.fromClasspath()::assess);
		System.out.println("Safeguarding, frozen part, rules alone:\n" + rulesOnly.report());
		System.out.println("Safeguarding, frozen part, rules and examples:\n" + frozen.report());
		assertThat(frozen.crisisRecall()).isGreaterThanOrEqualTo(0.90);
		assertThat(frozen.crisisFalseAlarms()).isLessThanOrEqualTo(0.12);
		assertThat(frozen.concernFlagged()).isGreaterThanOrEqualTo(0.80);
		assertThat(frozen.crisisRecall()).isGreaterThan(rulesOnly.crisisRecall());
	}

	@Test
	void tuningPartIsWhereTheThresholdsCameFrom() {
		Figures tune = measure(EvaluationSet.load("tune"), RepositoryDangerCheck.shared()::assess);
		System.out.println("Safeguarding, tuning part, rules and examples:\n" + tune.report());
		assertThat(tune.crisisRecall()).isGreaterThanOrEqualTo(0.93);
		assertThat(tune.crisisFalseAlarms()).isLessThanOrEqualTo(0.04);
		// a worry is not an emergency: at most a sixth of what is not a crisis gets the
		// crisis reply (it was 29% before the concern examples could outvote a crisis)
		assertThat(tune.notCrisisGivenCrisis()).isLessThanOrEqualTo(0.16);
		// crises led by another help and without their own anywhere in the reply
		// (SemanticDetector.SECOND_HELP_SHARE)
		assertThat(tune.withoutTheirHelp()).isLessThanOrEqualTo(7);
	}

	/**
	 * Later sets, each written blind to the rules, the bank and the sets before it, and
	 * split by language and level into a tuning part and a frozen one. The second, 360
	 * messages in the twelve other languages and scripts (17 crises, 6 concerns and 7
	 * harmless ones each), because the first set's tuning part no longer missed a crisis
	 * outside English. The third, 338 messages in English and the twelve others (13
	 * crises, 5 concerns and 8 harmless ones each, most crises indirect or mixed with
	 * English), once both had been tuned on. The fourth (260 messages, 10 crises, 4
	 * concerns and 6 harmless ones per language) after the third had been tuned on; on
	 * its tuning part a sweep of the meaning and spelling thresholds
	 * ({@code SafeguardingSweep}) caught no more crises, so they stayed. The fifth (260,
	 * laid out as the fourth) after the fourth had been tuned on, and the sixth (the
	 * same) after the fifth; the seventh (the same) after the sixth; the eighth (the
	 * same) after the seventh; the ninth (278: 8 crises, 8 harmless look-alikes and 4
	 * concerns per language, 16/16/8 in Arabizi) after the eighth; the tenth (300 in six
	 * languages, a third of them Arabizi) after the ninth; the eleventh (300 in thirteen
	 * languages, 40% harmless look-alikes) after the tenth; the twelfth (288 in thirteen
	 * languages, a seventh of them Arabizi) after the eleventh; the thirteenth (284, most
	 * crises suicide, self-harm or violence) after the twelfth.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource({
			// floors under the figures measured when the examples and the vote window
			// were settled: tuning part 97.2% caught, 8.3% false alarms, 6 crises
			// without their own help; frozen part 95.8%, 2.8%, 7. Once Samaritans (in
			// every crisis reply) was no longer a second help, the frozen parts' crises
			// without their own help fell: multilingual 4 -> 1, third 4 -> 2
			"multilingual-tune, 0.95, 0.10, 6", "multilingual-test, 0.93, 0.06, 2",
			// third set, once its tuning part had been worked on: tuning part 97.8%,
			// 13.5%, 4; frozen part 88.5%, 21.2%, 4. Harmless messages that sound
			// alarming are this set's weakness: see the closing notes.
			"third-tune, 0.95, 0.15, 5", "third-test, 0.86, 0.23, 3",
			// fourth set, as first measured: tuning part 96.9%, 15.4%, 2; frozen part
			// 90.8%, 15.4%, 6
			"fourth-tune, 0.95, 0.18, 3", "fourth-test, 0.89, 0.18, 7",
			// fifth set: as first measured, tuning part 93.8%, 29.2%; frozen part 95.4%,
			// 29.2%. After the fourth round of examples (written from the tuning part's
			// situations) and the first-aid lesson phrases: tuning 100%, 6.2%, 1;
			// frozen 98.5%, 16.9%, 3
			"fifth-tune, 0.95, 0.10, 3", "fifth-test, 0.95, 0.20, 5",
			// sixth set (crises about someone else, long messages with the danger last,
			// harmless ones about a topic): as first measured, tuning part 89.2%,
			// 23.1%, 5; frozen part 89.2%, 16.9%, 5. Once sentences were read alone:
			// tuning 98.5%, 23.1%, 6; frozen 96.9%, 21.5%, 5
			"sixth-tune, 0.95, 0.25, 7", "sixth-test, 0.93, 0.25, 7",
			// seventh set (code-switched, unpunctuated, emoji; harmless jokes that
			// threaten),
			// written after all of the above and never tuned on: tuning part 90.8%,
			// 38.5%, 7; frozen part 96.9%, 32.3%, 2. Its harmless messages given the
			// crisis reply (21 of 78) are the danger check's weakest point. With emoji
			// read as words (chosen from its tuning part's misses) and the glossaries:
			// tuning 96.9%, 12.8%, 8; frozen 100%, 28.2%, 5
			"seventh-tune, 0.95, 0.20, 9", "seventh-test, 0.95, 0.30, 5",
			// eighth set (indirect, unpunctuated, emoji, stories with the danger last),
			// written before the glossaries and never tuned on. As first measured
			// without them: tuning part 98.5%, 10.3%; frozen part 96.9%, 5.1%. With
			// them: tuning 100%, 12.8%, 5; frozen 98.5%, 5.1%, 4. Its tuning part was
			// then tuned on (the harmless-by-meaning veto on spelling): tuning 100%,
			// 7.7%; frozen 98.5%, 2.6%
			"eighth-tune, 0.97, 0.15, 6", "eighth-test, 0.95, 0.10, 5",
			// ninth set (harmless messages that share words with danger in every
			// language, Arabizi crises), written after all of the above. As first
			// measured: tuning part 98.2%, 36.4%, 3; frozen part 92.9%, 30.9%, 1. With
			// topics read in the glossaries' English too: tuning 98.2%, 30.9%, 3; with
			// film scenes as topics and English schoolwork in the Amharic idiom: tuning
			// 98.2%, 27.3%; frozen unchanged throughout
			"ninth-tune, 0.96, 0.30, 5", "ninth-test, 0.91, 0.33, 3",
			// tenth set (Arabizi, Arabic, Finglish, Vietnamese, Albanian and English;
			// 40% crises, 40% harmless look-alikes), written after all of the above.
			// As first measured: tuning part 95.0%, 21.7%, 5; frozen part 93.3%,
			// 18.3%, 5. With the rules and glossary words drawn from its tuning part:
			// tuning 98.3%, 18.3%; frozen unchanged. With a second help from a vote share
			// of 0.3: crises without their own help, tuning 4, frozen 5 -> 3
			"tenth-tune, 0.96, 0.20, 4", "tenth-test, 0.91, 0.20, 3",
			// eleventh set (Arabizi, Arabic, Pashto, Tigrinya, English by one writer;
			// Vietnamese, Albanian, Farsi, Finglish, Amharic, Sorani, Kurmanji, French by
			// another; 40% crises, 40% harmless look-alikes), written after all of the
			// above. As first measured: tuning part 95.0%, 40.0%, 2; frozen part 93.3%,
			// 21.7%, 4. With the rules and everyday phrases drawn from its tuning part:
			// tuning 100%, 33.3%; frozen unchanged
			"eleventh-tune, 0.98, 0.34, 2", "eleventh-test, 0.93, 0.22, 4",
			// twelfth set (the languages caught least, Arabizi most; grooming by gifts,
			// kitchens and games among the harmless look-alikes; rows within 0.6
			// trigram likeness of the bank or an earlier set left out), written after all
			// of the above. As first measured: tuning part 94.9%, 34.5%, 3; frozen part
			// 91.5%, 24.1%, 4. With the Arabizi debt rules, the Tigrinya goodbye and a
			// lesson at school as a topic (from its tuning part): tuning 100%, 24.1%;
			// frozen 91.5%, 22.2%
			"twelfth-tune, 0.98, 0.25, 3", "twelfth-test, 0.91, 0.23, 4",
			// thirteenth set (suicide, self-harm and violence said without their words,
			// and their harmless look-alikes; rows within 0.6 trigram likeness of the
			// bank or an earlier set left out), written after all of the above. As first
			// measured: tuning part 93.1%, 36.8%, 1; frozen part 94.8%, 32.1%, 5. With
			// the rules drawn from its tuning part (a roof now, tablets counted for
			// tonight, Arabizi "better to end it all", things not needed after tonight):
			// tuning 100%; the rest unchanged
			"thirteenth-tune, 0.98, 0.37, 2", "thirteenth-test, 0.94, 0.33, 5" })
	void laterBlindSetsCatchCrisesWithFewFalseAlarms(String part, double recall, double falseAlarms,
			int withoutTheirHelp) {
		Figures figures = measure(EvaluationSet.load(part), RepositoryDangerCheck.shared()::assess);
		System.out.println("Safeguarding, " + part + ", rules and examples:\n" + figures.report());
		assertThat(figures.crisisRecall()).isGreaterThanOrEqualTo(recall);
		assertThat(figures.crisisFalseAlarms()).isLessThanOrEqualTo(falseAlarms);
		// crises led by another help and without their own anywhere in the reply
		// (SemanticDetector.VOTE_WINDOW)
		assertThat(figures.withoutTheirHelp()).isLessThanOrEqualTo(withoutTheirHelp);
	}

	/**
	 * The question sets are ordinary messages in every language: questions about
	 * entitlements, none of them a crisis. How many get the crisis reply (and an URGENT
	 * alert to a worker) is a false-alarm rate on the messages the service gets most.
	 */
	@ParameterizedTest(name = "{0} part")
	@ValueSource(strings = { "tune", "test" })
	void ordinaryQuestionsRarelyGetTheCrisisReply(String part) {
		List<String> questions = EvaluationSet.ordinaryQuestions(part);
		List<String> alarms = questions.stream()
			.filter(question -> RepositoryDangerCheck.shared().assess(question).level() == RiskLevel.CRISIS)
			.toList();
		double rate = (double) alarms.size() / questions.size();
		System.out.printf(Locale.ROOT, "Ordinary questions, %s part: %d of %d given the crisis reply (%.1f%%)%n", part,
				alarms.size(), questions.size(), 100 * rate);
		// tuning part 11 of 242, frozen part 7 of 246
		// (SemanticDetector.ORDINARY_MEANING_VETO)
		assertThat(rate).isLessThanOrEqualTo(0.06);
	}

	/**
	 * The project's older hand-labelled set stays a regression check for both detectors.
	 */
	@Test
	void olderLabelledSetStillCaughtWithFewFalseAlarms() {
		Figures labelled = measure(EvaluationSet.labelled(), RepositoryDangerCheck.shared()::assess);
		System.out.println("Safeguarding, older labelled set, rules and examples:\n" + labelled.report());
		assertThat(labelled.crisisRecall()).isGreaterThanOrEqualTo(0.98);
		assertThat(labelled.crisisFalseAlarms()).isLessThanOrEqualTo(0.10);
	}

	@Test
	void everyCrisisAssessmentSaysWhichDetectorAndWhy() {
		for (EvaluationSet.Labelled m : EvaluationSet.load("tune").messages()) {
			RiskAssessment a = RepositoryDangerCheck.shared().assess(m.message());
			if (a.level() != RiskLevel.NONE) {
				assertThat(a.detectedBy()).as(m.message()).isIn("rules", "examples", "rules+examples");
				assertThat(a.evidence()).as(m.message()).isNotBlank().doesNotContain(m.message());
				assertThat(a.category()).as(m.message()).isNotBlank();
			}
		}
	}

	/**
	 * @param concernAsCrisis concern messages given the crisis reply and an URGENT alert:
	 * a false alarm too, though the worker was to be told anyway
	 */
	record Figures(Map<String, int[]> crisisByLanguage, Map<String, int[]> crisisByCategory, int concern,
			int flaggedConcerns, int concernAsCrisis, int none, int noneAsCrisis, int noneFlagged,
			List<String> categoryWrong, int withoutTheirHelp, int secondHelps) {

		double crisisRecall() {
			return ratio(this.crisisByLanguage);
		}

		double crisisFalseAlarms() {
			return this.none == 0 ? 0 : (double) this.noneAsCrisis / this.none;
		}

		/** Crisis replies to messages that were not a crisis (concern or nothing). */
		double notCrisisGivenCrisis() {
			int notCrisis = this.concern + this.none;
			return notCrisis == 0 ? 0 : (double) (this.concernAsCrisis + this.noneAsCrisis) / notCrisis;
		}

		double concernFlagged() {
			return this.concern == 0 ? 1 : (double) this.flaggedConcerns / this.concern;
		}

		private static double ratio(Map<String, int[]> counts) {
			int total = counts.values().stream().mapToInt(c -> c[0]).sum();
			int hit = counts.values().stream().mapToInt(c -> c[1]).sum();
			return total == 0 ? 1 : (double) hit / total;
		}

		String report() {
			StringBuilder out = new StringBuilder();
			out.append(String.format(Locale.ROOT,
					"  crisis caught %.1f%%, concern flagged %.1f%% (%d/%d), ordinary given the crisis reply %.1f%% (%d/%d),"
							+ " ordinary flagged at all %.1f%%, concern given the crisis reply %d/%d;"
							+ " not a crisis but given the crisis reply %.1f%%%n",
					100 * crisisRecall(), 100 * concernFlagged(), this.flaggedConcerns, this.concern,
					100 * crisisFalseAlarms(), this.noneAsCrisis, this.none,
					this.none == 0 ? 0 : 100.0 * this.noneFlagged / this.none, this.concernAsCrisis, this.concern,
					100 * notCrisisGivenCrisis()));
			out.append("  crisis caught by language:");
			this.crisisByLanguage
				.forEach((k, v) -> out.append(' ').append(k).append(' ').append(v[1]).append('/').append(v[0]));
			out.append("\n  crisis caught by category:");
			this.crisisByCategory
				.forEach((k, v) -> out.append(' ').append(k).append(' ').append(v[1]).append('/').append(v[0]));
			out.append("\n  crisis caught but given another kind of help: ").append(this.categoryWrong.size());
			Map<String, Integer> confusions = new TreeMap<>();
			this.categoryWrong.forEach(pair -> confusions.merge(pair, 1, Integer::sum));
			out.append(' ').append(confusions);
			out.append("\n  of those, without their own help anywhere in the reply: ").append(this.withoutTheirHelp);
			out.append("\n  crisis replies giving a second help: ").append(this.secondHelps);
			return out.toString();
		}

	}

	static Figures measure(EvaluationSet set, Function<String, RiskAssessment> check) {
		Map<String, int[]> byLanguage = new TreeMap<>();
		Map<String, int[]> byCategory = new TreeMap<>();
		int concern = 0;
		int concernFlagged = 0;
		int concernAsCrisis = 0;
		int none = 0;
		int noneAsCrisis = 0;
		int noneFlagged = 0;
		List<String> categoryWrong = new ArrayList<>();
		int withoutTheirHelp = 0;
		int secondHelps = 0;
		for (EvaluationSet.Labelled m : set.messages()) {
			RiskAssessment a = check.apply(m.message());
			switch (m.level()) {
				case CRISIS -> {
					boolean hit = a.level() == RiskLevel.CRISIS;
					count(byLanguage, m.language(), hit);
					count(byCategory, m.category(), hit);
					if (hit && !sameHelp(m.category(), a.category())) {
						categoryWrong.add(m.category() + "->" + a.category());
						withoutTheirHelp += withoutTheirHelp(m.category(), a) ? 1 : 0;
					}
					secondHelps += hit && a.secondCategory() != null ? 1 : 0;
				}
				case CONCERN -> {
					concern++;
					concernFlagged += a.level() != RiskLevel.NONE ? 1 : 0;
					concernAsCrisis += a.level() == RiskLevel.CRISIS ? 1 : 0;
				}
				case NONE -> {
					none++;
					noneAsCrisis += a.level() == RiskLevel.CRISIS ? 1 : 0;
					noneFlagged += a.level() != RiskLevel.NONE ? 1 : 0;
				}
			}
		}
		return new Figures(byLanguage, byCategory, concern, concernFlagged, concernAsCrisis, none, noneAsCrisis,
				noneFlagged, categoryWrong, withoutTheirHelp, secondHelps);
	}

	/**
	 * Whether the crisis help for the detected category is the help the labelled one
	 * needs.
	 */
	static boolean sameHelp(String labelled, String detected) {
		return CrisisHelp.forCategory(labelled) == CrisisHelp.forCategory(detected);
	}

	/**
	 * Whether the reply to a crisis caught gives the help for its labelled danger
	 * nowhere: neither as the lead nor as the second help. Every crisis reply carries
	 * Samaritans and Shout, so a suicide or self-harm message always has its own.
	 */
	static boolean withoutTheirHelp(String labelled, RiskAssessment caught) {
		return CrisisHelp.forCategory(labelled) != CrisisHelp.SUICIDE_AND_SELF_HARM
				&& !sameHelp(labelled, caught.category()) && !sameHelp(labelled, caught.secondCategory());
	}

	private static void count(Map<String, int[]> counts, String key, boolean hit) {
		int[] c = counts.computeIfAbsent(String.valueOf(key), k -> new int[2]);
		c[0]++;
		c[1] += hit ? 1 : 0;
	}

}
