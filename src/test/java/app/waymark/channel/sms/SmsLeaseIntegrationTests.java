package app.waymark.channel.sms;

import java.util.LinkedHashMap;
import java.util.Map;

import app.waymark.WaymarkApplication;
import app.waymark.system.StartupRefused;
import app.waymark.system.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole application refuses to start when an SMS call (twice WAYMARK_SMS_TIMEOUT, as
 * TwilioSender bounds it) could outlive the outbound lease.
 */
class SmsLeaseIntegrationTests {

	@RegisterExtension
	static final TestDatabase database = TestDatabase.create(TestDatabase.Kind.H2);

	@Test
	void smsTimeOutsThatCouldOutliveTheLeaseAreRefusedAtStartUp() {
		Map<String, String> properties = new LinkedHashMap<>(database.springProperties());
		properties.putAll(TwilioStub.properties("http://127.0.0.1:9"));
		properties.put("server.port", "0");
		properties.put("waymark.outbound.enabled", "false");
		properties.put("waymark.checkin.enabled", "false");
		properties.put("waymark.outbound.lease", "5s");
		properties.put("waymark.sms.timeout", "3s");
		String[] args = properties.entrySet()
			.stream()
			.map(entry -> "--" + entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
		assertThatThrownBy(() -> new SpringApplicationBuilder(WaymarkApplication.class).run(args).close()).rootCause()
			.isInstanceOf(StartupRefused.class)
			.hasMessageStartingWith("WAYMARK_OUTBOUND_LEASE (5s) is not longer than one sms call can take "
					+ "(6s: twice WAYMARK_SMS_TIMEOUT)");
	}

}
