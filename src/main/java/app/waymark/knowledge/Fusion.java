package app.waymark.knowledge;

/**
 * Turns an article's two kinds of evidence into the chance that it is the right answer: a
 * logistic model over its word-match confidence, its nearest passage by meaning, and how
 * far each falls behind the best article's. The weights were fitted on the tuning part of
 * the question set (see {@code AnswerEvaluationTests}, which reports the frozen part).
 *
 * @param bias the intercept
 * @param words weight of the word-match confidence (0..1)
 * @param meaning weight of the meaning similarity (cosine)
 * @param wordsBehind weight of how far its word match falls behind the best one
 * @param meaningBehind weight of how far its meaning falls behind the nearest article's
 */
record Fusion(double bias, double words, double meaning, double wordsBehind, double meaningBehind) {

	static final Fusion DEFAULT = new Fusion(-7.0, 5.0, 8.0, -3.0, -10.0);

	double chance(double wordMatch, double similarity, double wordsGap, double meaningGap) {
		double z = this.bias + this.words * wordMatch + this.meaning * similarity + this.wordsBehind * wordsGap
				+ this.meaningBehind * meaningGap;
		return 1 / (1 + Math.exp(-z));
	}

}
