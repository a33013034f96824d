package app.waymark.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A question without the greeting and the sentences that only say who is asking ("Hello,
 * I am 16 years old from Sudan. I start ESOL in September and need money for the bus, how
 * I can apply?"). Young people new to English often introduce themselves first, and an
 * introduction is alike in every question: its words and its meaning pull the question
 * towards no article in particular (or towards immigration, for the country). Only the
 * English articles' search reads a question this way; the danger check always reads the
 * whole message.
 */
final class Introduction {

	private static final Pattern GREETING = Pattern.compile("^(?:(?:hi+|hello+|hey+|hiya|salam|salaam|"
			+ "assalamu? ?alaikum|good (?:morning|afternoon|evening)|dear \\w+)\\b[\\s,.!]*"
			+ "(?:(?:miss|sir|madam|mam|there|all|team)\\b[\\s,.!]*)?)+");

	private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");

	/** A sentence about the asker: who, how old, from where. */
	private static final Pattern ABOUT_ME = Pattern
		.compile("^(?:i am|i'm|im|my name is|me)\\b.*\\b(?:from|years?|yrs|yo|old|age)\\b.*");

	/**
	 * Words that make a sentence about the asker part of the question ("i am 17 and need
	 * money for college books"): it stays.
	 */
	private static final Pattern ASKING = Pattern.compile(
			"\\b(?:need\\w*|want\\w*|help\\w*|how|can|could|get|apply\\w*|pay\\w*|money|cost\\w*|looking|ask\\w*|where|what|when|why|who|which|is there|do i)\\b");

	/**
	 * Longest introduction sentence left out: a longer one usually carries the question's
	 * subject too ("I am 19 and left care this year and my college says I am too old for
	 * the bursary"). On the tuning questions 10, 16 and 24 gave the same figures within
	 * 0.2 points on the paraphrases.
	 */
	static final int MOST_WORDS = 16;

	private Introduction() {
	}

	/**
	 * The question without its greeting and introduction sentences, or as it was when
	 * nothing else would be left.
	 * @param question the question, lower-cased ({@link KnowledgeSearch#normalise})
	 */
	static String without(String question) {
		String text = GREETING.matcher(question).replaceFirst("");
		List<String> kept = new ArrayList<>();
		for (String sentence : SENTENCE_END.split(text)) {
			String plain = sentence.strip();
			boolean aboutMe = !plain.contains("?") && words(plain) <= MOST_WORDS && ABOUT_ME.matcher(plain).matches()
					&& !ASKING.matcher(plain).find();
			if (!aboutMe && !plain.isEmpty()) {
				kept.add(plain);
			}
		}
		String rest = String.join(" ", kept);
		return rest.isEmpty() ? question : rest;
	}

	/** Words in a stripped sentence (runs of white space between them). */
	private static int words(String sentence) {
		int words = sentence.isEmpty() ? 0 : 1;
		for (int i = 1; i < sentence.length(); i++) {
			if (Character.isWhitespace(sentence.charAt(i)) && !Character.isWhitespace(sentence.charAt(i - 1))) {
				words++;
			}
		}
		return words;
	}

}
