package app.waymark.system;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies the reverse proxies (IP addresses or CIDR ranges, comma separated
 * in {@code WAYMARK_TRUSTED_PROXIES}) whose forwarded headers are believed: the client's
 * address, and the public scheme and host. Empty: none is.
 * @param publicBaseUrl the public {@code https://host} ({@code WAYMARK_PUBLIC_BASE_URL}),
 * an origin the browser API calls may come from
 */
@ConfigurationProperties("waymark.security")
record SecuritySettings(@DefaultValue List<String> trustedProxies, @DefaultValue("") String publicBaseUrl) {
}
