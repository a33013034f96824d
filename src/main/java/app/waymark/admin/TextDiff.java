package app.waymark.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two texts, with the changed words marked inside lines that were edited
 * rather than replaced. Longest common subsequence: articles are a few hundred lines at
 * most, so the quadratic table is small.
 */
public final class TextDiff {

	public enum Kind {

		SAME, REMOVED, ADDED

	}

	/**
	 * A run of text; {@code changed} marks the words that differ within an edited line.
	 */
	public record Segment(String text, boolean changed) {
	}

	/** One line of the diff and its words. */
	public record Line(Kind kind, List<Segment> segments) {

		public String marker() {
			return switch (this.kind) {
				case SAME -> " ";
				case REMOVED -> "−";
				case ADDED -> "+";
			};
		}

		public String label() {
			return switch (this.kind) {
				case SAME -> "unchanged";
				case REMOVED -> "removed";
				case ADDED -> "added";
			};
		}

		public String css() {
			return "diff-" + this.kind.name().toLowerCase(java.util.Locale.ROOT);
		}

		public String text() {
			StringBuilder out = new StringBuilder();
			this.segments.forEach(s -> out.append(s.text()));
			return out.toString();
		}

	}

	private TextDiff() {
	}

	static List<Line> lines(String before, String after) {
		List<String> a = split(before);
		List<String> b = split(after);
		List<Line> out = new ArrayList<>();
		List<String> removed = new ArrayList<>();
		List<String> added = new ArrayList<>();
		for (Op op : ops(a, b)) {
			if (op.kind() == Kind.SAME) {
				flush(removed, added, out);
				out.add(new Line(Kind.SAME, List.of(new Segment(op.text(), false))));
			}
			else if (op.kind() == Kind.REMOVED) {
				removed.add(op.text());
			}
			else {
				added.add(op.text());
			}
		}
		flush(removed, added, out);
		return out;
	}

	/** True when nothing differs. */
	static boolean same(List<Line> lines) {
		return lines.stream().allMatch(l -> l.kind() == Kind.SAME);
	}

	// Removed lines followed by added ones are edits: pair them and mark the words.
	private static void flush(List<String> removed, List<String> added, List<Line> out) {
		int pairs = Math.min(removed.size(), added.size());
		List<Line> minus = new ArrayList<>();
		List<Line> plus = new ArrayList<>();
		for (int i = 0; i < removed.size(); i++) {
			if (i < pairs) {
				List<List<Segment>> words = words(removed.get(i), added.get(i));
				minus.add(new Line(Kind.REMOVED, words.get(0)));
				plus.add(new Line(Kind.ADDED, words.get(1)));
			}
			else {
				minus.add(new Line(Kind.REMOVED, List.of(new Segment(removed.get(i), true))));
			}
		}
		for (int i = pairs; i < added.size(); i++) {
			plus.add(new Line(Kind.ADDED, List.of(new Segment(added.get(i), true))));
		}
		out.addAll(minus);
		out.addAll(plus);
		removed.clear();
		added.clear();
	}

	private static List<List<Segment>> words(String before, String after) {
		List<String> a = tokens(before);
		List<String> b = tokens(after);
		List<Segment> left = new ArrayList<>();
		List<Segment> right = new ArrayList<>();
		for (Op op : ops(a, b)) {
			if (op.kind() != Kind.ADDED) {
				append(left, op.text(), op.kind() == Kind.REMOVED);
			}
			if (op.kind() != Kind.REMOVED) {
				append(right, op.text(), op.kind() == Kind.ADDED);
			}
		}
		return List.of(joined(left), joined(right));
	}

	// Neighbouring tokens of the same kind join into one segment.
	private static void append(List<Segment> segments, String text, boolean changed) {
		if (!segments.isEmpty() && segments.get(segments.size() - 1).changed() == changed) {
			Segment last = segments.remove(segments.size() - 1);
			segments.add(new Segment(last.text() + text, changed));
			return;
		}
		segments.add(new Segment(text, changed));
	}

	// A lone space between two changed runs belongs to the change, so "new words" reads
	// as one marked phrase rather than two.
	private static List<Segment> joined(List<Segment> segments) {
		List<Segment> out = new ArrayList<>();
		for (int i = 0; i < segments.size(); i++) {
			Segment s = segments.get(i);
			boolean bridge = !s.changed() && s.text().isBlank() && i > 0 && i + 1 < segments.size()
					&& segments.get(i + 1).changed() && !out.isEmpty() && out.get(out.size() - 1).changed();
			if (bridge) {
				Segment last = out.remove(out.size() - 1);
				Segment next = segments.get(++i);
				out.add(new Segment(last.text() + s.text() + next.text(), true));
			}
			else {
				out.add(s);
			}
		}
		return out;
	}

	private record Op(Kind kind, String text) {
	}

	private static List<Op> ops(List<String> a, List<String> b) {
		int[][] common = new int[a.size() + 1][b.size() + 1];
		for (int i = a.size() - 1; i >= 0; i--) {
			for (int j = b.size() - 1; j >= 0; j--) {
				common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
						: Math.max(common[i + 1][j], common[i][j + 1]);
			}
		}
		List<Op> ops = new ArrayList<>();
		int i = 0;
		int j = 0;
		while (i < a.size() && j < b.size()) {
			if (a.get(i).equals(b.get(j))) {
				ops.add(new Op(Kind.SAME, a.get(i)));
				i++;
				j++;
			}
			else if (common[i + 1][j] >= common[i][j + 1]) {
				ops.add(new Op(Kind.REMOVED, a.get(i++)));
			}
			else {
				ops.add(new Op(Kind.ADDED, b.get(j++)));
			}
		}
		while (i < a.size()) {
			ops.add(new Op(Kind.REMOVED, a.get(i++)));
		}
		while (j < b.size()) {
			ops.add(new Op(Kind.ADDED, b.get(j++)));
		}
		return ops;
	}

	private static List<String> split(String text) {
		if (text == null || text.isEmpty()) {
			return List.of();
		}
		return List.of(text.replace("\r\n", "\n").split("\n", -1));
	}

	/** Words and the spaces between them, so joining the tokens gives the line back. */
	private static List<String> tokens(String line) {
		List<String> tokens = new ArrayList<>();
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s+|[^\\s]+").matcher(line);
		while (m.find()) {
			tokens.add(m.group());
		}
		return tokens;
	}

}
