package app.waymark.knowledge;

import java.util.List;

import app.waymark.system.BadRequestException;

import org.springframework.context.annotation.Lazy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ranked articles for a question, for integrators and for admins checking the knowledge
 * base.
 */
@RestController
class KnowledgeController {

	private final KnowledgeSearch search;

	KnowledgeController(@Lazy KnowledgeSearch search) {
		this.search = search;
	}

	@GetMapping("/api/v1/knowledge/search")
	List<SearchHit> search(@RequestParam(name = "q", required = false) String q) {
		if (q == null || q.isBlank()) {
			throw new BadRequestException("q", "Give a question in the 'q' parameter.");
		}
		if (q.length() > KnowledgeSearch.MAX_QUESTION_CHARS) {
			throw new BadRequestException("q",
					"The question is too long (at most " + KnowledgeSearch.MAX_QUESTION_CHARS + " characters).");
		}
		return this.search.search(q);
	}

}
