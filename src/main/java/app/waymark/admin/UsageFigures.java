package app.waymark.admin;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The usage screen's figures and the geometry of its charts, worked out on the server so
 * the page needs no chart library and no script: bars are SVG rectangles sized here, and
 * every chart has the same numbers as a table beside it.
 */
public record UsageFigures(List<String> weeks, List<TopicRow> topics, List<WeekRate> rates, List<Bar> rateBars,
		List<HourCount> hours, List<Bar> hourBars, List<HourCount> busiest, int questions, int confidentPercent) {

	/** One answered or unanswered question: its article (if any), confidence and time. */
	public record Asked(String articleId, boolean confident, OffsetDateTime at) {
	}

	/** A bar in a chart's 0..100 by 0..{@code HEIGHT} box. */
	public record Bar(double x, double y, double width, double height, String label, String value) {
	}

	public record TopicRow(String topic, List<Integer> perWeek, int total, List<Bar> bars) {
	}

	public record WeekRate(String week, int questions, int confident, int percent) {
	}

	public record HourCount(int hour, int count) {

		public String label() {
			return String.format("%02d:00–%02d:00", this.hour, (this.hour + 1) % 24);
		}

	}

	static final double HEIGHT = 60;

	private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

	private static UsageFigures build(List<String> weeks, List<TopicRow> topics, List<WeekRate> rates,
			List<HourCount> hours, int questions, int confident) {
		int percent = questions == 0 ? 0 : (int) Math.round(100.0 * confident / questions);
		List<Bar> rateBars = bars(rates.stream().map(r -> (double) r.percent()).toList(), 100,
				rates.stream().map(WeekRate::week).toList(), rates.stream().map(r -> r.percent() + "%").toList());
		int most = hours.stream().mapToInt(HourCount::count).max().orElse(0);
		List<Bar> hourBars = bars(hours.stream().map(h -> (double) h.count()).toList(), Math.max(1, most),
				hours.stream().map(h -> h.hour() % 3 == 0 ? String.format("%02d", h.hour()) : "").toList(),
				hours.stream().map(h -> String.valueOf(h.count())).toList());
		List<HourCount> busiest = hours.stream()
			.filter(h -> h.count() > 0)
			.sorted(Comparator.comparingInt(HourCount::count).reversed().thenComparingInt(HourCount::hour))
			.limit(3)
			.toList();
		return new UsageFigures(weeks, topics, rates, rateBars, hours, hourBars, busiest, questions, percent);
	}

	/**
	 * The last {@code weeks} weeks (Monday to Sunday in {@code zone}) up to
	 * {@code today}, each question under its article's first topic.
	 */
	static UsageFigures of(List<Asked> asked, int weeks, LocalDate today, ZoneId zone,
			Function<String, String> topicOf) {
		LocalDate firstMonday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(weeks - 1);
		List<String> labels = new ArrayList<>();
		for (int w = 0; w < weeks; w++) {
			labels.add(WEEK.format(firstMonday.plusWeeks(w)));
		}
		Map<String, int[]> perTopic = new LinkedHashMap<>();
		int[] perWeek = new int[weeks];
		int[] confidentPerWeek = new int[weeks];
		int[] perHour = new int[24];
		int counted = 0;
		int confident = 0;
		for (Asked a : asked) {
			var local = a.at().atZoneSameInstant(zone);
			long week = java.time.temporal.ChronoUnit.WEEKS.between(firstMonday, local.toLocalDate());
			if (local.toLocalDate().isBefore(firstMonday) || week >= weeks) {
				continue;
			}
			String topic = a.articleId() == null ? "no article found" : topicOf.apply(a.articleId());
			perTopic.computeIfAbsent(topic, t -> new int[weeks])[(int) week]++;
			perWeek[(int) week]++;
			perHour[local.getHour()]++;
			counted++;
			if (a.confident()) {
				confidentPerWeek[(int) week]++;
				confident++;
			}
		}
		int most = perTopic.values().stream().flatMapToInt(java.util.Arrays::stream).max().orElse(1);
		List<TopicRow> topics = perTopic.entrySet().stream().map(e -> {
			List<Integer> counts = java.util.Arrays.stream(e.getValue()).boxed().toList();
			return new TopicRow(e.getKey(), counts, counts.stream().mapToInt(Integer::intValue).sum(),
					bars(counts.stream().map(Integer::doubleValue).toList(), Math.max(1, most), labels,
							counts.stream().map(String::valueOf).toList()));
		}).sorted(Comparator.comparingInt(TopicRow::total).reversed().thenComparing(TopicRow::topic)).toList();
		List<WeekRate> rates = new ArrayList<>();
		for (int w = 0; w < weeks; w++) {
			rates.add(new WeekRate(labels.get(w), perWeek[w], confidentPerWeek[w],
					perWeek[w] == 0 ? 0 : (int) Math.round(100.0 * confidentPerWeek[w] / perWeek[w])));
		}
		List<HourCount> hours = new ArrayList<>();
		for (int h = 0; h < 24; h++) {
			hours.add(new HourCount(h, perHour[h]));
		}
		return build(labels, topics, rates, hours, counted, confident);
	}

	// Bars share the width evenly with a gap; a bar of value 0 still shows a hairline so
	// the reader sees the week or hour was counted.
	private static List<Bar> bars(List<Double> values, double max, List<String> labels, List<String> shown) {
		List<Bar> bars = new ArrayList<>();
		int n = values.size();
		if (n == 0) {
			return bars;
		}
		double slot = 100.0 / n;
		for (int i = 0; i < n; i++) {
			double h = Math.max(0.5, HEIGHT * values.get(i) / max);
			bars.add(new Bar(round(i * slot + slot * 0.15), round(HEIGHT - h), round(slot * 0.7), round(h),
					labels.get(i), shown.get(i)));
		}
		return bars;
	}

	private static double round(double v) {
		return Math.round(v * 100) / 100.0;
	}

}
