package app.waymark.admin;

/**
 * A question to try. With {@code scope}, {@code id} and {@code version}, that version
 * (usually an unpublished draft) stands in for the article while answering.
 */
record TryRequest(String question, String language, String scope, String id, Integer version) {
}
