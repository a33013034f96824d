package app.waymark.channel.sms;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import app.waymark.channel.ProviderStub;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * Twilio as the tests see it: one made-up account whose REST API is this WireMock server,
 * and the webhooks Twilio would post for it, signed with the account's token. A test
 * class holds one in a static {@code @RegisterExtension} field, points the application at
 * it with {@link #register}, and stubs faults on top of {@link #acceptEverything}.
 */
public final class TwilioStub extends ProviderStub {

	public static final String SID = "ACtest0000000000000000000000000000";

	public static final String TOKEN = "test-auth-token";

	/** The application's number: replies come from it, webhooks are addressed to it. */
	public static final String FROM = "+447700900000";

	/** Where the application says it is reached, hence the URL Twilio signs. */
	public static final String PUBLIC = "https://waymark.example";

	public static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

	/** Twilio's JSON dates (RFC 2822), which its SDK parses. */
	static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

	public static final String SMS_WEBHOOK = "/webhooks/twilio/sms";

	public static final String STATUS_WEBHOOK = "/webhooks/twilio/status";

	public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

	/** Settings that turn the SMS channel on for the stub's account. */
	public static Map<String, String> properties(String apiBaseUrl) {
		return Map.of("waymark.sms.account-sid", SID, "waymark.sms.auth-token", TOKEN, "waymark.sms.from-number", FROM,
				"waymark.sms.api-base-url", apiBaseUrl, "waymark.sms.public-base-url", PUBLIC + "/", "waymark.sms.rate",
				"1000");
	}

	@Override
	public Map<String, String> properties() {
		return properties(apiBaseUrl());
	}

	/**
	 * Forgets earlier stubs and requests, then accepts every message as Twilio does: 201
	 * with a fresh message SID, and an empty list to the sender's look-up of an earlier
	 * attempt. At a low priority, so a test's own stubs win.
	 */
	public void acceptEverything() {
		resetAll();
		stubFor(post(urlPathEqualTo(MESSAGES)).atPriority(10)
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"status\":\"queued\","
						+ "\"num_segments\":\"1\",\"account_sid\":\"" + SID + "\"}")
				.withTransformers("response-template")));
		stubFor(get(urlPathEqualTo(MESSAGES)).atPriority(10)
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(page(List.of()))));
	}

	/**
	 * A page of Twilio's Messages list as the API answers it (the SDK's reader needs the
	 * paging keys), holding these message resources.
	 */
	public static String page(List<String> messages) {
		String uri = MESSAGES + "?PageSize=20";
		return "{\"messages\":[" + String.join(",", messages) + "],\"uri\":\"" + uri + "&Page=0\",\"first_page_uri\":\""
				+ uri + "&Page=0\",\"next_page_uri\":null,\"previous_page_uri\":null,\"page\":0,\"page_size\":20,"
				+ "\"start\":0,\"end\":" + Math.max(0, messages.size() - 1) + "}";
	}

	/**
	 * A message resource as Twilio's API describes one this account sent from
	 * {@link #FROM} (or through {@code service}, a messaging service sid, where not
	 * null), created at {@code created}.
	 */
	public static String message(String sid, String to, String body, Instant created, String service) {
		String date = json(DATE.format(created.atOffset(ZoneOffset.UTC)));
		return "{\"sid\":" + json(sid) + ",\"account_sid\":" + json(SID) + ",\"to\":" + json(to) + ",\"from\":"
				+ json(FROM) + ",\"messaging_service_sid\":" + (service == null ? "null" : json(service)) + ",\"body\":"
				+ json(body) + ",\"status\":\"delivered\",\"direction\":\"outbound-api\",\"num_segments\":\"1\","
				+ "\"num_media\":\"0\",\"api_version\":\"2010-04-01\",\"date_created\":" + date + ",\"date_updated\":"
				+ date + ",\"date_sent\":" + date + ",\"price\":null,\"price_unit\":\"USD\",\"error_code\":null,"
				+ "\"error_message\":null,\"uri\":" + json("/2010-04-01/Accounts/" + SID + "/Messages/" + sid + ".json")
				+ ",\"subresource_uris\":{}}";
	}

	/**
	 * The messages the application asked Twilio to send to this number, as form fields,
	 * in order.
	 */
	public List<Map<String, String>> sentTo(String number) {
		return findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).stream()
			.map(request -> parse(request.getBody()))
			.filter(fields -> number.equals(fields.get("To")))
			.toList();
	}

	/** The form fields Twilio posts for an SMS from this number to the application. */
	public static Map<String, String> sms(String from, String body) {
		String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
		Map<String, String> params = new LinkedHashMap<>();
		params.put("ToCountry", "GB");
		params.put("SmsMessageSid", sid);
		params.put("NumMedia", "0");
		params.put("From", from);
		params.put("To", FROM);
		params.put("Body", body);
		params.put("NumSegments", "1");
		params.put("MessageSid", sid);
		params.put("AccountSid", SID);
		params.put("ApiVersion", "2010-04-01");
		return params;
	}

	/**
	 * The form fields Twilio posts for a WhatsApp message from this address
	 * ({@code whatsapp:+44...}) to the business's WhatsApp sender {@code to}.
	 */
	public static Map<String, String> whatsApp(String from, String to, String body) {
		String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("SmsMessageSid", sid);
		fields.put("NumMedia", "0");
		fields.put("ProfileName", "Sam");
		fields.put("MessageType", "text");
		fields.put("WaId", from.substring("whatsapp:+".length()));
		fields.put("From", from);
		fields.put("To", to);
		fields.put("Body", body);
		fields.put("MessageSid", sid);
		fields.put("AccountSid", SID);
		fields.put("ApiVersion", "2010-04-01");
		return fields;
	}

	/**
	 * The signature Twilio sends with these fields posted to this path of the
	 * application.
	 */
	public static String signature(String path, Map<String, String> params) {
		return TwilioSigning.sign(TOKEN, PUBLIC + path, params);
	}

	public static byte[] form(Map<String, String> params) {
		StringBuilder out = new StringBuilder();
		params.forEach((key, value) -> out.append(out.isEmpty() ? "" : "&")
			.append(URLEncoder.encode(key, StandardCharsets.UTF_8))
			.append('=')
			.append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
		return out.toString().getBytes(StandardCharsets.US_ASCII);
	}

	/** Form fields; where a key repeats, the first value counts. */
	public static Map<String, String> parse(byte[] form) {
		Map<String, String> params = new LinkedHashMap<>();
		for (String pair : new String(form, StandardCharsets.UTF_8).split("&")) {
			int eq = pair.indexOf('=');
			if (!pair.isEmpty()) {
				params.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)),
						eq < 0 ? "" : decode(pair.substring(eq + 1)));
			}
		}
		return params;
	}

	private static String decode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}

	/** Twilio delivers an SMS from this number to the application. */
	public static WebTestClient.ResponseSpec deliver(WebTestClient web, String from, String body) {
		return webhook(web, SMS_WEBHOOK, sms(from, body));
	}

	/**
	 * Twilio's post of these fields to the SMS webhook of a whole application running at
	 * {@code base}, signed; for tests that start the application themselves.
	 */
	public static HttpRequest.Builder webhookRequest(String base, Map<String, String> params) {
		return webhookRequest(base, SMS_WEBHOOK, params);
	}

	/** As {@link #webhookRequest(String, Map)}, to the webhook at this path. */
	public static HttpRequest.Builder webhookRequest(String base, String path, Map<String, String> params) {
		return HttpRequest.newBuilder(URI.create(base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header(SIGNATURE_HEADER, signature(path, params))
			.POST(HttpRequest.BodyPublishers.ofByteArray(form(params)));
	}

	/** Posts these fields to a webhook, signed as Twilio signs them. */
	public static WebTestClient.ResponseSpec webhook(WebTestClient web, String path, Map<String, String> params) {
		return webhook(web, path, form(params), signature(path, params));
	}

	/** Posts a form body to a webhook with this signature, or none where it is null. */
	public static WebTestClient.ResponseSpec webhook(WebTestClient web, String path, byte[] body, String signature) {
		return web.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).headers(headers -> {
			if (signature != null) {
				headers.set(SIGNATURE_HEADER, signature);
			}
		}).bodyValue(body).exchange();
	}

}
