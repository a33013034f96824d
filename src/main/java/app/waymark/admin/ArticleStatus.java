package app.waymark.admin;

/** Where an article stands; only PUBLISHED articles answer questions. */
enum ArticleStatus {

	DRAFT, PUBLISHED, UNPUBLISHED, RETIRED

}
