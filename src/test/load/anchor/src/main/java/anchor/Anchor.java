package anchor;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * The floor Waymark is compared with: the same path as its SMS webhook, the form body read,
 * and the empty TwiML answer, with nothing else (no signature, storage or answer).
 */
@SpringBootApplication
@RestController
public class Anchor {

	public static void main(String[] args) {
		SpringApplication.run(Anchor.class, args);
	}

	@PostMapping("/webhooks/twilio/sms")
	Mono<ResponseEntity<String>> sms(ServerWebExchange exchange) {
		return exchange.getFormData()
			.map(form -> ResponseEntity.ok()
				.contentType(MediaType.TEXT_XML)
				.body(form.getFirst("MessageSid") == null ? "<Response/>" : "<Response></Response>"));
	}

}
