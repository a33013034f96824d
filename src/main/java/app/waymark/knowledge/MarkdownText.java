package app.waymark.knowledge;

import java.util.regex.Pattern;

/** Turns the small Markdown subset articles use into plain text for SMS and search. */
public final class MarkdownText {

	private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)\\]\\(([^)]*)\\)");

	private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s*");

	private static final Pattern EMPHASIS = Pattern.compile("(\\*\\*|__|(?<!\\w)[*_](?=\\S)|(?<=\\S)[*_](?!\\w))");

	private static final Pattern BULLET = Pattern.compile("(?m)^\\s*[*+]\\s+");

	private static final Pattern BLANK_RUNS = Pattern.compile("\\n{3,}");

	private MarkdownText() {
	}

	public static String toPlain(String markdown) {
		String text = LINK.matcher(markdown).replaceAll(m -> quote(m.group(1) + " (" + m.group(2) + ")"));
		text = HEADING.matcher(text).replaceAll("");
		text = EMPHASIS.matcher(text).replaceAll("");
		text = BULLET.matcher(text).replaceAll("- ");
		text = text.replace("`", "");
		return BLANK_RUNS.matcher(text).replaceAll("\n\n").strip();
	}

	private static String quote(String replacement) {
		return java.util.regex.Matcher.quoteReplacement(replacement);
	}

}
