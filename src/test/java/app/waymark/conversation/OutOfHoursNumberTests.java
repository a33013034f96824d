package app.waymark.conversation;

import java.util.List;

import app.waymark.system.StartupRefused;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A real deployment must give the council's out-of-hours number: crisis replies need it.
 */
class OutOfHoursNumberTests {

	@ParameterizedTest(name = "{0} with number ''{1}'': starts {2}")
	@CsvSource(delimiter = '|',
			value = { "r2dbc:postgresql://db:5432/waymark | '' | false",
					"r2dbc:pool:postgresql://db/waymark | '  ' | false",
					"r2dbc:postgresql://db:5432/waymark | 020 8356 2710 | true",
					"r2dbc:h2:file:///data/waymark | '' | true", "'' | '' | true" })
	void refusesToStartWithoutItOnARealDeployment(String databaseUrl, String number, boolean starts) {
		ConversationSettings settings = new ConversationSettings(number, "crisis-help", List.of("travel"),
				"talk-to-my-worker");
		if (starts) {
			assertThatCode(() -> ConversationConfiguration.requireOutOfHoursNumber(settings, databaseUrl))
				.doesNotThrowAnyException();
		}
		else {
			assertThatThrownBy(() -> ConversationConfiguration.requireOutOfHoursNumber(settings, databaseUrl))
				.isInstanceOf(StartupRefused.class)
				.hasMessageContaining("WAYMARK_OUT_OF_HOURS_NUMBER");
		}
	}

}
