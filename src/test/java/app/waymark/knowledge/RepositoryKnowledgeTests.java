package app.waymark.knowledge;

import java.util.List;
import java.util.regex.Pattern;

import app.waymark.system.SmsText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The articles in {@code knowledge/} as shipped: complete, sourced, dated and SMS-ready.
 */
class RepositoryKnowledgeTests {

	static final List<String> REQUIRED_IDS = List.of("free-bus-and-tram-travel", "housing-priority",
			"guaranteed-tenancy", "apprenticeships", "apprenticeship-bursary", "child-trust-fund",
			"health-and-prescriptions", "personal-adviser", "pathway-plan", "staying-put", "setting-up-home-allowance",
			"higher-education-bursary", "16-25-railcard", "care-leavers-compact", "children-in-care-council",
			"immigration-support", "rights-sessions", "crisis-help", "talk-to-my-worker", "council-tax",
			"benefits-and-universal-credit", "16-19-bursary", "homelessness", "complaints-and-advocacy",
			"register-with-a-gp", "bank-account-without-id", "national-insurance-number", "see-my-care-records",
			"citizenship-and-evisas", "id-documents", "driving-licence", "mental-health-support", "legal-advice",
			"student-finance", "jobs-and-cvs", "budgeting-and-debt", "phone-and-data", "leaving-care-at-21-and-25",
			"dentist-and-health-checks");

	private static final Pattern SOURCE = Pattern
		.compile("(https?://\\S+|[A-Z0-9][^;]{10,})(\\s*;\\s*(https?://\\S+|[A-Z0-9][^;]{10,}))*");

	private final KnowledgeBase knowledge = KnowledgeFixtures.repositoryKnowledge();

	@Test
	void everyArticleOtherToolsReferToExists() {
		assertThat(this.knowledge.all()).extracting(Article::id).containsAll(REQUIRED_IDS);
	}

	@Test
	void nationalAndLocalFoldersBothContribute() {
		assertThat(this.knowledge.all()).extracting(Article::scope).contains("national", "city-of-london");
		assertThat(this.knowledge.find("council-tax")).get().extracting(Article::scope).isEqualTo("city-of-london");
	}

	@Test
	void summariesAreGsm7AndFitTwoSegments() {
		for (Article article : this.knowledge.all()) {
			assertThat(SmsText.isGsm7(article.summary())).as(article.id() + " summary is GSM-7").isTrue();
			assertThat(SmsText.segments(article.summary())).as(article.id() + " summary segments")
				.isLessThanOrEqualTo(2);
		}
	}

	@Test
	void everyArticleIsSourcedAndDated() {
		for (Article article : this.knowledge.all()) {
			assertThat(article.source()).as(article.id() + " source").matches(SOURCE);
			assertThat(article.reviewBy()).as(article.id() + " review_by").isAfter(article.lastReviewed());
			assertThat(article.keywords()).as(article.id() + " keywords").isNotEmpty();
			assertThat(article.topics()).as(article.id() + " topics").isNotEmpty();
		}
	}

	@Test
	void noArticleShipsANumberMarkedUnchecked() {
		// A number is checked against its source before it ships, or it stays out.
		for (Article article : this.knowledge.all()) {
			assertThat(article.summary() + "\n" + article.body()).as(article.id())
				.doesNotContainIgnoringCase("check current");
		}
	}

	@Test
	void crisisArticleGivesTheNumbersAtOnce() {
		Article crisis = this.knowledge.find("crisis-help").orElseThrow();
		assertThat(crisis.summary()).contains("999", "116 123", "85258");
	}

}
