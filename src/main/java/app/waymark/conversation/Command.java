package app.waymark.conversation;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The small vocabulary every channel shares. A command is the whole message (give or take
 * punctuation and a leading slash), so "stop" ends messages but "how do i stop my
 * tenancy" is a question.
 */
public enum Command {

	HELP, MORE, STOP, START, WORKER;

	private static final Map<String, Command> WORDS = Map.ofEntries(Map.entry("help", HELP), Map.entry("menu", HELP),
			Map.entry("topics", HELP), Map.entry("more", MORE), Map.entry("stop", STOP), Map.entry("stopall", STOP),
			Map.entry("unsubscribe", STOP), Map.entry("cancel", STOP), Map.entry("end", STOP), Map.entry("quit", STOP),
			Map.entry("start", START), Map.entry("unstop", START), Map.entry("worker", WORKER),
			Map.entry("my worker", WORKER), Map.entry("human", WORKER), Map.entry("a human", WORKER),
			Map.entry("person", WORKER), Map.entry("real person", WORKER), Map.entry("talk to my worker", WORKER),
			Map.entry("talk to a worker", WORKER), Map.entry("speak to my worker", WORKER),
			Map.entry("talk to someone", WORKER), Map.entry("speak to someone", WORKER),
			// the chat page's "Talk to a person" button sends its own words
			Map.entry("talk to a person", WORKER), Map.entry("speak to a person", WORKER), Map.entry("call me", WORKER),
			Map.entry("call me back", WORKER));

	public static Optional<Command> parse(String text) {
		String word = text.strip()
			.toLowerCase(Locale.ROOT)
			.replaceAll("^/+", "")
			.replaceAll("[\\p{Punct}\\s]+$", "")
			.replaceAll("\\s+", " ");
		return Optional.ofNullable(WORDS.get(word));
	}

}
