package app.waymark.system;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Staff calling the HTTP API as the tests do: HTTP Basic, one password for every account,
 * and the first admin the application makes from its settings (see
 * {@link TestDatabase#register(org.springframework.test.context.DynamicPropertyRegistry, String, String)}).
 * The admin's calls make the workers and young people most tests start from.
 */
public final class Staff {

	public static final String ADMIN = "admin@example.org";

	public static final String PASSWORD = "correct horse battery";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private Staff() {
	}

	/**
	 * Signs in through the login form as a browser does (page, token, post) from the
	 * given client address ({@code X-Forwarded-For}, believed when the test's loopback is
	 * a trusted proxy; null for none). Gives the form post's response.
	 */
	public static WebTestClient.ResponseSpec signIn(WebTestClient web, String email, String password, String client) {
		var page = web.get()
			.uri("/login")
			.headers(headers -> forwardedFor(headers, client))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
		ResponseCookie session = page.getResponseCookies().getFirst("SESSION");
		Matcher token = CSRF.matcher(page.getResponseBody());
		if (session == null || !token.find()) {
			throw new IllegalStateException("The login page gave no session or CSRF token");
		}
		return web.post()
			.uri("/login")
			.headers(headers -> forwardedFor(headers, client))
			.cookie(session.getName(), session.getValue())
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData("username", email)
				.with("password", password)
				.with("_csrf", token.group(1)))
			.exchange();
	}

	/** The session cookie's value after a successful form sign-in. */
	public static String session(WebTestClient web, String email, String password) {
		ResponseCookie cookie = signIn(web, email, password, null).expectStatus()
			.is3xxRedirection()
			.expectHeader()
			.valueMatches(HttpHeaders.LOCATION, ".*/app(\\?.*)?$")
			.returnResult(Void.class)
			.getResponseCookies()
			.getFirst("SESSION");
		if (cookie == null) {
			throw new IllegalStateException("Signing in set no session cookie");
		}
		return cookie.getValue();
	}

	private static void forwardedFor(HttpHeaders headers, String client) {
		if (client != null) {
			headers.set("X-Forwarded-For", client);
		}
	}

	/** The client signed in as this member of staff. */
	public static WebTestClient as(WebTestClient web, String email) {
		return web.mutate().defaultHeaders(headers -> headers.setBasicAuth(email, PASSWORD)).build();
	}

	/** The admin adds a worker who signs in with {@link #PASSWORD}; gives the id. */
	public static long createWorker(WebTestClient web, String email, String role, String team) {
		return created(as(web, ADMIN).post()
			.uri("/api/v1/workers")
			.bodyValue(Map.of("name", "Worker", "email", email, "role", role, "team", team, "password", PASSWORD)));
	}

	/**
	 * The admin adds Joanne Smith, known as Jo, allocated to this worker; gives the id.
	 */
	public static long createYoungPerson(WebTestClient web, String caseReference, String team, long workerId) {
		return created(as(web, ADMIN).post()
			.uri("/api/v1/young-people")
			.bodyValue(Map.of("caseReference", caseReference, "name", "Joanne Smith", "preferredName", "Jo", "team",
					team, "workerId", workerId)));
	}

	/**
	 * A new link code from this path ({@code /api/v1/young-people/{id}/link-codes} or a
	 * worker's), asked for by whoever the client is signed in as.
	 */
	public static String linkCode(WebTestClient signedIn, String path) {
		return (String) signedIn.post()
			.uri(path)
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("code");
	}

	/**
	 * GETs this path as whoever the client is signed in as, expects 200 and gives the
	 * body.
	 */
	public static <T> T read(WebTestClient signedIn, String path, Class<T> type) {
		return signedIn.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(type)
			.returnResult()
			.getResponseBody();
	}

	private static long created(WebTestClient.RequestHeadersSpec<?> request) {
		return ((Number) request.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id")).longValue();
	}

}
