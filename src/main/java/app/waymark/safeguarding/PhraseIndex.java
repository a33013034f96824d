package app.waymark.safeguarding;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import app.waymark.safeguarding.PhrasePattern.Element;

/**
 * Many compiled phrases, indexed by their first word so that a message is checked against
 * only the phrases that could start at each of its words. Immutable and thread-safe once
 * built.
 */
final class PhraseIndex {

	private final Map<String, List<Phrase>> byExactFirst = new HashMap<>();

	private final Map<String, List<Phrase>> byPrefixFirst = new HashMap<>();

	private final List<Phrase> scanned = new ArrayList<>();

	private int longestPrefix;

	/**
	 * Adds a compiled phrase, indexed under every word it can start with.
	 * @param elements the compiled phrase
	 * @param owner the slot a match is reported against
	 */
	void add(List<Element> elements, int owner) {
		Phrase phrase = new Phrase(compileNodes(elements), owner);
		List<Element> firsts = new ArrayList<>();
		if (!firstWords(elements, 0, List.of(), firsts)) {
			this.scanned.add(phrase);
			return;
		}
		Set<Element> seen = new HashSet<>();
		for (Element first : firsts) {
			if (!seen.add(first)) {
				continue;
			}
			if (first instanceof Element.Exact exact) {
				this.byExactFirst.computeIfAbsent(exact.word(), (k) -> new ArrayList<>()).add(phrase);
			}
			else if (first instanceof Element.Prefix prefix) {
				this.byPrefixFirst.computeIfAbsent(prefix.stem(), (k) -> new ArrayList<>()).add(phrase);
				this.longestPrefix = Math.max(this.longestPrefix, prefix.stem().length());
			}
			else {
				this.scanned.add(phrase);
				return;
			}
		}
	}

	/**
	 * Collects the word elements a sequence can start with.
	 * @return false if it can start with any word (a gap, a negation, or nothing)
	 */
	private static boolean firstWords(List<Element> sequence, int index, List<List<Element>> rest, List<Element> out) {
		if (index >= sequence.size()) {
			if (rest.isEmpty()) {
				return false;
			}
			return firstWords(rest.get(0), 0, rest.subList(1, rest.size()), out);
		}
		Element e = sequence.get(index);
		if (e instanceof Element.Choice choice) {
			List<List<Element>> after = new ArrayList<>(rest.size() + 1);
			after.add(sequence.subList(index + 1, sequence.size()));
			after.addAll(rest);
			for (List<Element> alternative : choice.alternatives()) {
				if (!firstWords(alternative, 0, after, out)) {
					return false;
				}
			}
			return true;
		}
		if (e instanceof Element.Gap || e instanceof Element.Not) {
			return false;
		}
		out.add(e);
		return true;
	}

	/**
	 * Marks in {@code hits} the owner slot of every phrase found in the words.
	 * @param words normalised words
	 * @param hits receives the owners found
	 */
	void findOwners(List<String> words, BitSet hits) {
		for (int i = 0; i < words.size(); i++) {
			String word = words.get(i);
			List<Phrase> exact = this.byExactFirst.get(word);
			if (exact != null) {
				tryAll(exact, words, i, hits);
			}
			if (!this.byPrefixFirst.isEmpty()) {
				int max = Math.min(word.length(), this.longestPrefix);
				for (int len = 1; len <= max; len++) {
					List<Phrase> prefixed = this.byPrefixFirst.get(word.substring(0, len));
					if (prefixed != null) {
						tryAll(prefixed, words, i, hits);
					}
				}
			}
			tryAll(this.scanned, words, i, hits);
		}
	}

	/**
	 * Replaces with {@link TextNormaliser#MASKED} every word that is part of a phrase in
	 * this index.
	 * @param words normalised words, modified in place
	 */
	void mask(List<String> words) {
		boolean[] masked = new boolean[words.size()];
		boolean any = false;
		for (int i = 0; i < words.size(); i++) {
			for (Phrase phrase : candidates(words.get(i))) {
				int end = phrase.matchFrom(words, i);
				if (end > i) {
					for (int j = i; j < end; j++) {
						masked[j] = true;
					}
					any = true;
				}
			}
		}
		if (any) {
			for (int i = 0; i < masked.length; i++) {
				if (masked[i]) {
					words.set(i, TextNormaliser.MASKED);
				}
			}
		}
	}

	private List<Phrase> candidates(String word) {
		List<Phrase> out = new ArrayList<>(this.scanned);
		List<Phrase> exact = this.byExactFirst.get(word);
		if (exact != null) {
			out.addAll(exact);
		}
		int max = Math.min(word.length(), this.longestPrefix);
		for (int len = 1; len <= max; len++) {
			List<Phrase> prefixed = this.byPrefixFirst.get(word.substring(0, len));
			if (prefixed != null) {
				out.addAll(prefixed);
			}
		}
		return out;
	}

	private static Object[] compileNodes(List<Element> elements) {
		Object[] nodes = new Object[elements.size()];
		for (int i = 0; i < nodes.length; i++) {
			Element e = elements.get(i);
			if (e instanceof Element.Choice choice) {
				Object[][] alternatives = new Object[choice.alternatives().size()][];
				for (int a = 0; a < alternatives.length; a++) {
					alternatives[a] = compileNodes(choice.alternatives().get(a));
				}
				nodes[i] = alternatives;
			}
			else {
				nodes[i] = e;
			}
		}
		return nodes;
	}

	private static void tryAll(List<Phrase> phrases, List<String> words, int start, BitSet hits) {
		for (Phrase phrase : phrases) {
			if (!hits.get(phrase.owner) && phrase.matchFrom(words, start) >= 0) {
				hits.set(phrase.owner);
			}
		}
	}

	/**
	 * A compiled phrase: each node is an {@link Element} (one word, a gap or a negation)
	 * or an {@code Object[][]} of alternative node sequences.
	 */
	private record Phrase(Object[] nodes, int owner) {

		/**
		 * @return the index after the match, or -1
		 */
		int matchFrom(List<String> words, int start) {
			return match(this.nodes, 0, words, start, (end) -> end);
		}

		private static int match(Object[] sequence, int index, List<String> words, int at, Continuation next) {
			if (index == sequence.length) {
				return next.from(at);
			}
			Object node = sequence[index];
			if (node instanceof Object[][] alternatives) {
				Continuation after = (end) -> match(sequence, index + 1, words, end, next);
				for (Object[] alternative : alternatives) {
					int end = match(alternative, 0, words, at, after);
					if (end >= 0) {
						return end;
					}
				}
				return -1;
			}
			Element e = (Element) node;
			if (e instanceof Element.Gap gap) {
				for (int skip = 0; skip <= gap.max() && at + skip <= words.size(); skip++) {
					int end = match(sequence, index + 1, words, at + skip, next);
					if (end >= 0) {
						return end;
					}
				}
				return -1;
			}
			if (at >= words.size()) {
				return (e instanceof Element.Not) ? match(sequence, index + 1, words, at, next) : -1;
			}
			if (!e.accepts(words.get(at))) {
				return -1;
			}
			return match(sequence, index + 1, words, at + 1, next);
		}

	}

	@FunctionalInterface
	private interface Continuation {

		int from(int position);

	}

}
