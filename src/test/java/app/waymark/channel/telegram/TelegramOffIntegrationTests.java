package app.waymark.channel.telegram;

import app.waymark.WaymarkApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a bot token the channel is off: the webhook answers 404 with a JSON error. */
@SpringBootTest(classes = { WaymarkApplication.class, TelegramTestConfiguration.class },
		properties = { "waymark.telegram.bot-token=", "waymark.outbound.enabled=false" })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class TelegramOffIntegrationTests {

	@Autowired
	WebTestClient web;

	@Autowired(required = false)
	TelegramSender sender;

	@Test
	void webhookIs404AndNoSenderExists(CapturedOutput output) {
		this.web.post()
			.uri("/webhooks/telegram")
			.contentType(MediaType.APPLICATION_JSON)
			.header(TelegramWebhook.SECRET_HEADER, "anything")
			.bodyValue("{\"update_id\":1}")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404)
			.jsonPath("$.message")
			.isNotEmpty();
		assertThat(this.sender).isNull();
	}

}
