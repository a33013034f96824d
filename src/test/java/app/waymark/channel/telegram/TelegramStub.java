package app.waymark.channel.telegram;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import app.waymark.channel.ProviderStub;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * Telegram as the tests see it: one made-up bot whose Bot API is this WireMock server,
 * and the updates Telegram would post to the application's webhook with the bot's secret.
 * A test class holds one in a static {@code @RegisterExtension} field, points the
 * application at it with {@link #register}, and stubs faults on top of
 * {@link #acceptEverything}.
 */
public final class TelegramStub extends ProviderStub {

	public static final String TOKEN = "123456:TEST-token";

	public static final String SECRET = "s3cret-Token_1";

	/** Where the Bot API's methods are, under the API's base URL. */
	public static final String API = "/bot" + TOKEN;

	public static final String SEND_MESSAGE = API + "/sendmessage";

	/** Where the application says it is reached, hence where Telegram is told to post. */
	public static final String PUBLIC = "https://waymark.example.org";

	public static final String WEBHOOK = "/webhooks/telegram";

	public static final String SECRET_HEADER = TelegramWebhook.SECRET_HEADER;

	/** Settings that turn the Telegram channel on for the stub's bot. */
	public static Map<String, String> properties(String apiBaseUrl) {
		return Map.of("waymark.telegram.bot-token", TOKEN, "waymark.telegram.webhook-secret", SECRET,
				"waymark.telegram.api-base-url", apiBaseUrl, "waymark.telegram.public-base-url", PUBLIC + "/");
	}

	@Override
	public Map<String, String> properties() {
		return properties(apiBaseUrl());
	}

	/**
	 * Forgets earlier stubs and requests, then answers every Bot API call as Telegram
	 * does when all is well: each sent message gets a fresh id, every other method
	 * {@code true}. At a low priority, so a test's own stubs win.
	 */
	public void acceptEverything() {
		resetAll();
		stubFor(post(urlEqualTo(SEND_MESSAGE)).atPriority(10)
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":true,\"result\":{\"message_id\":{{randomInt lower=1 upper=2000000000}},"
						+ "\"date\":1763978400,\"chat\":{\"id\":1,\"type\":\"private\"},\"text\":\"x\"}}")
				.withTransformers("response-template")));
		stubFor(post(urlPathMatching(Pattern.quote(API) + "/(?!sendmessage).*")).atPriority(10)
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"ok\":true,\"result\":true}")));
	}

	/** The messages the application asked Telegram to send, in order. */
	public List<LoggedRequest> messages() {
		return findAll(postRequestedFor(urlEqualTo(SEND_MESSAGE)));
	}

	/** The messages the application asked Telegram to send to this chat, in order. */
	public List<LoggedRequest> messagesTo(String chat) {
		return findAll(
				postRequestedFor(urlEqualTo(SEND_MESSAGE)).withRequestBody(containing("\"chat_id\":\"" + chat + "\"")));
	}

	/** The update Telegram posts when someone in a private chat sends the bot a text. */
	public static String message(long updateId, String chat, String text) {
		return """
				{"update_id":%d,"message":{"message_id":%d,%s,%s,"date":1763978400,"text":%s}}""".formatted(updateId,
				updateId, from(chat), privateChat(chat), json(text));
	}

	/** The update Telegram posts when someone presses a button carrying this data. */
	public static String callback(long updateId, String chat, String data) {
		return """
				{"update_id":%d,"callback_query":{"id":"cb%d",%s,"message":{"message_id":14,"from":{"id":111222333,\
				"is_bot":true,"first_name":"Waymark","username":"WaymarkBot"},%s,"date":1763978400,\
				"text":"Choose one:"},"chat_instance":"-8827340512923","data":%s}}""".formatted(updateId, updateId,
				from(chat), privateChat(chat), json(data));
	}

	private static String from(String chat) {
		return "\"from\":{\"id\":%s,\"is_bot\":false,\"first_name\":\"Sam\",\"language_code\":\"en\"}".formatted(chat);
	}

	private static String privateChat(String chat) {
		return "\"chat\":{\"id\":%s,\"first_name\":\"Sam\",\"type\":\"private\"}".formatted(chat);
	}

	/** Telegram posts an update to the application's webhook, with the bot's secret. */
	public static WebTestClient.ResponseSpec deliver(WebTestClient web, String update) {
		return deliver(web, update, SECRET);
	}

	/**
	 * Telegram's post of an update to the webhook of a whole application running at
	 * {@code base}, with the bot's secret; for tests that start the application
	 * themselves.
	 */
	public static HttpRequest.Builder webhookRequest(String base, String update) {
		return HttpRequest.newBuilder(URI.create(base + WEBHOOK))
			.header("Content-Type", "application/json")
			.header(SECRET_HEADER, SECRET)
			.POST(HttpRequest.BodyPublishers.ofString(update));
	}

	/** Posts an update to the webhook with this secret, or none where it is null. */
	public static WebTestClient.ResponseSpec deliver(WebTestClient web, String update, String secret) {
		return web.post().uri(WEBHOOK).contentType(MediaType.APPLICATION_JSON).headers(headers -> {
			if (secret != null) {
				headers.set(SECRET_HEADER, secret);
			}
		}).bodyValue(update).exchange();
	}

}
