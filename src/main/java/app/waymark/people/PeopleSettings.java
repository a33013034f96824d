package app.waymark.people;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param adminEmail the first administrator's e-mail ({@code WAYMARK_ADMIN_EMAIL})
 * @param adminPassword their password ({@code WAYMARK_ADMIN_PASSWORD}); no default
 */
@ConfigurationProperties("waymark.people")
record PeopleSettings(@DefaultValue("") String adminEmail, @DefaultValue("") String adminPassword) {

}
