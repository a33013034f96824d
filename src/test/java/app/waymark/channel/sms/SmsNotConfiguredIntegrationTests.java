package app.waymark.channel.sms;

import app.waymark.channel.ChannelSender;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Without Twilio settings the SMS channel is off: no sender, and the webhooks say so. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "waymark.sms.account-sid=", "waymark.sms.auth-token=", "waymark.outbound.enabled=false" })
@AutoConfigureWebTestClient
class SmsNotConfiguredIntegrationTests {

	@Autowired
	WebTestClient web;

	@Autowired
	ApplicationContext context;

	@Test
	void noSenderAndWebhooksAnswer503() {
		assertThat(this.context.getBeansOfType(ChannelSender.class).values())
			.noneMatch(sender -> sender.channel().equals("sms"));
		for (String path : new String[] { "/webhooks/twilio/sms", "/webhooks/twilio/status" }) {
			this.web.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.bodyValue("From=%2B447700900999&Body=hi&MessageSid=SM1")
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectBody(String.class)
				.value(body -> assertThat(body).contains("SMS is not configured"));
		}
	}

}
