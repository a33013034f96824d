package app.waymark.knowledge;

/**
 * Whether a match through a language's draft search terms (words alone) is sure enough to
 * answer: a logistic model over the best article's word-match confidence, its lead in
 * confidence over the next article, and its lead in raw BM25 relative to its own score.
 * The last one separates two articles that both match every word (equal confidence) when
 * one matches them far more strongly. Fitted on the drafts' own example questions, each
 * searched in its language's index built without it (three folds,
 * {@code DraftFeatureDump} and {@code src/test/tools/fit_draft_decision.py}); no
 * evaluation set was read for the weights.
 *
 * @param bias the intercept
 * @param confidence weight of the best article's word-match confidence (0..1)
 * @param confidenceLead weight of its confidence minus the next article's
 * @param bm25Lead weight of (its BM25 minus the next best BM25) over its BM25
 */
record DraftDecision(double bias, double confidence, double confidenceLead, double bm25Lead) {

	/**
	 * On 2,914 held-out example questions in nine languages, with the word-match floor
	 * (0.5) in front: at chance 0.52, 50.1% answered rightly and 11.4% wrongly, against
	 * 44.4% and 11.7% for the rule it replaced (confidence 0.5 and a lead of 0.11).
	 */
	static final DraftDecision DEFAULT = new DraftDecision(-1.288, 1.800, 3.672, 1.151);

	double chance(double wordMatch, double wordMatchLead, double relativeBm25Lead) {
		double z = this.bias + this.confidence * wordMatch + this.confidenceLead * wordMatchLead
				+ this.bm25Lead * relativeBm25Lead;
		return 1 / (1 + Math.exp(-z));
	}

}
