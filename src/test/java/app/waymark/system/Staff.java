package app.waymark.system;

import java.util.Map;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Staff calling the HTTP API as the tests do: HTTP Basic, one password for every account,
 * and the first admin the application makes from its settings (see
 * {@link TestDatabase#register(org.springframework.test.context.DynamicPropertyRegistry, String, String)}).
 * The admin's calls make the workers and young people most tests start from.
 */
public final class Staff {

	public static final String ADMIN = "admin@example.org";

	public static final String PASSWORD = "correct horse battery";

	private Staff() {
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
