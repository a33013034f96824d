package app.waymark.channel.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The public chat page's settings.
 *
 * @param councilName the council named at the top of the page
 * @param embedOrigins the council sites allowed to show the page in a frame (the launcher
 * script's panel), such as {@code https://www.cityoflondon.gov.uk}; none by default
 */
@ConfigurationProperties("waymark.chat")
record ChatSettings(@DefaultValue("City of London") String councilName, @DefaultValue List<String> embedOrigins) {

	ChatSettings {
		embedOrigins = embedOrigins == null ? List.of()
				: embedOrigins.stream().map(String::strip).filter(origin -> !origin.isEmpty()).toList();
	}

}
