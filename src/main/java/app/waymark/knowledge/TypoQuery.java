package app.waymark.knowledge;

import java.io.IOException;
import java.util.Objects;

import org.apache.lucene.index.FilteredTermsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BoostAttribute;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;

/**
 * The terms of a field within a few edits of a misspelt word, matched and weighted as
 * Lucene's {@link FuzzyQuery} does with a one-letter prefix and transpositions (same
 * terms, same boost {@code 1 - edits / shorter length}, same top-terms rewrite), but
 * found by comparing the field's terms directly. FuzzyQuery builds Levenshtein automata
 * for every word it is given, which cost more than everything else in a search of this
 * small index; the field's few thousand terms are checked in microseconds.
 * {@code TypoQueryTests} holds the rewrites of the two equal.
 */
final class TypoQuery extends MultiTermQuery {

	/** As FuzzyQuery's default: at most this many similar terms take part. */
	static final int MAX_EXPANSIONS = 50;

	private final Term term;

	private final int[] word;

	private final int maxEdits;

	TypoQuery(Term term, int maxEdits) {
		super(term.field(), FuzzyQuery.defaultRewriteMethod(MAX_EXPANSIONS));
		this.term = term;
		this.word = term.text().codePoints().toArray();
		this.maxEdits = maxEdits;
	}

	@Override
	protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws IOException {
		if (this.word.length == 0) {
			return TermsEnum.EMPTY;
		}
		return new FilteredTermsEnum(terms.iterator()) {

			private final BoostAttribute boost = attributes().addAttribute(BoostAttribute.class);

			{
				// terms are sorted by their bytes: start at the shared first letter
				setInitialSeekTerm(new BytesRef(new String(TypoQuery.this.word, 0, 1)));
			}

			@Override
			protected AcceptStatus accept(BytesRef candidate) {
				int[] other = candidate.utf8ToString().codePoints().toArray();
				if (other.length == 0 || other[0] != TypoQuery.this.word[0]) {
					return other.length > 0 && other[0] > TypoQuery.this.word[0] ? AcceptStatus.END : AcceptStatus.NO;
				}
				int edits = distance(TypoQuery.this.word, other, TypoQuery.this.maxEdits);
				if (edits > TypoQuery.this.maxEdits) {
					return AcceptStatus.NO;
				}
				this.boost.setBoost(edits == 0 ? 1f
						: 1f - (float) edits / (float) Math.min(other.length, TypoQuery.this.word.length));
				return AcceptStatus.YES;
			}
		};
	}

	/**
	 * {@link EditDistance} over code points, or {@code max + 1} when it exceeds
	 * {@code max} (then without computing it, where the lengths alone tell).
	 */
	static int distance(int[] a, int[] b, int max) {
		if (Math.abs(a.length - b.length) > max) {
			return max + 1;
		}
		return Math.min(EditDistance.distance(a, b), max + 1);
	}

	@Override
	public void visit(QueryVisitor visitor) {
		if (visitor.acceptField(this.field)) {
			visitor.visitLeaf(this);
		}
	}

	@Override
	public String toString(String field) {
		return (this.field.equals(field) ? "" : this.field + ":") + this.term.text() + "~" + this.maxEdits;
	}

	@Override
	public boolean equals(Object other) {
		return sameClassAs(other) && this.term.equals(((TypoQuery) other).term)
				&& this.maxEdits == ((TypoQuery) other).maxEdits;
	}

	@Override
	public int hashCode() {
		return Objects.hash(classHash(), this.term, this.maxEdits);
	}

}
