package app.waymark;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Waymark: answers care leavers' questions about their rights, keeps in touch with them,
 * and routes what they say to their worker.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WaymarkApplication {

	public static void main(String[] args) {
		SpringApplication.run(WaymarkApplication.class, args);
	}

}
