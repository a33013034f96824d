package app.waymark.channel;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.test.context.DynamicPropertyRegistry;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A messaging provider's API stood in for by a WireMock server on a free port, running
 * from construction so a test class's {@code @DynamicPropertySource} can point the
 * application at it. Registered with {@code @RegisterExtension}, it stops after the
 * class.
 */
public abstract class ProviderStub extends WireMockServer implements AfterAllCallback {

	protected ProviderStub() {
		super(options().dynamicPort().notifier(new Slf4jNotifier(false)));
		start();
	}

	/** The settings that turn the application's channel on against this stub. */
	public abstract Map<String, String> properties();

	/** Points a Spring test's application at this stub. */
	public void register(DynamicPropertyRegistry registry) {
		register(registry, properties());
	}

	public static void register(DynamicPropertyRegistry registry, Map<String, String> properties) {
		properties.forEach((key, value) -> registry.add(key, () -> value));
	}

	public String apiBaseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/** The text as a JSON string. */
	public static String json(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

}
