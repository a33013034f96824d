package app.waymark.safeguarding;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
	 * Adds a compiled phrase.
	 * @param elements the word sequence (first element neither a gap nor a negation)
	 * @param owner the slot a match is reported against
	 */
	void add(List<Element> elements, int owner) {
		Phrase phrase = new Phrase(elements.toArray(Element[]::new), owner);
		Element first = elements.get(0);
		if (first instanceof Element.Exact exact) {
			this.byExactFirst.computeIfAbsent(exact.word(), (k) -> new ArrayList<>()).add(phrase);
		}
		else if (first instanceof Element.Prefix prefix) {
			this.byPrefixFirst.computeIfAbsent(prefix.stem(), (k) -> new ArrayList<>()).add(phrase);
			this.longestPrefix = Math.max(this.longestPrefix, prefix.stem().length());
		}
		else {
			this.scanned.add(phrase);
		}
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

	private static void tryAll(List<Phrase> phrases, List<String> words, int start, BitSet hits) {
		for (Phrase phrase : phrases) {
			if (!hits.get(phrase.owner) && phrase.matchFrom(words, start) >= 0) {
				hits.set(phrase.owner);
			}
		}
	}

	private record Phrase(Element[] elements, int owner) {

		/**
		 * @return the index after the match, or -1
		 */
		int matchFrom(List<String> words, int start) {
			return match(words, start, 0);
		}

		private int match(List<String> words, int at, int element) {
			if (element == this.elements.length) {
				return at;
			}
			Element e = this.elements[element];
			if (e instanceof Element.Gap gap) {
				for (int skip = 0; skip <= gap.max() && at + skip <= words.size(); skip++) {
					int end = match(words, at + skip, element + 1);
					if (end >= 0) {
						return end;
					}
				}
				return -1;
			}
			if (at >= words.size()) {
				return (e instanceof Element.Not && element == this.elements.length - 1) ? at : -1;
			}
			if (!e.accepts(words.get(at))) {
				return -1;
			}
			return match(words, at + 1, element + 1);
		}

	}

}
