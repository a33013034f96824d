package app.waymark.safeguarding;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles one phrase from the rule file into the word sequences it stands for. The
 * syntax is documented at the top of {@code risk-rules.yml}; in short:
 *
 * <ul>
 * <li>{@code kill myself}: these words, next to each other, in this order;</li>
 * <li>{@code kill*}, {@code *self}, {@code *قتل*}: a word starting with, ending with or
 * containing the letters;</li>
 * <li>{@code (want to|wanna)}: one of the choices (a choice may be several words);</li>
 * <li>{@code [really]}: an optional word or choice;</li>
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

	/** A phrase with more alternatives than this is almost certainly a mistake. */
	static final int MAX_EXPANSIONS = 2_000_000;

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
	 * @return every word sequence the phrase stands for, none empty
	 * @throws IllegalArgumentException with a reason a rule author can act on
	 */
	static List<List<Element>> compile(String phrase, TextNormaliser normaliser) {
		PhrasePattern parser = new PhrasePattern(phrase, normaliser);
		List<List<Element>> sequences = parser.sequence();
		if (parser.pos < phrase.length()) {
			throw new IllegalArgumentException(
					"unexpected '" + phrase.charAt(parser.pos) + "' at position " + (parser.pos + 1));
		}
		List<List<Element>> result = new ArrayList<>();
		for (List<Element> sequence : sequences) {
			if (sequence.isEmpty()) {
				throw new IllegalArgumentException("can match nothing at all (is every word optional?)");
			}
			if (sequence.get(0) instanceof Element.Gap || sequence.get(sequence.size() - 1) instanceof Element.Gap) {
				throw new IllegalArgumentException("'...' must sit between two words");
			}
			if (sequence.get(0) instanceof Element.Not) {
				throw new IllegalArgumentException("a phrase cannot start with '!'");
			}
			result.add(List.copyOf(sequence));
		}
		return result;
	}

	private List<List<Element>> sequence() {
		List<List<Element>> acc = new ArrayList<>();
		acc.add(List.of());
		while (true) {
			skipSpaces();
			if (this.pos >= this.source.length()) {
				return acc;
			}
			char c = this.source.charAt(this.pos);
			if (c == ')' || c == ']' || c == '|') {
				return acc;
			}
			acc = product(acc, item());
		}
	}

	private List<List<Element>> item() {
		char c = this.source.charAt(this.pos);
		if (c == '(' || c == '[') {
			char close = (c == '(') ? ')' : ']';
			int start = this.pos;
			this.pos++;
			List<List<Element>> alternatives = new ArrayList<>(sequence());
			while (this.pos < this.source.length() && this.source.charAt(this.pos) == '|') {
				this.pos++;
				alternatives.addAll(sequence());
			}
			if (this.pos >= this.source.length() || this.source.charAt(this.pos) != close) {
				throw new IllegalArgumentException("'" + c + "' at position " + (start + 1) + " is never closed");
			}
			this.pos++;
			if (c == '[') {
				alternatives.add(List.of());
			}
			return alternatives;
		}
		if (c == '!') {
			this.pos++;
			if (this.pos >= this.source.length() || Character.isWhitespace(this.source.charAt(this.pos))) {
				throw new IllegalArgumentException("'!' must be followed by a word or a (choice)");
			}
			List<Element> words = new ArrayList<>();
			for (List<Element> alternative : item()) {
				if (alternative.size() != 1 || alternative.get(0) instanceof Element.Gap
						|| alternative.get(0) instanceof Element.Not) {
					throw new IllegalArgumentException("'!' only works with single words");
				}
				words.add(alternative.get(0));
			}
			return List.of(List.of(new Element.Not(List.copyOf(words))));
		}
		if (this.source.startsWith("...", this.pos)) {
			this.pos += 3;
			while (this.pos < this.source.length() && this.source.charAt(this.pos) == '.') {
				this.pos++;
			}
			return List.of(List.of(new Element.Gap(GAP)));
		}
		int start = this.pos;
		while (this.pos < this.source.length()) {
			char d = this.source.charAt(this.pos);
			if (Character.isWhitespace(d) || "()[]|".indexOf(d) >= 0) {
				break;
			}
			this.pos++;
		}
		return List.of(word(this.source.substring(start, this.pos)));
	}

	private List<Element> word(String chunk) {
		if (chunk.indexOf('*') >= 0) {
			boolean leading = chunk.startsWith("*");
			boolean trailing = chunk.endsWith("*");
			String stem = chunk.substring(leading ? 1 : 0, chunk.length() - (trailing ? 1 : 0));
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

	private List<List<Element>> product(List<List<Element>> left, List<List<Element>> right) {
		if ((long) left.size() * right.size() > MAX_EXPANSIONS) {
			throw new IllegalArgumentException(
					"has too many combinations (more than " + MAX_EXPANSIONS + "); split it into several phrases");
		}
		List<List<Element>> out = new ArrayList<>(left.size() * right.size());
		for (List<Element> l : left) {
			for (List<Element> r : right) {
				List<Element> joined = new ArrayList<>(l.size() + r.size());
				joined.addAll(l);
				joined.addAll(r);
				out.add(joined);
			}
		}
		return out;
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
