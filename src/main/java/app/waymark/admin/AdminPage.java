package app.waymark.admin;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin page: plain HTML and a little script calling the admin API with the browser's
 * sign-in session. Kept to one static file (no template engine or front-end build): every
 * action it offers is an API call, so the API tests cover its behaviour and the browser
 * test covers the page. It sits outside {@code static/} so only signed-in workers get it.
 */
@RestController
class AdminPage {

	private static final Resource PAGE = new ClassPathResource("admin/admin.html");

	/**
	 * The page's script, a file of its own: the Content-Security-Policy allows no inline
	 * script.
	 */
	private static final Resource SCRIPT = new ClassPathResource("admin/admin.js");

	@GetMapping(path = { "/admin", "/admin/" }, produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<Resource> page() {
		return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body(PAGE);
	}

	@GetMapping(path = "/admin/admin.js", produces = "text/javascript")
	ResponseEntity<Resource> script() {
		return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/javascript")).body(SCRIPT);
	}

}
