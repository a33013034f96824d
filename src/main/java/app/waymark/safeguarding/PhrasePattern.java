package app.waymark.safeguarding;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles one phrase from the rule file into a sequence of word matchers. The syntax is
 * documented at the top of {@code risk-rules.yml}; in short:
 *
 * <ul>
 * <li>{@code kill myself}: these words, next to each other, in this order;</li>
 * <li>{@code kill*}, {@code *self}, {@code *قتل*}: a word starting with, ending with or
 * containing the letters;</li>
 * <li>{@code (want to|wanna)}: one of the choices (a choice may be several words);</li>
 * <li>{@code [really]} or {@code (really)?}: an optional word or choice;</li>
 * <li>{@code ...}: up to {@value #GAP} other words in between;</li>
 * <li>{@code !out}, {@code !(up|back)}: the next word is not this one (or the message
 * ends here).</li>
 * </ul>
 *
 * Literal words go through the same {@link TextNormaliser} as messages, so a rule written
 * "can't" matches "cant", "can't" and "caaant".
 */
final class PhrasePattern {

	/** How many words {@code ...} may skip. */
	static final int GAP = 4;

	private final String source;

	private final TextNormaliser normaliser;

	private int pos;

	private PhrasePattern(String source, TextNormaliser normaliser) {
		this.source = source;
		this.normaliser = normaliser;
	}

	/**
	 * Compiles a phrase.
	 * @param phrase the phrase as written in the rule file
	 * @param normaliser the normaliser messages go through
	 * @return the phrase as a sequence of elements (choices nest)
	 * @throws IllegalArgumentException with a reason a rule author can act on
	 */
	static List<Element> compile(String phrase, TextNormaliser normaliser) {
		PhrasePattern parser = new PhrasePattern(phrase, normaliser);
		List<Element> sequence = parser.sequence();
		if (parser.pos < phrase.length()) {
			throw new IllegalArgumentException(
					"unexpected '" + phrase.charAt(parser.pos) + "' at position " + (parser.pos + 1));
		}
		if (sequence.isEmpty() || canBeEmpty(sequence, 0)) {
			throw new IllegalArgumentException("can match nothing at all (is every word optional?)");
		}
		Element first = sequence.get(0);
		if (first instanceof Element.Gap || sequence.get(sequence.size() - 1) instanceof Element.Gap) {
			throw new IllegalArgumentException("'...' must sit between two words");
		}
		if (first instanceof Element.Not) {
			throw new IllegalArgumentException("a phrase cannot start with '!'");
		}
		return List.copyOf(sequence);
	}

	private static boolean canBeEmpty(List<Element> sequence, int from) {
		for (int i = from; i < sequence.size(); i++) {
			Element e = sequence.get(i);
			if (e instanceof Element.Choice choice) {
				boolean any = false;
				for (List<Element> alternative : choice.alternatives()) {
					any |= canBeEmpty(alternative, 0);
				}
				if (!any) {
					return false;
				}
			}
			else if (!(e instanceof Element.Gap)) {
				return false;
			}
		}
		return true;
	}

	private List<Element> sequence() {
		List<Element> out = new ArrayList<>();
		while (true) {
			skipSpaces();
			if (this.pos >= this.source.length()) {
				return out;
			}
			char c = this.source.charAt(this.pos);
			if (c == ')' || c == ']' || c == '|') {
				return out;
			}
			out.addAll(item());
		}
	}

	private List<Element> item() {
		char c = this.source.charAt(this.pos);
		if (c == '(' || c == '[') {
			char close = (c == '(') ? ')' : ']';
			int start = this.pos;
			this.pos++;
			List<List<Element>> alternatives = new ArrayList<>();
			alternatives.add(List.copyOf(sequence()));
			while (this.pos < this.source.length() && this.source.charAt(this.pos) == '|') {
				this.pos++;
				alternatives.add(List.copyOf(sequence()));
			}
			if (this.pos >= this.source.length() || this.source.charAt(this.pos) != close) {
				throw new IllegalArgumentException("'" + c + "' at position " + (start + 1) + " is never closed");
			}
			this.pos++;
			boolean optional = c == '[';
			if (c == '(' && this.pos < this.source.length() && this.source.charAt(this.pos) == '?') {
				this.pos++;
				optional = true;
			}
			if (optional) {
				alternatives.add(List.of());
			}
			return List.of(new Element.Choice(List.copyOf(alternatives)));
		}
		if (c == '!') {
			this.pos++;
			if (this.pos >= this.source.length() || Character.isWhitespace(this.source.charAt(this.pos))) {
				throw new IllegalArgumentException("'!' must be followed by a word or a (choice)");
			}
			List<Element> words = new ArrayList<>();
			for (Element e : item()) {
				if (e instanceof Element.Choice choice) {
					for (List<Element> alternative : choice.alternatives()) {
						if (alternative.size() != 1 || !isWord(alternative.get(0))) {
							throw new IllegalArgumentException("'!' only works with single words");
						}
						words.add(alternative.get(0));
					}
				}
				else if (isWord(e)) {
					words.add(e);
				}
				else {
					throw new IllegalArgumentException("'!' only works with single words");
				}
			}
			if (words.isEmpty()) {
				throw new IllegalArgumentException("'!' must be followed by a word or a (choice)");
			}
			return List.of(new Element.Not(List.copyOf(words)));
		}
		if (this.source.startsWith("...", this.pos)) {
			this.pos += 3;
			while (this.pos < this.source.length() && this.source.charAt(this.pos) == '.') {
				this.pos++;
			}
			return List.of(new Element.Gap(GAP));
		}
		int start = this.pos;
		while (this.pos < this.source.length()) {
			char d = this.source.charAt(this.pos);
			if (Character.isWhitespace(d) || "()[]|".indexOf(d) >= 0) {
				break;
			}
			this.pos++;
		}
		return word(this.source.substring(start, this.pos));
	}

	private static boolean isWord(Element e) {
		return e instanceof Element.Exact || e instanceof Element.Prefix || e instanceof Element.Suffix
				|| e instanceof Element.Contains;
	}

	private List<Element> word(String chunk) {
		if (chunk.indexOf('*') >= 0) {
			boolean leading = chunk.startsWith("*");
			boolean trailing = chunk.endsWith("*");
			String stem = chunk.substring(leading ? 1 : 0,
					Math.max(leading ? 1 : 0, chunk.length() - (trailing ? 1 : 0)));
			if (stem.indexOf('*') >= 0) {
				throw new IllegalArgumentException("'" + chunk + "': '*' may only go at the start or end of a word");
			}
			List<String> words = TextNormaliser.rawWords(stem);
			if (words.size() != 1) {
				throw new IllegalArgumentException(
						"'" + chunk + "': a wildcard word needs letters and no spaces or punctuation");
			}
			String w = words.get(0);
			if (leading && trailing) {
				return List.of(new Element.Contains(w));
			}
			return List.of(leading ? new Element.Suffix(w) : new Element.Prefix(w));
		}
		List<String> words = this.normaliser.words(chunk);
		if (words.isEmpty()) {
			throw new IllegalArgumentException("'" + chunk + "' has no letters, digits or emoji to match");
		}
		List<Element> elements = new ArrayList<>();
		for (String w : words) {
			elements.add(new Element.Exact(w));
		}
		return elements;
	}

	private void skipSpaces() {
		while (this.pos < this.source.length() && Character.isWhitespace(this.source.charAt(this.pos))) {
			this.pos++;
		}
	}

	/** One position in a compiled phrase. */
	sealed interface Element {

		/**
		 * Whether this element accepts one word.
		 * @param word a normalised word
		 * @return true if it matches
		 */
		boolean accepts(String word);

		record Exact(String word) implements Element {
			@Override
			public boolean accepts(String w) {
				return this.word.equals(w);
			}
		}

		record Prefix(String stem) implements Element {
			@Override
			public boolean accepts(String w) {
				return w.startsWith(this.stem);
			}
		}

		record Suffix(String stem) implements Element {
			@Override
			public boolean accepts(String w) {
				return w.endsWith(this.stem);
			}
		}

		record Contains(String stem) implements Element {
			@Override
			public boolean accepts(String w) {
				return w.contains(this.stem);
			}
		}

		/** Up to {@code max} words of anything. */
		record Gap(int max) implements Element {
			@Override
			public boolean accepts(String w) {
				return true;
			}
		}

		/** One of several sequences (an empty one makes the choice optional). */
		record Choice(List<List<Element>> alternatives) implements Element {
			@Override
			public boolean accepts(String w) {
				throw new UnsupportedOperationException("a choice is not a single word");
			}
		}

		/** One word that none of {@code words} accepts, or the end of the message. */
		record Not(List<Element> words) implements Element {
			@Override
			public boolean accepts(String w) {
				for (Element e : this.words) {
					if (e.accepts(w)) {
						return false;
					}
				}
				return true;
			}
		}

	}

}
