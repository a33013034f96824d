package app.waymark.knowledge;

/**
 * One ranked article for a question.
 *
 * @param score confidence in 0..1: the share of the question's words the article covers,
 * scaled by how strongly it matched
 */
public record SearchHit(String id, String title, double score, String snippet) {
}
