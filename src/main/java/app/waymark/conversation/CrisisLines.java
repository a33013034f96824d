package app.waymark.conversation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The national helplines crisis replies give, by the danger detected. Each default was
 * checked against the service's own page on 2026-12-04 (see README, "Crisis replies"); a
 * deployment may override any of them. The council's own out-of-hours number is not here:
 * it is {@code WAYMARK_OUT_OF_HOURS_NUMBER}, which a real deployment must set.
 *
 * @param samaritans Samaritans (samaritans.org)
 * @param shout Shout's text number (giveusashout.org)
 * @param domesticAbuse the National Domestic Abuse Helpline (refuge.org.uk)
 * @param modernSlavery the Modern Slavery and Exploitation Helpline
 * (modernslaveryhelpline.org)
 * @param shelter Shelter's free housing helpline (shelter.org.uk)
 */
@ConfigurationProperties("waymark.crisis")
public record CrisisLines(@DefaultValue("116 123") String samaritans, @DefaultValue("85258") String shout,
		@DefaultValue("0808 2000 247") String domesticAbuse, @DefaultValue("08000 121 700") String modernSlavery,
		@DefaultValue("0808 800 4444") String shelter) {

	public static final CrisisLines NATIONAL = new CrisisLines("116 123", "85258", "0808 2000 247", "08000 121 700",
			"0808 800 4444");

}
