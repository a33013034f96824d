package app.waymark.safeguarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import app.waymark.system.Csv;

/**
 * The safeguarding evaluation set written blind to the rules, the example bank and the
 * thresholds, in two parts: {@code tune} (thresholds were chosen on it) and {@code test}
 * (frozen: only reported, never tuned on).
 */
record EvaluationSet(String part, List<Labelled> messages) {

	record Labelled(int line, String message, String language, RiskLevel level, String category, String kind) {
	}

	/**
	 * The project's older hand-labelled set ({@code safeguarding/labelled-messages.csv}).
	 */
	static EvaluationSet labelled() {
		try (InputStream in = EvaluationSet.class.getClassLoader()
			.getResourceAsStream("safeguarding/labelled-messages.csv")) {
			List<Csv.Row> rows = Csv.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			return new EvaluationSet("labelled",
					rows.stream()
						.skip(1)
						.filter(row -> !row.get(0).isBlank())
						.map(row -> new Labelled(row.line(), row.get(0), "en",
								RiskLevel.valueOf(row.get(1).strip().toUpperCase(Locale.ROOT)),
								row.get(2).isBlank() ? null : row.get(2).strip(), ""))
						.toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The question sets' messages of a part ("tune" or "test"), English and other
	 * languages: ordinary messages, none of them a crisis.
	 */
	static List<String> ordinaryQuestions(String part) {
		List<String> questions = new java.util.ArrayList<>();
		for (String set : List.of("questions-" + part, "nonenglish-" + part)) {
			try {
				List<Csv.Row> rows = Csv.parse(java.nio.file.Files
					.readString(java.nio.file.Path.of("src/test/resources/evaluation/" + set + ".csv")));
				rows.subList(1, rows.size())
					.stream()
					.filter(row -> !row.get(0).isBlank())
					.forEach(row -> questions.add(row.get(0)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return questions;
	}

	/** Every safeguarding set's tuning part, oldest first: where choices are made. */
	static final List<String> TUNING_PARTS = List.of("tune", "multilingual-tune", "third-tune", "fourth-tune",
			"fifth-tune", "sixth-tune", "seventh-tune", "eighth-tune", "ninth-tune", "tenth-tune", "eleventh-tune",
			"twelfth-tune", "thirteenth-tune");

	static EvaluationSet load(String part) {
		String resource = "evaluation/safeguarding-" + part + ".csv";
		try (InputStream in = EvaluationSet.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing");
			}
			List<Csv.Row> rows = Csv.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			return new EvaluationSet(part,
					rows.stream()
						.skip(1)
						.filter(row -> !row.get(0).isBlank())
						.map(row -> new Labelled(row.line(), row.get(0), row.get(1),
								RiskLevel.valueOf(row.get(2).strip().toUpperCase(Locale.ROOT)),
								row.get(3).isBlank() ? null : row.get(3).strip(), row.get(4)))
						.toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
