package app.waymark.knowledge;

/**
 * Turns an article's two kinds of evidence into the chance that it is the right answer: a
 * logistic model over its word-match confidence, its nearest passage by meaning, and how
 * far each leads the best other article's (a clear winner is likelier right than one of
 * two close ones), and how many of the passages nearest the question are its own (its
 * example questions crowding round a question is good evidence). Fitted by logistic
 * regression (Newton's method) on the candidates of the tuning part of the question set
 * (168 questions; {@code AnswerFeatureDump} writes them); the frozen part is only
 * reported ({@code BlindQuestionEvaluationTests}).
 *
 * @param bias the intercept
 * @param words weight of the word-match confidence (0..1)
 * @param meaning weight of the meaning similarity (cosine)
 * @param wordsLead weight of its word match minus the best other article's
 * @param meaningLead weight of its meaning similarity minus the best other article's
 * @param vote weight of its share of the passages nearest the question
 */
record Fusion(double bias, double words, double meaning, double wordsLead, double meaningLead, double vote) {

	/**
	 * Refitted once the example questions and the spelling pass had changed the evidence:
	 * the weights fitted before them left the tuning part at 76.0% right and confident
	 * (threshold 0.8), these gave 82.9% (threshold 0.75), both 2.4% confidently wrong. A
	 * refit after 470 more example questions did no better (86.3% against these weights'
	 * 87.0% at 0.7), nor one after the off-topic messages (89.0% right at 1.8% wrong,
	 * against these weights' 89.0% at 1.2%), so these stayed; the threshold is now 0.65
	 * ({@link KnowledgeSettings}).
	 */
	static final Fusion DEFAULT = new Fusion(-7.039, 1.467, 6.445, 5.362, 14.031, 3.184);

	double chance(double wordMatch, double similarity, double wordsLeadBy, double meaningLeadBy, double share) {
		double z = this.bias + this.words * wordMatch + this.meaning * similarity + this.wordsLead * wordsLeadBy
				+ this.meaningLead * meaningLeadBy + this.vote * share;
		return 1 / (1 + Math.exp(-z));
	}

}
